import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderStageGraphSvg } from '../../common/stageGraph';
import { parsePorcelain } from '../../server/src/engine';
import { assertReadable, graphOf } from '../support/stageGraphChecks';

test('the stage graph SVG: a box per stage with its state, an edge per dependency, names escaped', () => {
  const svg = renderStageGraphSvg({
    nodes: [
      { index: 0, name: 'deps<1>', line: 1, base: 'node:22', needed: true, target: false, rebuildFrom: 4 },
      { index: 1, name: 'test', line: 6, base: 'deps<1>', needed: false, target: false },
      { index: 2, line: 9, base: 'node:22-slim', needed: true, target: true },
    ],
    edges: [
      { from: 0, to: 1, kind: 'from', line: 6 },
      { from: 0, to: 2, kind: 'copy', line: 11 },
    ],
  });
  assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  assert.equal(svg.match(/<g class="stage/g)?.length, 3);
  assert.match(svg, /<g class="stage needed rebuilds" data-line="1"[^>]*>.*deps&lt;1&gt;.*re-runs from line 4/);
  assert.match(svg, /<g class="stage skipped" data-line="6"[^>]*>.*not built for this target/);
  assert.match(svg, /<g class="stage needed target" data-line="9"[^>]*>.*stage 2 \(target\).*cached/);
  assert.match(svg, /<g class="edge copy">.*COPY --from \(line 11\)/);
  assert.match(svg, /<g class="edge from">.*FROM \(line 6\)/);
  assert.ok(!svg.includes('<script'), 'no script in the picture');
});

test('git status --porcelain -z: paths under the context, renames with their old path', () => {
  const output = [' M app/src/main.py', '?? app/new.txt', 'R  app/b.txt', 'app/a.txt', ' D other/x', 'M  app/Dockerfile', ''].join('\0');
  assert.deepEqual(parsePorcelain(output, 'app/'), ['Dockerfile', 'a.txt', 'b.txt', 'new.txt', 'src/main.py']);
  assert.deepEqual(parsePorcelain(output, ''), ['app/Dockerfile', 'app/a.txt', 'app/b.txt', 'app/new.txt', 'app/src/main.py', 'other/x']);
});

test('the stage graph of a 60-stage file: no box or label overlaps another', () => {
  const lines = ['FROM alpine AS s0'];
  for (let i = 1; i < 60; i++)
    lines.push(`FROM ${i % 7 === 0 ? 'alpine' : `s${Math.floor(i / 2)}`} AS s${i}`, `COPY --from=s${i - 1} /out /in${i}`);
  assertReadable(graphOf(lines.join('\n')), '60 stages');
});
