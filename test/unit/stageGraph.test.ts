import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { StageGraph } from '../../common/protocol';
import { layoutStageGraph, renderStageGraphSvg } from '../../common/stageGraph';
import type { Box } from '../../common/stageGraph';
import { parseDockerfile, parsePorcelain, reachableStages, targetStage } from '../../server/src/engine';
import { corpusFiles, corpusDir, requireHost } from '../support/env';

test('the stage graph SVG: a box per stage with its state, an edge per dependency, names escaped', () => {
  const svg = renderStageGraphSvg({
    nodes: [
      { index: 0, name: 'deps<1>', line: 1, base: 'node:22', needed: true, target: false, rebuildFrom: 4 },
      { index: 1, name: 'test', line: 6, base: 'deps<1>', needed: false, target: false },
      { index: 2, line: 9, base: 'node:22-slim', needed: true, target: true },
    ],
    edges: [{ from: 0, to: 1, kind: 'from', line: 6 }, { from: 0, to: 2, kind: 'copy', line: 11 }],
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

/** The graph the server sends for a Dockerfile, without the forecast's marks. */
function graphOf(text: string): StageGraph {
  const model = parseDockerfile(text);
  const needed = reachableStages(model);
  const target = targetStage(model);
  return {
    nodes: model.stages.map((stage) => ({ index: stage.index, name: stage.name, line: stage.from.range.start.line + 1, base: stage.base, needed: needed.has(stage.index), target: stage.index === target })),
    edges: model.dependencies.filter((d) => d.target !== undefined).map((d) => ({ from: d.target as number, to: d.stage, kind: d.kind, line: d.instruction.range.start.line + 1 })),
  };
}

const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** No box (a stage, an edge's label) overlaps another, and every one lies inside the picture. */
function assertReadable(graph: StageGraph, label: string): void {
  const placed = layoutStageGraph(graph);
  const boxes = [
    ...placed.nodes.map((n) => ({ what: `stage ${n.node.index}`, box: n.box })),
    ...placed.edges.map((e) => ({ what: `label "${e.label}" ${e.edge.from}->${e.edge.to}`, box: e.labelBox })),
  ];
  assert.equal(placed.nodes.length, graph.nodes.length);
  // A label's box must hold its text, or it could not overlap anything.
  for (const e of placed.edges) assert.ok(e.labelBox.width >= e.label.length * 6 && e.labelBox.height >= 12, `${label}: the box of "${e.label}" is too small for it`);
  for (const [i, a] of boxes.entries()) {
    assert.ok(a.box.x >= 0 && a.box.y >= 0 && a.box.x + a.box.width <= placed.width + 1 && a.box.y + a.box.height <= placed.height + 1, `${label}: ${a.what} lies outside the picture`);
    for (const b of boxes.slice(i + 1)) assert.ok(!overlap(a.box, b.box), `${label}: ${a.what} overlaps ${b.what}`);
  }
}

test('the stage graph of a 60-stage file: no box or label overlaps another', () => {
  const lines = ['FROM alpine AS s0'];
  for (let i = 1; i < 60; i++) lines.push(`FROM ${i % 7 === 0 ? 'alpine' : `s${Math.floor(i / 2)}`} AS s${i}`, `COPY --from=s${i - 1} /out /in${i}`);
  assertReadable(graphOf(lines.join('\n')), '60 stages');
});

test('the stage graphs of the corpus\' ten files with the most stages: no box or label overlaps another', (t) => {
  const files = corpusFiles();
  if (!requireHost(t, files.length > 0, `the corpus at ${corpusDir}`)) return;
  const graphs = files.map((file) => ({ file, graph: graphOf(fs.readFileSync(file, 'utf8')) }))
    .sort((a, b) => b.graph.nodes.length - a.graph.nodes.length || a.file.localeCompare(b.file)).slice(0, 10);
  assert.ok(graphs[9].graph.nodes.length >= 5, 'the corpus has multi-stage files');
  for (const { file, graph } of graphs) assertReadable(graph, path.basename(file));
});
