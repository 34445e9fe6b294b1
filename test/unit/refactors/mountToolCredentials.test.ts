import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze, applyEdits, contains, mountToolCredentials, parseDockerfile, positionAt } from '../../../server/src/engine';

/** `‸` marks where the refactor is asked for; it cannot occur in a Dockerfile. */
const CURSOR = '‸';

const rows: { name: string; before: string; after: string | null }[] = [
  {
    name: 'npm ci reads /root/.npmrc',
    before: 'FROM node:22\nCOPY package*.json ./\nR‸UN npm ci\n',
    after: 'FROM node:22\nCOPY package*.json ./\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci\n',
  },
  {
    name: 'poetry install reads auth.toml',
    before: 'FROM python:3.12\nRUN poetry install --no-root‸\n',
    after: 'FROM python:3.12\nRUN --mount=type=secret,id=poetry_auth,target=/root/.config/pypoetry/auth.toml poetry install --no-root\n',
  },
  {
    name: 'pip install reads /etc/pip.conf',
    before: 'FROM python:3.12\nRUN ‸pip install -r requirements.txt\n',
    after: 'FROM python:3.12\nRUN --mount=type=secret,id=pip_conf,target=/etc/pip.conf pip install -r requirements.txt\n',
  },
  {
    name: 'not offered when the RUN already mounts a secret',
    before: 'FROM node:22\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc ‸npm ci\n',
    after: null,
  },
  { name: 'not offered after a USER: that home is not in the file', before: 'FROM node:22\nUSER node\nRUN ‸npm ci\n', after: null },
  { name: 'not offered on a RUN that installs nothing', before: 'FROM node:22\nRUN ‸npm run build\n', after: null },
];

for (const row of rows) {
  test(`add secret mount for a tool's credentials: ${row.name}`, () => {
    const offset = row.before.indexOf(CURSOR);
    const text = row.before.replace(CURSOR, '');
    const model = parseDockerfile(text);
    const cursor = positionAt(model.lineStarts, offset);
    const run = model.instructions.find((i) => contains(i.range, cursor));
    assert.ok(run, 'the cursor is in an instruction');
    const mount = mountToolCredentials(model, run);
    if (row.after === null) {
      assert.equal(mount, undefined);
      return;
    }
    assert.ok(mount, 'offered');
    const after = applyEdits(model, mount.edits);
    assert.equal(after, row.after);
    const again = parseDockerfile(after);
    assert.equal(mountToolCredentials(again, again.instructions[again.instructions.length - 1]), undefined, 'idempotent');
    const before = new Set(analyze(text).findings.map((f) => f.rule));
    assert.deepEqual(
      analyze(after)
        .findings.filter((f) => !before.has(f.rule))
        .map((f) => f.rule),
      [],
      'no new kind of finding',
    );
  });
}
