import { execFile } from 'child_process';
import * as vscode from 'vscode';
import type { ProgramRun } from '../../common/buildPlan';
import { SETTINGS_SECTION } from '../../common/settings';

/** The docker client: machine-scoped in the manifest, so a workspace cannot name the executable that runs. */
export function configuredDocker(): string {
  return vscode.workspace.getConfiguration(SETTINGS_SECTION).get<string>('docker.path') || 'docker';
}

/**
 * Runs the docker client with an argv (no shell) for the probe in `common/buildPlan.ts`, bounded
 * in time so that a hung daemon cannot hang a command.
 */
export function dockerRunner(docker: string): (args: string[]) => Promise<ProgramRun> {
  return (args) =>
    new Promise((resolve) => {
      execFile(docker, args, { timeout: 15_000, encoding: 'utf8' }, (error, stdout, stderr) => {
        const notStarted = error && typeof error.code === 'string' ? (error.code === 'ENOENT' ? 'not found' : error.message) : undefined;
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr, notStarted });
      });
    });
}
