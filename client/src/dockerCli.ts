import { execFile } from 'child_process';
import type { ProgramRun } from '../../common/buildPlan';

/**
 * Runs the docker client with an argv (no shell) for the probe in `common/buildPlan.ts`, bounded
 * in time so that a hung daemon cannot hang a command.
 */
export function dockerRunner(docker: string): (args: string[]) => Promise<ProgramRun> {
  return (args) => new Promise((resolve) => {
    execFile(docker, args, { timeout: 15_000, encoding: 'utf8' }, (error, stdout, stderr) => {
      const notStarted = error && typeof error.code === 'string' ? (error.code === 'ENOENT' ? 'not found' : error.message) : undefined;
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr, notStarted });
    });
  });
}
