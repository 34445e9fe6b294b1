import assert from 'node:assert/strict';
import type { StageGraph } from '../../common/protocol';
import { layoutStageGraph } from '../../common/stageGraph';
import type { Box } from '../../common/stageGraph';
import { parseDockerfile, reachableStages, targetStage } from '../../server/src/engine';

/** The graph the server sends for a Dockerfile, without the forecast's marks. */
export function graphOf(text: string): StageGraph {
  const model = parseDockerfile(text);
  const needed = reachableStages(model);
  const target = targetStage(model);
  return {
    nodes: model.stages.map((stage) => ({
      index: stage.index,
      name: stage.name,
      line: stage.from.range.start.line + 1,
      base: stage.base,
      needed: needed.has(stage.index),
      target: stage.index === target,
    })),
    edges: model.dependencies
      .filter((d) => d.target !== undefined)
      .map((d) => ({ from: d.target as number, to: d.stage, kind: d.kind, line: d.instruction.range.start.line + 1 })),
  };
}

const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** No box (a stage, an edge's label) overlaps another, and every one lies inside the picture. */
export function assertReadable(graph: StageGraph, label: string): void {
  const placed = layoutStageGraph(graph);
  const boxes = [
    ...placed.nodes.map((n) => ({ what: `stage ${n.node.index}`, box: n.box })),
    ...placed.edges.map((e) => ({ what: `label "${e.label}" ${e.edge.from}->${e.edge.to}`, box: e.labelBox })),
  ];
  assert.equal(placed.nodes.length, graph.nodes.length);
  // A label's box must hold its text, or it could not overlap anything.
  for (const e of placed.edges)
    assert.ok(e.labelBox.width >= e.label.length * 6 && e.labelBox.height >= 12, `${label}: the box of "${e.label}" is too small for it`);
  for (const [i, a] of boxes.entries()) {
    assert.ok(
      a.box.x >= 0 && a.box.y >= 0 && a.box.x + a.box.width <= placed.width + 1 && a.box.y + a.box.height <= placed.height + 1,
      `${label}: ${a.what} lies outside the picture`,
    );
    for (const b of boxes.slice(i + 1)) assert.ok(!overlap(a.box, b.box), `${label}: ${a.what} overlaps ${b.what}`);
  }
}
