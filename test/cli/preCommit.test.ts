import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { repoRoot, requireHost } from '../support/env';

const hasPreCommit = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' }).status === 0;

test("pre-commit: Debian's pre-commit installs the hooks from this repository (try-repo); layerlens fails on a finding, layerlens-fix applies the safe fix, then layerlens passes", (t) => {
  if (!requireHost(t, hasPreCommit, "Debian's pre-commit (apt-get install pre-commit; .ci/run installs it)")) return;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlens-pre-commit-'));
  // A store of its own: the hook's environment is installed from this checkout, never from an older run.
  const env = {
    ...process.env,
    PRE_COMMIT_HOME: path.join(dir, 'store'),
    GIT_AUTHOR_NAME: 'Layerlens test',
    GIT_AUTHOR_EMAIL: 'test@layerlens.invalid',
    GIT_COMMITTER_NAME: 'Layerlens test',
    GIT_COMMITTER_EMAIL: 'test@layerlens.invalid',
  };
  const sample = path.join(dir, 'sample');
  const run = (program: string, args: string[]) => {
    const result = spawnSync(program, args, { cwd: sample, env, encoding: 'utf8' });
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  };
  const tryRepo = (hook: string) => run('pre-commit', ['try-repo', repoRoot, hook, '--all-files']);
  try {
    fs.mkdirSync(path.join(sample, 'api'), { recursive: true });
    fs.writeFileSync(
      path.join(sample, 'Dockerfile'),
      'FROM busybox:1.36 as build\nRUN echo hi > /out\nFROM busybox:1.36\nCOPY --from=build /out /out\n',
    );
    fs.writeFileSync(path.join(sample, 'api', 'api.Dockerfile'), 'FROM busybox:1.36\nCMD ["true"]\n');
    // Not a Dockerfile by name: the hooks' file pattern leaves it alone.
    fs.writeFileSync(path.join(sample, 'notes.txt'), 'FROM busybox:1.36 as build\n');
    for (const args of [
      ['init', '-q'],
      ['add', '.'],
      ['commit', '-qm', 'sample'],
    ])
      assert.equal(run('git', args).status, 0);

    const checked = tryRepo('layerlens');
    assert.equal(checked.status, 1, checked.output);
    assert.match(checked.output, /layerlens\.+Failed/);
    assert.match(checked.output, /^Dockerfile\n\s+1:19\s+warning\s+'as' and 'FROM' keywords' casing do not match\s+\[FromAsCasing\]$/m);
    assert.match(checked.output, /1 finding in 2 files/, 'both Dockerfiles by name, not notes.txt');

    const fixed = tryRepo('layerlens-fix');
    assert.equal(fixed.status, 1, fixed.output);
    assert.match(fixed.output, /files were modified by this hook/);
    assert.equal(fs.readFileSync(path.join(sample, 'Dockerfile'), 'utf8').split('\n')[0], 'FROM busybox:1.36 AS build');
    assert.equal(fs.readFileSync(path.join(sample, 'notes.txt'), 'utf8'), 'FROM busybox:1.36 as build\n');

    const clean = tryRepo('layerlens');
    assert.equal(clean.status, 0, clean.output);
    assert.match(clean.output, /layerlens\.+Passed/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
