import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../test/support/env';
import type { PayoffRow, PayoffTarget } from '../test/support/payoff';

export type PayoffResult = { rows: PayoffRow[] } | { skipped: string };

/** The BuildKit tier's files whose scenarios record what the refactors and build commands buy. */
const SCENARIOS = ['refactors', 'registryCache'];

/** What each target asks, and whether a before/after pair meets it. */
export const PAYOFF_TARGETS: Record<
  PayoffTarget,
  { label: string; measured: (before: number, after: number) => string; met: (before: number, after: number) => boolean }
> = {
  rebuild: {
    label: 'rebuild after a source edit at least 5x faster after the fix',
    measured: (b, a) => `${(b / a).toFixed(1)}x faster`,
    met: (b, a) => b / a >= 5,
  },
  size: {
    label: 'image at least 60% smaller after the multi-stage conversion',
    measured: (b, a) => `${((1 - a / b) * 100).toFixed(0)}% smaller`,
    met: (b, a) => 1 - a / b >= 0.6,
  },
  freshRunner: {
    label: 'fresh-runner rebuild with the registry-cache command at least 3x faster than the naive inline cache',
    measured: (b, a) => `${(b / a).toFixed(1)}x faster`,
    met: (b, a) => b / a >= 3,
  },
};

/**
 * Builds the payoff scenarios on a real BuildKit: the BuildKit tier's refactor and registry-cache
 * tests, run with LAYERLENS_PAYOFF_OUT so that they record their figures. Uses the engine in
 * LAYERLENS_DOCKER_HOST (the one .ci/run starts), or starts the modern one and stops it after.
 * Without a daemon the figures are missing, never guessed: the reason is returned and printed.
 */
export function payoffBench(): PayoffResult {
  const script = path.join(repoRoot, 'test', 'hosts', 'modern-docker.sh');
  const startHere = !process.env.LAYERLENS_DOCKER_HOST;
  let engine: Record<string, string> = {};
  if (startHere) {
    const started = spawnSync('bash', [script, 'up'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    if (started.status !== 0)
      return { skipped: `no BuildKit daemon: ${started.stderr.trim().split('\n').pop() ?? 'test/hosts/modern-docker.sh up failed'}` };
    // Its last line is `export K=V ...`: the client, its config and the two daemons' sockets.
    const exports = (started.stdout.trim().split('\n').pop() ?? '').replace(/^export /, '').split(' ');
    engine = Object.fromEntries(exports.map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]));
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlens-payoff-'));
  const out = path.join(dir, 'payoff.json');
  try {
    const run = spawnSync(
      process.execPath,
      ['--test', '--test-concurrency=1', ...SCENARIOS.map((f) => path.join(repoRoot, 'out', 'test', 'buildkit', `${f}.test.js`))],
      {
        // The scenarios' own output goes to stderr, beside the benchmark's progress.
        stdio: ['ignore', process.stderr, process.stderr],
        env: { ...process.env, ...engine, LAYERLENS_PAYOFF_OUT: out, CI: 'true' },
      },
    );
    if (run.status !== 0 || !fs.existsSync(out)) return { skipped: `the payoff builds failed (exit ${run.status}); their output is above` };
    return { rows: JSON.parse(fs.readFileSync(out, 'utf8')) as PayoffRow[] };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    if (startHere) spawnSync('bash', [script, 'stop'], { stdio: 'ignore' });
  }
}
