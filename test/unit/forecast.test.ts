import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forecastBuild, parseDockerfile, parseDockerignore } from '../../server/src/engine';
import type { ForecastOptions } from '../../server/src/engine';
import { imageStoreFromDriverStatus } from '../../common/imageStore';

/**
 * The forecast on cases the BuildKit tier cannot build here (Docker 20.10's built-in frontend
 * rejects heredocs and COPY --link, and `# syntax=` needs a registry), and on its edges.
 * Each row: the Dockerfile, the change, and per step line `runs`, `runs?` (uncertain) or `cached`.
 */
const rows: { name: string; text: string; previous?: string; options?: ForecastOptions; expected: Record<number, string> }[] = [
  {
    name: 'a heredoc body edit re-runs its RUN and what follows',
    text: 'FROM a\nRUN <<EOF\necho two\nEOF\nRUN echo after\n',
    previous: 'FROM a\nRUN <<EOF\necho one\nEOF\nRUN echo after\n',
    expected: { 1: 'cached', 2: 'runs', 5: 'runs' },
  },
  {
    name: 'COPY --link: a changed file re-runs the copy; the steps before stay cached',
    text: 'FROM a\nRUN echo first\nCOPY --link app.txt /app/\nRUN echo last\n',
    options: { changedFiles: ['app.txt'] },
    expected: { 1: 'cached', 2: 'cached', 3: 'runs', 4: 'runs' },
  },
  {
    name: 'COPY --link after a re-run step, containerd image store: the copy is reused, the steps after it re-run',
    text: 'FROM a\nCOPY dep.txt /dep/\nCOPY --link app.txt /app/\nRUN echo last\n',
    options: { changedFiles: ['dep.txt'], imageStore: 'containerd' },
    expected: { 1: 'cached', 2: 'runs', 3: 'cached', 4: 'runs' },
  },
  {
    name: 'COPY --link after a re-run step, classic image store: copied again like COPY',
    text: 'FROM a\nCOPY dep.txt /dep/\nCOPY --link app.txt /app/\nRUN echo last\n',
    options: { changedFiles: ['dep.txt'], imageStore: 'classic' },
    expected: { 1: 'cached', 2: 'runs', 3: 'runs', 4: 'runs' },
  },
  {
    name: 'COPY --exclude: a change to an excluded file leaves the copy cached',
    text: 'FROM a\nCOPY --exclude=*.md --exclude=docs . /src/\nRUN echo b\n',
    options: { changedFiles: ['README.md', 'docs/guide.txt'] },
    expected: { 1: 'cached', 2: 'cached', 3: 'cached' },
  },
  {
    name: 'COPY --exclude: patterns match inside the source, from its root',
    text: 'FROM a\nCOPY --exclude=*.log src /src/\n',
    options: { changedFiles: ['src/a/skip.log'] },
    expected: { 1: 'cached', 2: 'runs' },
  },
  {
    name: 'files excluded by .dockerignore change nothing',
    text: 'FROM a\nCOPY . /src\n',
    options: { changedFiles: ['notes.md'], dockerignore: parseDockerignore('*.md\n') },
    expected: { 1: 'cached', 2: 'cached' },
  },
  {
    name: 'the Dockerfile itself is sent by COPY . unless excluded',
    text: 'FROM a\nCOPY . /src\nRUN echo b\n',
    previous: 'FROM a\nCOPY . /src\nRUN echo a\n',
    options: { dockerfilePath: 'Dockerfile' },
    expected: { 1: 'cached', 2: 'runs', 3: 'runs' },
  },
  {
    name: 'an ARG change misses at the first RUN after it, not at WORKDIR or COPY',
    text: 'FROM a\nARG V\nWORKDIR /w\nCOPY x /w/\nRUN true\n',
    options: { changedArgs: ['V'] },
    expected: { 1: 'cached', 3: 'cached', 4: 'cached', 5: 'runs' },
  },
  {
    name: 'a secret mount and a cache mount are not in the key',
    text: 'FROM a\nRUN --mount=type=secret,id=t --mount=type=cache,target=/c true\n',
    options: { changedFiles: ['t'] },
    expected: { 1: 'cached', 2: 'cached' },
  },
  {
    name: 'COPY --from after a re-run RUN in its source stage is uncertain',
    text: 'FROM a AS build\nCOPY src /src\nRUN make\nFROM b\nCOPY --from=build /out /out\n',
    options: { changedFiles: ['src/main.c'] },
    expected: { 1: 'cached', 2: 'runs', 3: 'runs', 4: 'cached', 5: 'runs?' },
  },
  {
    name: 'a stage the target does not need is skipped',
    text: 'FROM a AS test\nRUN make test\nFROM a AS app\nRUN make\n',
    options: { target: 'app', changedArgs: [] },
    expected: { 1: 'skipped', 2: 'skipped', 3: 'cached', 4: 'cached' },
  },
];

for (const row of rows) {
  test(`forecast: ${row.name}`, () => {
    const steps = forecastBuild(parseDockerfile(row.text), {
      ...row.options,
      previous: row.previous !== undefined ? parseDockerfile(row.previous) : undefined,
    });
    const actual: Record<number, string> = {};
    for (const step of steps) {
      actual[step.instruction.range.start.line + 1] = step.skipped
        ? 'skipped'
        : step.forecast === 'cached'
          ? 'cached'
          : step.certain
            ? 'runs'
            : 'runs?';
    }
    assert.deepEqual(actual, row.expected);
    for (const step of steps)
      if (step.forecast === 'runs') assert.ok(step.reasons.length > 0, `line ${step.instruction.range.start.line + 1} says why it runs`);
  });
}

test('forecast reasons name what changed', () => {
  const steps = forecastBuild(parseDockerfile('FROM a\nARG VERSION\nCOPY app.py /app/\nRUN echo $VERSION\n'), {
    changedFiles: ['app.py'],
    changedArgs: ['VERSION'],
  });
  assert.deepEqual(
    steps.map((s) => s.reasons),
    [[], ['`app.py` changed'], ['`VERSION` changed', 'the step at line 3 re-ran']],
  );
});

test('COPY --link after a re-run step: the reason says what the image store does, and that it depends on it when unknown', () => {
  const model = parseDockerfile('FROM a\nCOPY dep.txt /dep/\nCOPY --link app.txt /app/\n');
  const reasonsOn = (imageStore?: 'classic' | 'containerd') =>
    forecastBuild(model, { changedFiles: ['dep.txt'], imageStore })[2].reasons.join(' | ');
  assert.match(reasonsOn('containerd'), /reuses it and only merges it .*containerd image store/);
  assert.match(reasonsOn('classic'), /the step at line 2 re-ran \| `--link` does not help on the classic image store/);
  assert.match(reasonsOn(), /depends on the image store: the classic store copies again, the containerd store reuses the copy/);
});

const driverStatus: [string, string, 'classic' | 'containerd' | undefined][] = [
  ['the containerd image store', '[["driver-type","io.containerd.snapshotter.v1"]]', 'containerd'],
  [
    'overlay2, the classic store',
    '[["Backing Filesystem","extfs"],["Supports d_type","true"],["Using metacopy","false"],["Native Overlay Diff","true"],["userxattr","false"]]',
    'classic',
  ],
  ['vfs, the classic store: no status at all', '[]', 'classic'],
  ['a daemon that printed an error', 'Cannot connect to the Docker daemon', undefined],
  ['no daemon at all', '', undefined],
];
for (const [name, output, expected] of driverStatus) {
  test(`image store from docker info: ${name}`, () => assert.equal(imageStoreFromDriverStatus(output), expected));
}
