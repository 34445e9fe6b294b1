// npm run bench:payoff: builds the scenarios of test/buildkit/{refactors,registryCache}.test.ts on the
// private dockerd and writes what each refactor and build command bought into README.md's "What it buys you" table,
// so that the figures there are measured, never typed. Needs root and Debian's docker.io and
// debootstrap, as the BuildKit test tier does.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'layerlens-payoff-')), 'payoff.json');
let host = process.env.LAYERLENS_DOCKER_HOST;
const started = !host;
if (started) {
  const start = spawnSync('bash', [path.join(root, 'test/hosts/dockerd.sh'), 'start'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (start.status !== 0) process.exit(start.status ?? 1);
  host = start.stdout.trim().split('\n').pop();
}
try {
  const run = spawnSync(process.execPath, ['--test', '--test-concurrency=1', ...['refactors', 'registryCache'].map((f) => path.join(root, `out/test/buildkit/${f}.test.js`))], {
    stdio: 'inherit', env: { ...process.env, LAYERLENS_DOCKER_HOST: host, LAYERLENS_PAYOFF_OUT: out, CI: 'true' },
  });
  if (run.status !== 0 || !fs.existsSync(out)) throw new Error('the payoff builds failed; README.md is unchanged');
  const rows = JSON.parse(fs.readFileSync(out, 'utf8'));
  const table = [
    `Measured by \`npm run bench:payoff\` on ${new Date().toISOString().slice(0, 10)} (Docker Engine's built-in BuildKit, ${os.cpus().length} cores; times are this machine's and vary, the step counts do not).`,
    '',
    '| refactor | measure | before | after |',
    '| --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.refactor} | ${r.measure} | ${r.before} | ${r.after} |`),
  ].join('\n');
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const updated = readme.replace(/(<!-- payoff:start -->\n)[\s\S]*?(<!-- payoff:end -->)/, `$1${table}\n$2`);
  if (!/<!-- payoff:start -->/.test(readme)) throw new Error('README.md has no <!-- payoff:start --> … <!-- payoff:end --> section');
  fs.writeFileSync(path.join(root, 'README.md'), updated);
  console.log(table);
} finally {
  if (started) spawnSync('bash', [path.join(root, 'test/hosts/dockerd.sh'), 'stop'], { stdio: 'inherit' });
}
