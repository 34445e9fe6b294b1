import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forecastBuild, parseDockerfile, parseDockerignore } from '../../server/src/engine';
import type { ForecastOptions } from '../../server/src/engine';

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
    const steps = forecastBuild(parseDockerfile(row.text), { ...row.options, previous: row.previous !== undefined ? parseDockerfile(row.previous) : undefined });
    const actual: Record<number, string> = {};
    for (const step of steps) {
      actual[step.instruction.range.start.line + 1] = step.skipped ? 'skipped' : step.forecast === 'cached' ? 'cached' : step.certain ? 'runs' : 'runs?';
    }
    assert.deepEqual(actual, row.expected);
    for (const step of steps) if (step.forecast === 'runs') assert.ok(step.reasons.length > 0, `line ${step.instruction.range.start.line + 1} says why it runs`);
  });
}

test('forecast reasons name what changed', () => {
  const steps = forecastBuild(parseDockerfile('FROM a\nARG VERSION\nCOPY app.py /app/\nRUN echo $VERSION\n'), { changedFiles: ['app.py'], changedArgs: ['VERSION'] });
  assert.deepEqual(steps.map((s) => s.reasons), [[], ['`app.py` changed'], ['`VERSION` changed', 'the step at line 3 re-ran']]);
});
