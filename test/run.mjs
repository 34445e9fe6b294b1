// Runs every test tier, in order, and ends with one plain line for the whole run:
// `N passed, N failed, N skipped`. Exit 0 only when nothing failed.
//
//   unit      node --test out/test/unit.test.js   the engine, docs, manifest, boundaries: pure and fast,
//                                               every test/unit file in one process (npm run test:unit)
//   cli       node --test out/test/cli       dist/cli.js run as a process
//   corpus    node --test out/test/corpus    sweeps of the real-world corpus, oracle replays, fuzzing,
//                                               fixes over real files, the benchmark's smoke run
//   server    node --test out/test/server    dist/server.js over real JSON-RPC
//   buildkit  node --test out/test/buildkit  real builds on Docker 28 / buildx 0.29 (test/hosts/modern-docker.sh)
//   vscode    node test/vscode/run.mjs       the extension in a real VS Code (code-server + Chromium)
//
// Usage: node test/run.mjs [tier ...]   (default: all; `npm test` builds first)
// A tier whose host is missing skips loudly; with CI=true it fails instead.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const inCI = process.env.CI === 'true';
const requested = process.argv.slice(2);
const TIERS = ['unit', 'cli', 'corpus', 'server', 'buildkit', 'vscode'];
for (const tier of requested) {
  if (!TIERS.includes(tier)) {
    console.error(`unknown tier "${tier}"; tiers: ${TIERS.join(', ')}`);
    process.exit(2);
  }
}
const tiers = requested.length > 0 ? requested : TIERS;
const totals = { passed: 0, failed: 0, skipped: 0 };
const cleanups = [];

function run(command, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...env } });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

/** A node:test tier: the spec reporter for people, a TAP file for the counts. */
async function nodeTestTier(name, env = {}) {
  const tap = path.join(os.tmpdir(), `layerlens-${name}-${process.pid}.tap`);
  const code = await run(
    process.execPath,
    [
      '--enable-source-maps',
      '--test',
      '--test-concurrency=1',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=tap',
      `--test-reporter-destination=${tap}`,
      name === 'unit' ? 'out/test/unit.test.js' : `out/test/${name}/`,
    ],
    env,
  );
  const text = fs.existsSync(tap) ? fs.readFileSync(tap, 'utf8') : '';
  fs.rmSync(tap, { force: true });
  const count = (key) => Number(new RegExp(`^# ${key} (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
  const counts = { passed: count('pass'), failed: count('fail') + count('cancelled'), skipped: count('skipped') + count('todo') };
  if (code !== 0 && counts.failed === 0) counts.failed = 1;
  return counts;
}

/**
 * The BuildKit tier's engine: the one .ci/run started (its variables are already set), or the modern
 * engine installed and started here and stopped at the end. Returns the variables the tests read.
 */
async function engineEnv() {
  if (process.env.LAYERLENS_DOCKER_HOST) return {};
  const script = path.join(root, 'test', 'hosts', 'modern-docker.sh');
  const started = spawnSync('bash', [script, 'up'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (started.status !== 0) {
    process.stderr.write(started.stderr);
    return undefined;
  }
  cleanups.push(() => spawnSync('bash', [script, 'stop'], { stdio: 'inherit' }));
  const exports = started.stdout
    .trim()
    .split('\n')
    .pop()
    .replace(/^export /, '')
    .split(' ');
  return Object.fromEntries(exports.map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]));
}

async function vscodeTier(env) {
  const install = await run('bash', [path.join(root, 'test', 'hosts', 'install-vscode-host.sh')]);
  if (install !== 0) {
    const message = 'the VS Code test host (code-server + Chromium) could not be installed';
    if (inCI) {
      console.error(`${message} (CI=true: a missing host fails the run)`);
      return { passed: 0, failed: 1, skipped: 0 };
    }
    console.error(`\n!!! SKIPPED the VS Code tier: ${message}. Run test/hosts/install-vscode-host.sh as root.\n`);
    return { passed: 0, failed: 0, skipped: 1 };
  }
  const packaged = await run('npm', ['run', '--silent', 'package']);
  if (packaged !== 0) return { passed: 0, failed: 1, skipped: 0 };
  const log = path.join(os.tmpdir(), `layerlens-vscode-${process.pid}.log`);
  const code = await new Promise((resolve) => {
    const child = spawn(process.execPath, ['test/vscode/run.mjs'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, ...env },
    });
    const out = fs.createWriteStream(log);
    child.stdout.on('data', (d) => {
      process.stdout.write(d);
      out.write(d);
    });
    child.on('exit', (c) => out.end(() => resolve(c ?? 1)));
  });
  const result = /^result: (\d+) passed, (\d+) failed, (\d+) skipped$/m.exec(fs.readFileSync(log, 'utf8'));
  fs.rmSync(log, { force: true });
  const counts = result
    ? { passed: Number(result[1]), failed: Number(result[2]), skipped: Number(result[3]) }
    : { passed: 0, failed: 0, skipped: 0 };
  if (code !== 0 && counts.failed === 0) counts.failed = 1;
  return counts;
}

try {
  let engine;
  for (const tier of tiers) {
    console.log(`\n======== ${tier} tier ========`);
    if ((tier === 'buildkit' || tier === 'vscode') && engine === undefined) engine = (await engineEnv()) ?? {};
    const env = engine ?? {};
    const counts = tier === 'vscode' ? await vscodeTier(env) : await nodeTestTier(tier, env);
    console.log(`${tier} tier: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
    for (const key of Object.keys(totals)) totals[key] += counts[key];
  }
} finally {
  for (const cleanup of cleanups) cleanup();
}
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exitCode = totals.failed > 0 ? 1 : 0;
