import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildkitCompletions, buildkitFlagDocumentation, inImageTag, parseDockerfile } from '../../server/src/engine';

/** The suggestions at the end of the last line of `text` (or at `|`), by label. */
function labelsAt(text: string): string[] {
  const cursor = text.indexOf('|');
  const clean = cursor < 0 ? text : text.slice(0, cursor) + text.slice(cursor + 1);
  const before = clean.slice(0, cursor < 0 ? clean.length : cursor).split('\n');
  const position = { line: before.length - 1, character: before[before.length - 1].length };
  return buildkitCompletions(parseDockerfile(clean), position).map((s) => s.label);
}

const rows: { name: string; text: string; labels: string[] }[] = [
  { name: 'RUN flags', text: 'FROM alpine\nRUN --', labels: ['--mount=', '--network=', '--security='] },
  { name: 'COPY flags BuildKit added', text: 'FROM alpine\nCOPY --l', labels: ['--link'] },
  {
    name: 'COPY --e and --p',
    text: 'FROM alpine\nCOPY --|e a b',
    labels: ['--from=', '--chown=', '--chmod=', '--link', '--exclude=', '--parents'],
  },
  {
    name: 'ADD flags',
    text: 'FROM alpine\nADD --',
    labels: ['--chown=', '--chmod=', '--link', '--exclude=', '--checksum=', '--keep-git-dir'],
  },
  { name: 'mount types', text: 'FROM alpine\nRUN --mount=type=', labels: ['bind', 'cache', 'secret', 'ssh', 'tmpfs'] },
  {
    name: 'cache mount keys, without the ones given',
    text: 'FROM alpine\nRUN --mount=type=cache,target=/root/.npm,',
    labels: [
      'id=',
      'sharing=',
      'from=',
      'mode=',
      'uid=',
      'gid=',
      'readonly',
      'ro',
      'rw',
      'readwrite',
      'dst=',
      'destination=',
      'source=',
      'src=',
    ],
  },
  { name: 'sharing values', text: 'FROM alpine\nRUN --mount=type=cache,target=/c,sharing=l', labels: ['locked'] },
  {
    name: 'secret ids the file already mounts',
    text: 'FROM alpine\nRUN --mount=type=secret,id=npmrc cat /run/secrets/npmrc\nRUN --mount=type=secret,id=',
    labels: ['npmrc'],
  },
  {
    name: 'stages a from= can name: the earlier ones',
    text: 'FROM alpine AS deps\nFROM alpine AS build\nRUN --mount=from=|\nFROM alpine AS later\n',
    labels: ['deps'],
  },
  { name: '--network values', text: 'FROM alpine\nRUN --network=', labels: ['default', 'none', 'host'] },
  { name: 'not inside the command', text: 'FROM alpine\nRUN npm ci --', labels: [] },
  { name: 'the check directive keys', text: '# check=', labels: ['skip=', 'error=true', 'experimental='] },
  { name: 'check names after skip=', text: '# check=skip=JSONArgs', labels: ['JSONArgsRecommended'] },
  { name: 'a check directive below an instruction is a comment', text: 'FROM alpine\n# check=', labels: [] },
];

for (const row of rows) test(`BuildKit completion: ${row.name}`, () => assert.deepEqual(labelsAt(row.text), row.labels));

/** The flag documentation at `|` in `text`. */
function docAt(text: string): string | undefined {
  const cursor = text.indexOf('|');
  const clean = text.slice(0, cursor) + text.slice(cursor + 1);
  const before = clean.slice(0, cursor).split('\n');
  return buildkitFlagDocumentation(parseDockerfile(clean), { line: before.length - 1, character: before[before.length - 1].length })
    ?.markdown;
}

test('BuildKit flag documentation for the hover: the flag, and the --mount key and type under the cursor', () => {
  assert.match(docAt('FROM alpine\nCOPY --li|nk a /a\n') ?? '', /^\*\*--link\*\* \(COPY\): Copies into a layer of its own/);
  assert.match(docAt('FROM alpine\nRUN --network=no|ne true\n') ?? '', /^\*\*--network\*\* \(RUN\)/);
  const mount = docAt('FROM alpine\nRUN --mount=type=cache,sha|ring=locked,target=/c true\n') ?? '';
  assert.match(mount, /^\*\*--mount\*\* \(RUN\)/);
  assert.match(mount, /`sharing`: How concurrent builds share a cache/);
  assert.match(docAt('FROM alpine\nRUN --mount=type=sec|ret,id=t true\n') ?? '', /`type=secret`: A secret given to the build/);
  assert.equal(docAt('FROM alpine\nRUN tr|ue\n'), undefined);
});

const tagRows: { text: string; inTag: boolean }[] = [
  { text: 'FROM node:|', inTag: true },
  { text: 'FROM node:2|0-slim AS build', inTag: true },
  { text: 'FROM --platform=linux/amd64 node:|', inTag: true },
  { text: 'FROM localhost:5000/app:|', inTag: true },
  { text: 'FROM localhost:5|000/app', inTag: false },
  { text: 'FROM no|de:20', inTag: false },
  { text: 'FROM node:20 AS b|', inTag: false },
  { text: 'FROM node|', inTag: false },
  { text: 'FROM alpine\nRUN echo node:|', inTag: false },
];
for (const row of tagRows) {
  test(`in a FROM image's tag (where the library asks Docker Hub): ${JSON.stringify(row.text)}`, () => {
    const cursor = row.text.indexOf('|');
    const clean = row.text.slice(0, cursor) + row.text.slice(cursor + 1);
    const before = clean.slice(0, cursor).split('\n');
    assert.equal(inImageTag(parseDockerfile(clean), { line: before.length - 1, character: before[before.length - 1].length }), row.inTag);
  });
}
