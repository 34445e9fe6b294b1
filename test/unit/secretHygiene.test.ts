import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { analyze, parseDockerfile, secretRedactor } from '../../server/src/engine';
import { repoRoot } from '../support/env';
import { CANARY, CANARY_BUILD_ARGS, CANARY_DOCKERFILE, CANARY_NPMRC } from '../support/secretCanaries';

const cli = path.join(repoRoot, 'dist', 'cli.js');

/** Every file under `dir`, as [relative path, content]. */
function filesUnder(dir: string): [string, Buffer][] {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())
    .map((e) => { const full = path.join(e.parentPath, e.name); return [path.relative(dir, full), fs.readFileSync(full)] as [string, Buffer]; });
}

test('the CLI writes no secret of the file or of its build args: every command and format on stdout and stderr, and the files --fix creates', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlens-canary-'));
  const dockerfile = path.join(dir, 'Dockerfile');
  const buildArgs = Object.entries(CANARY_BUILD_ARGS).flatMap(([k, v]) => ['--build-arg', `${k}=${v}`]);
  const runs = [
    ['check', dockerfile], ['check', '--format', 'json', dockerfile], ['check', '--format', 'sarif', dockerfile], ['check', '--explain', ...buildArgs, dockerfile],
    ['explain', dockerfile], ['explain', '--explain', ...buildArgs, dockerfile], ['explain', '--format', 'json', '--fresh-runner', ...buildArgs, dockerfile],
    ['build', '--print', '--secret', 'id=token,src=token.txt', ...buildArgs, dockerfile], ['build', '--script', ...buildArgs, dockerfile],
    ['fix', '--unsafe', dockerfile],
  ];
  const printed: string[] = [];
  fs.writeFileSync(dockerfile, CANARY_DOCKERFILE);
  fs.writeFileSync(path.join(dir, '.npmrc'), CANARY_NPMRC);
  // SecretFileCopied, off by default, is on here: its fix is the one that writes a file.
  fs.writeFileSync(path.join(dir, '.layerlens.json'), JSON.stringify({ rules: { SecretFileCopied: 'warning' } }));
  for (const args of runs) {
    const result = spawnSync(process.execPath, [cli, ...args], { cwd: dir, encoding: 'utf8' });
    assert.ok(result.status !== null && result.status <= 2, `${args.join(' ')}: exit ${result.status}`);
    printed.push(`$ layerlens ${args.join(' ')}\n${result.stdout}${result.stderr}`);
  }
  const output = printed.join('\n');
  // The scan can see: the file's findings and explanations were printed.
  assert.match(output, /SecretValueInFile/);
  assert.match(output, /hidden/);
  const leaks = output.split('\n').filter((l) => l.includes(CANARY) && !l.startsWith('$ layerlens'));
  assert.deepEqual(leaks, [], 'no canary in anything the CLI printed');
  // What --fix wrote: every file but the Dockerfile and the .npmrc the test put there, which hold canaries by design.
  const created = filesUnder(dir).filter(([name]) => name !== 'Dockerfile' && name !== '.npmrc' && name !== '.layerlens.json');
  assert.ok(created.length > 0, `--fix created files (${created.map(([n]) => n).join(', ')})`);
  for (const [name, content] of created) assert.ok(!content.includes(CANARY), `${name} holds a canary`);
});

test('SecretValueInFile and every other finding show where and what kind, never the value; fixes carry no secret in their titles', () => {
  const { findings } = analyze(CANARY_DOCKERFILE, { buildArgs: CANARY_BUILD_ARGS });
  const literal = findings.filter((f) => f.rule === 'SecretValueInFile');
  assert.deepEqual(literal.map((f) => f.message.replace(/ is written in the Dockerfile.*/, '')).sort(), [
    'A literal AWS access key id', 'A literal GitHub token', 'A literal Slack token', 'A literal npm token', 'A literal password in a URL',
  ]);
  for (const finding of findings) {
    assert.ok(!finding.message.includes(CANARY), `${finding.rule}: ${finding.message}`);
    assert.ok(!(finding.fix?.title ?? '').includes(CANARY), `${finding.rule}: ${finding.fix?.title}`);
  }
});

test('what is hidden: credentials of every known shape and values of secret-named variables that look like one, not plain words', () => {
  const model = parseDockerfile('FROM alpine\nARG AUTH_TYPE=none\nARG DB_PASSWORD=s3cr3t-pw\nENV API_TOKEN=averyveryverylongtoken\n');
  const redact = secretRedactor(model, { DEPLOY_KEY: 'k-12345', MODE: 'fast-mode-1' });
  assert.equal(redact('--network=none uses s3cr3t-pw, averyveryverylongtoken, k-12345 and fast-mode-1'),
    '--network=none uses ‹secret hidden›, ‹secret hidden›, ‹secret hidden› and fast-mode-1');
  assert.equal(redact('git clone https://me:pw@example.com/r.git'), 'git clone ‹password in a URL hidden›/r.git');
});
