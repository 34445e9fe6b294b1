import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../test/support/env';

export interface ActivationRun {
  /** From opening a Dockerfile to the extension being active. */
  activationMs: number;
  /** From opening a Dockerfile to its first Layerlens diagnostic in the Problems view. */
  firstDiagnosticsMs: number;
}

export type ActivationResult = { runs: ActivationRun[] } | { skipped: string };

/**
 * Extension activation in the real VS Code tier: the packaged extension installed into a fresh
 * code-server, as a user has it, and the VS Code tier's .vsix test timing it from opening a
 * Dockerfile (test/vscode/suite/vsix.test.ts). Each run is a new host, so each is a cold start.
 */
export function activationBench(runs: number): ActivationResult {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlens-activation-'));
  try {
    const measured: ActivationRun[] = [];
    for (let i = 0; i < runs; i++) {
      const out = path.join(dir, `run-${i}.json`);
      const pass = spawnSync(process.execPath, [path.join(repoRoot, 'test', 'vscode', 'run.mjs'), 'vsix'], {
        stdio: ['ignore', process.stderr, process.stderr],
        env: { ...process.env, LAYERLENS_ACTIVATION_OUT: out },
      });
      if (pass.status === 3) return { skipped: 'no VS Code host (test/hosts/install-vscode-host.sh installs it)' };
      if (pass.status !== 0 || !fs.existsSync(out)) return { skipped: `the VS Code tier's .vsix pass failed (exit ${pass.status}); its output is above` };
      measured.push(JSON.parse(fs.readFileSync(out, 'utf8')) as ActivationRun);
    }
    return { runs: measured };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
