import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BuildProgress, describeSummary, summarize } from '../../common/buildProgress';
import { chooseEngine } from '../../common/buildPlan';
import type { DockerProbe } from '../../common/buildPlan';
import { describeResult, parseDockerfile, stepLines } from '../../server/src/engine';

const DOCKERFILE = [
  'FROM local/busybox:latest AS build',
  'ENV A=1',
  'WORKDIR /w',
  'ARG X=2',
  'RUN echo $A > a',
  'LABEL x=y',
  'COPY f.txt .',
  'RUN cat f.txt && false || true',
  '',
  'FROM local/busybox:latest',
  'EXPOSE 80',
  'COPY --from=build /w/a /a',
  'CMD ["cat", "/a"]',
].join('\n');

/** Docker 20.10's plain progress for the file above after f.txt changed, in the order BuildKit printed it. */
const OUTPUT = `#1 [internal] load build definition from Dockerfile
#1 DONE 0.0s

#4 [build 1/5] FROM docker.io/local/busybox:latest
#4 CACHED

#7 [internal] load build context
#7 DONE 0.0s

#5 [build 2/5] WORKDIR /w
#5 CACHED

#6 [build 3/5] RUN echo 1 > a
#6 CACHED

#8 [build 4/5] COPY f.txt .
#8 DONE 0.0s

#9 [build 5/5] RUN cat f.txt && false || true
#9 0.431 hi
#9 DONE 0.4s

#10 [stage-1 2/2] COPY --from=build /w/a /a
#10 ERROR: failed to compute cache key: "/w/a" not found: not found
`;

test('build progress: steps, their stage and result, from output split at any point', () => {
  for (const cut of [1, 7, 50, 200, OUTPUT.length - 3]) {
    const progress = new BuildProgress();
    progress.push(OUTPUT.slice(0, cut));
    progress.push(OUTPUT.slice(cut));
    progress.end();
    assert.deepEqual(
      progress.steps.map((s) => [s.stage, s.index, s.status, s.seconds ?? null]),
      [
        ['build', 1, 'cached', null],
        ['build', 2, 'cached', null],
        ['build', 3, 'cached', null],
        ['build', 4, 'ran', 0],
        ['build', 5, 'ran', 0.4],
        ['stage-1', 2, 'failed', null],
      ],
      `cut at ${cut}`,
    );
  }
});

test('build progress: the summary counts steps, not FROM lines, and names the failure', () => {
  const progress = new BuildProgress();
  progress.push(OUTPUT);
  const summary = summarize(progress.steps);
  assert.deepEqual([summary.cached, summary.ran, summary.failed?.title], [2, 2, 'COPY --from=build /w/a /a']);
  assert.equal(describeSummary(summary, 3.14), '2 cached, 2 re-ran, failed at stage-1 step 2 in 3.1 s');
});

test('build results on lines: FROM, then RUN/COPY/ADD/WORKDIR only; unnamed stages by stage-N', () => {
  const progress = new BuildProgress();
  progress.push(OUTPUT);
  assert.deepEqual(stepLines(parseDockerfile(DOCKERFILE), progress.steps), [
    { line: 0, status: 'cached' },
    { line: 2, status: 'cached' },
    { line: 4, status: 'cached' },
    { line: 6, status: 'ran', seconds: 0 },
    { line: 7, status: 'ran', seconds: 0.4 },
    { line: 11, status: 'failed', error: 'failed to compute cache key: "/w/a" not found: not found' },
  ]);
});

test('build results on lines: a stage edited since the build loses its results, the other stages keep theirs', () => {
  const progress = new BuildProgress();
  progress.push(OUTPUT);
  const edited = DOCKERFILE.replace('RUN echo $A > a', 'RUN echo $A > a\nRUN touch b');
  assert.deepEqual(
    stepLines(parseDockerfile(edited), progress.steps).map((r) => r.line),
    [12],
  );
  const single = parseDockerfile('FROM alpine\nRUN true\n');
  const steps = new BuildProgress();
  steps.push('#5 [2/2] RUN true\n#5 CACHED\n');
  assert.deepEqual(stepLines(single, steps.steps), [{ line: 1, status: 'cached' }]);
});

/**
 * Docker 28.5's plain progress on the containerd image store after the file COPY copies changed,
 * with a `COPY --link` below it: the linked copy's number shows a merge and DONE, whether the copy
 * itself was reused (what BuildKit did here, its rawjson says `cached: true`) or ran again.
 */
const LINKED_OUTPUT = `#6 [2/4] COPY dep.txt /dep.txt
#6 DONE 0.0s

#7 [3/4] COPY --link app.txt /app/app.txt
#7 merging 0.0s done
#7 DONE 0.0s

#8 [4/4] RUN cat /dep.txt /app/app.txt > /out
#8 DONE 0.1s
`;

test('build results on lines: a merged linked copy reads as merged, never as copied again', () => {
  const progress = new BuildProgress();
  progress.push(LINKED_OUTPUT);
  const model = parseDockerfile(
    'FROM local/busybox:latest\nCOPY dep.txt /dep.txt\nCOPY --link app.txt /app/app.txt\nRUN cat /dep.txt /app/app.txt > /out\n',
  );
  const rows: [number, string][] = stepLines(model, progress.steps).map((r) => [r.line, describeResult(r)]);
  assert.deepEqual(rows, [
    [1, 're-ran (0.0 s)'],
    [2, 'merged onto the layers below (0.0 s)'],
    [3, 're-ran (0.1 s)'],
  ]);
});

test('engine choice: buildx when it works, the classic client up to 22.x, a reason for everything else', () => {
  const up = { clientVersion: '20.10.24+dfsg1', serverVersion: '20.10.24+dfsg1' };
  const rows: [DockerProbe, 'auto' | 'buildx' | 'docker', unknown][] = [
    [up, 'auto', { engine: 'docker' }],
    [{ ...up, buildx: { version: 'v0.17', driver: 'docker' } }, 'auto', { engine: 'buildx', driver: 'docker' }],
    [{ ...up, buildx: { version: 'v0.17', driver: 'docker' } }, 'docker', { engine: 'docker' }],
    [{ clientVersion: '27.1.0', buildx: { version: 'v0.17', driver: 'kubernetes' } }, 'auto', { engine: 'buildx', driver: 'kubernetes' }],
    [up, 'buildx', /buildx version" failed/],
    [{ missing: 'not found' }, 'auto', /could not be run \("docker": not found\)/],
    [
      { clientVersion: '20.10.24', serverError: 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock.\n' },
      'auto',
      /daemon is not answering \(Cannot connect.*sock\.\)\. Start Docker/,
    ],
    [
      { clientVersion: '28.2.2', serverVersion: '28.2.2' },
      'auto',
      /Docker 28\.2\.2 builds with BuildKit only through its buildx component/,
    ],
    [{ clientVersion: '18.06.1', serverVersion: '18.06.1' }, 'auto', /predates BuildKit/],
  ];
  for (const [probe, setting, expected] of rows) {
    const choice = chooseEngine(probe, setting, 'docker');
    if (expected instanceof RegExp) assert.match('problem' in choice ? choice.problem : JSON.stringify(choice), expected);
    else assert.deepEqual(choice, expected);
  }
});
