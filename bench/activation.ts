import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../test/support/env';

export interface ActivationRun {
  /** From opening a Dockerfile to the extension being active; 0 when it was active already. */
  activationMs: number;
  /** From opening a Dockerfile to its first Layerlens diagnostic in the Problems view. */
  firstDiagnosticsMs: number;
}

export type ActivationResult = { warm: ActivationRun[]; cold: ActivationRun[] } | { skipped: string };

/**
 * Extension activation in the real VS Code tier: the packaged extension installed into a fresh
 * code-server, as a user has it, and the VS Code tier's .vsix test timing it from opening a
 * Dockerfile (test/vscode/suite/vsix.test.ts). Each run is a new host. Warm: a folder with a
 * Dockerfile, where the extension starts with the window (`workspaceContains`) and the file is
 * opened once it has. Cold: a folder without one, where opening the file starts it (`onLanguage`).
 */
export function activationBench(runs: number): ActivationResult {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlens-activation-'));
  try {
    const measure = (kind: 'warm' | 'cold'): ActivationRun[] | string => {
      const measured: ActivationRun[] = [];
      for (let i = 0; i < runs; i++) {
        const out = path.join(dir, `${kind}-${i}.json`);
        const pass = spawnSync(process.execPath, [path.join(repoRoot, 'test', 'vscode', 'run.mjs'), 'vsix'], {
          stdio: ['ignore', process.stderr, process.stderr],
          env: {
            ...process.env,
            LAYERLENS_ACTIVATION_OUT: out,
            ...(kind === 'cold' ? { LAYERLENS_VSCODE_EMPTY_FOLDER: '1', LAYERLENS_VSCODE_GREP: 'activates on a Dockerfile' } : {}),
          },
        });
        if (pass.status === 3) return 'no VS Code host (test/hosts/install-vscode-host.sh installs it)';
        if (pass.status !== 0 || !fs.existsSync(out))
          return `the VS Code tier's .vsix pass failed (exit ${pass.status}); its output is above`;
        measured.push(JSON.parse(fs.readFileSync(out, 'utf8')) as ActivationRun);
      }
      return measured;
    };
    const warm = measure('warm');
    if (typeof warm === 'string') return { skipped: warm };
    const cold = measure('cold');
    if (typeof cold === 'string') return { skipped: cold };
    return { warm, cold };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
