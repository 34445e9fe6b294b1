import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../support/env';
import { CANARY, CANARY_BUILD_ARGS, CANARY_DOCKERFILE, CANARY_NPMRC } from '../support/secretCanaries';

const cli = path.join(repoRoot, 'dist', 'cli.js');

/** Every file under `dir`, as [relative path, content]. */
function filesUnder(dir: string): [string, Buffer][] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => {
      const full = path.join(e.parentPath, e.name);
      return [path.relative(dir, full), fs.readFileSync(full)] as [string, Buffer];
    });
}

test('the CLI writes no secret of the file or of its build args: every command and format on stdout and stderr, and the files --fix creates', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlens-canary-'));
  const dockerfile = path.join(dir, 'Dockerfile');
  const buildArgs = Object.entries(CANARY_BUILD_ARGS).flatMap(([k, v]) => ['--build-arg', `${k}=${v}`]);
  const runs = [
    ['check', dockerfile],
    ['check', '--format', 'json', dockerfile],
    ['check', '--format', 'sarif', dockerfile],
    ['check', '--explain', ...buildArgs, dockerfile],
    ['explain', dockerfile],
    ['explain', '--explain', ...buildArgs, dockerfile],
    ['explain', '--format', 'json', '--fresh-runner', ...buildArgs, dockerfile],
    ['build', '--print', '--secret', 'id=token,src=token.txt', ...buildArgs, dockerfile],
    ['build', '--script', ...buildArgs, dockerfile],
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
