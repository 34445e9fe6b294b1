import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { repoRoot } from '../support/env';

/**
 * `layerlens build` as a pipeline runs it (dist/cli.js in its own process). The docker it runs is
 * a stand-in that records each argv (NUL-separated, a blank record after each call) and answers
 * the probe like a Docker 20.10 client with a running daemon; `docker push` fails with code 3 when
 * FAIL_PUSH is set. The real builds are in test/buildkit/registryCache.test.ts.
 */
const cli = path.join(repoRoot, 'dist', 'cli.js');

function sandbox(files: Record<string, string>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlens-cli-build-'));
  const log = path.join(dir, 'argv');
  const recorder = path.join(dir, 'bin dir', 'docker');
  fs.mkdirSync(path.dirname(recorder));
  fs.writeFileSync(
    recorder,
    [
      '#!/bin/sh',
      `for a in "$@"; do printf '%s\\0' "$a"; done >> '${log}'`,
      `printf '%s\\0' "BK=\${DOCKER_BUILDKIT:-}" '' >> '${log}'`,
      'case "$1" in',
      `  version) echo '{"Client":{"Version":"20.10.24"},"Server":{"Version":"20.10.24"}}' ;;`,
      '  buildx) exit 1 ;;',
      '  push) [ -n "${FAIL_PUSH:-}" ] && exit 3 ;;',
      `  build) printf '#5 [build 2/2] RUN make\\n#5 CACHED\\n#6 [stage-1 2/2] COPY --from=build /out /out\\n#6 DONE 0.2s\\n' >&2 ;;`,
      'esac',
      'exit 0',
      '',
    ].join('\n'),
    { mode: 0o755 },
  );
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content);
  const run = (args: string[], env: Record<string, string> = {}) => {
    const result = spawnSync(process.execPath, [cli, 'build', '--docker', recorder, ...args], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, ...env },
    });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  /** The recorded build and push calls, without the probe's. */
  const recorded = () => {
    const calls: string[][] = [];
    let current: string[] = [];
    for (const record of (fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : '').split('\0').slice(0, -1)) {
      if (record === '') {
        calls.push(current);
        current = [];
      } else current.push(record);
    }
    fs.rmSync(log, { force: true });
    return calls.filter((c) => c[0] === 'build' || c[0] === 'push');
  };
  return { dir, recorder, run, recorded, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

const MULTI =
  'FROM alpine AS build\nRUN --mount=type=secret,id=auth,target=/root/.config/pypoetry/auth.toml make\nFROM alpine\nCOPY --from=build /out /out\n';

describe('layerlens build', () => {
  test('--script under sh runs exactly the planned argv, hostile values included, and nothing they spell', () => {
    const box = sandbox({ Dockerfile: MULTI });
    const hostile = `a b'c"d$(touch canary)\`touch canary\`;touch canary&\n-x ü`;
    const { code, stdout, stderr } = box.run([
      'Dockerfile',
      '--tag',
      'localhost:5000/app:ci',
      '--registry-cache',
      '--push',
      '--build-arg',
      `NOTE=${hostile}`,
      '--secret',
      'id=auth,src=auth, "1".toml',
      '--script',
    ]);
    assert.equal(code, 0, stderr);
    assert.match(
      stdout,
      /^#!\/bin\/sh\n# Written by: layerlens build --docker .* Dockerfile --tag .*\n# Each command runs only when the one before it succeeded\.\nset -eu\n/,
    );
    box.recorded();
    const ran = spawnSync('sh', ['-c', stdout], { cwd: box.dir, encoding: 'utf8' });
    assert.equal(ran.status, 0, ran.stderr);
    const dockerfile = path.join(box.dir, 'Dockerfile');
    const shared = [
      '--file',
      dockerfile,
      '--progress',
      'plain',
      '--build-arg',
      `NOTE=${hostile}`,
      '--secret',
      `id=auth,"src=${box.dir}/auth, ""1"".toml"`,
    ];
    assert.deepEqual(box.recorded(), [
      [
        'build',
        ...shared,
        '--target',
        'build',
        '--tag',
        'localhost:5000/app:build',
        '--cache-from',
        'localhost:5000/app:build',
        '--build-arg',
        'BUILDKIT_INLINE_CACHE=1',
        box.dir,
        'BK=1',
      ],
      [
        'build',
        ...shared,
        '--tag',
        'localhost:5000/app:ci',
        '--cache-from',
        'localhost:5000/app:build',
        '--cache-from',
        'localhost:5000/app:ci',
        '--build-arg',
        'BUILDKIT_INLINE_CACHE=1',
        box.dir,
        'BK=1',
      ],
      ['push', 'localhost:5000/app:build', 'BK='],
      ['push', 'localhost:5000/app:ci', 'BK='],
    ]);
    for (const dir of [box.dir, repoRoot]) assert.ok(!fs.existsSync(path.join(dir, 'canary')), 'no value was run by the shell');
    box.cleanup();
  });

  test('--print: one command per line, quoted for sh; options from .layerlens.json, the command line winning', () => {
    const box = sandbox({
      Dockerfile: MULTI,
      '.layerlens.json': JSON.stringify({
        build: {
          args: { VERSION: '1', KEEP: 'x' },
          secrets: { auth: { env: 'POETRY_AUTH' } },
          cache: 'inline',
          push: true,
          platform: 'linux/arm64',
        },
      }),
    });
    const { code, stdout } = box.run(['--tag', 'app:1', '--registry-cache', '--build-arg', 'VERSION=2', '--print']);
    assert.equal(code, 0);
    const q = (p: string) => `'${p}'`;
    const common = `--file ${path.join(box.dir, 'Dockerfile')} --progress plain --platform linux/arm64 --build-arg VERSION=2 --build-arg KEEP=x --secret id=auth,env=POETRY_AUTH`;
    assert.deepEqual(stdout.trimEnd().split('\n'), [
      `DOCKER_BUILDKIT=1 ${q(box.recorder)} build ${common} --target build --tag app:build --cache-from app:build --build-arg BUILDKIT_INLINE_CACHE=1 ${box.dir}`,
      `DOCKER_BUILDKIT=1 ${q(box.recorder)} build ${common} --tag app:1 --cache-from app:build --cache-from app:1 --build-arg BUILDKIT_INLINE_CACHE=1 ${box.dir}`,
      `${q(box.recorder)} push app:build`,
      `${q(box.recorder)} push app:1`,
    ]);
    box.cleanup();
  });

  test('the context "contexts" in .layerlens.json names, --context winning; a context that is not there is an input error', () => {
    const box = sandbox({ '.layerlens.json': JSON.stringify({ contexts: { 'docker/api.Dockerfile': '.' } }) });
    fs.mkdirSync(path.join(box.dir, 'docker'));
    fs.writeFileSync(path.join(box.dir, 'docker', 'api.Dockerfile'), 'FROM alpine\nCOPY . /srv\n');
    const contextOf = (args: string[]) =>
      box
        .run(['docker/api.Dockerfile', '--print', ...args])
        .stdout.trimEnd()
        .split(' ')
        .at(-1);
    assert.equal(contextOf([]), box.dir);
    assert.equal(contextOf(['--context', 'docker']), path.join(box.dir, 'docker'));
    const missing = box.run(['docker/api.Dockerfile', '--print', '--context', 'gone']);
    assert.equal(missing.code, 2);
    assert.equal(missing.stdout, '');
    assert.match(missing.stderr, new RegExp(`^layerlens: the build context ${path.join(box.dir, 'gone')} does not exist$`, 'm'));
    box.cleanup();
  });

  test('running: the commands in order with their output passed through, a summary, and a stop at the first failure with its code', () => {
    const box = sandbox({ Dockerfile: MULTI });
    const ok = box.run(['--tag', 'app:1', '--target', 'build']);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stderr, /#5 \[build 2\/2\] RUN make\n#5 CACHED/, 'the build output is streamed through');
    assert.match(ok.stderr, /layerlens: build summary\n {2}build app:1 \(stage build\): done, 1 cached, 1 re-ran in \d+\.\d s$/m);
    assert.deepEqual(box.recorded(), [
      ['build', '--file', path.join(box.dir, 'Dockerfile'), '--progress', 'plain', '--tag', 'app:1', '--target', 'build', box.dir, 'BK=1'],
    ]);

    const failed = box.run(['--tag', 'app:1', '--push'], { FAIL_PUSH: '1' });
    assert.equal(failed.code, 3, 'the exit code of the command that failed');
    assert.match(failed.stderr, /push app:1: failed \(exit code 3\)/);
    assert.deepEqual(
      box.recorded().map((c) => c[0]),
      ['build', 'push'],
    );
    box.cleanup();
  });

  test('what cannot run says why: a missing docker, a bad --secret, an unknown stage; --print still prints without docker', () => {
    const box = sandbox({ Dockerfile: MULTI });
    const missing = spawnSync(process.execPath, [cli, 'build', '--docker', path.join(box.dir, 'no-docker')], {
      cwd: box.dir,
      encoding: 'utf8',
    });
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /Docker could not be run \(".*no-docker": not found\)/);
    const printed = spawnSync(process.execPath, [cli, 'build', '--docker', 'no-docker-here', '--print'], {
      cwd: box.dir,
      encoding: 'utf8',
    });
    assert.equal(printed.status, 0);
    assert.match(printed.stdout, /^no-docker-here buildx build --file /, 'buildx assumed: Docker 23 and later need it for BuildKit');
    assert.match(printed.stderr, /docker is not usable here .*; printing the buildx commands, assumed/);
    const classic = spawnSync(process.execPath, [cli, 'build', '--docker', 'no-docker-here', '--engine', 'docker', '--print'], {
      cwd: box.dir,
      encoding: 'utf8',
    });
    assert.match(classic.stdout, /^DOCKER_BUILDKIT=1 no-docker-here build --file /, 'the classic client when asked for');
    assert.match(box.run(['--secret', 'hunter2']).stderr, /--secret takes id=ID,src=PATH or id=ID,env=VAR \(never a value\)/);
    assert.match(box.run(['--target', 'nope']).stderr, /no stage named "nope"/);
    assert.equal(box.run(['--tag', '-rm']).code, 2);
    box.cleanup();
  });
});
