import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { corpusFiles, corpusDir, requireHost } from '../support/env';
import { assertReadable, graphOf } from '../support/stageGraphChecks';

test("the stage graphs of the corpus' ten files with the most stages: no box or label overlaps another", (t) => {
  const files = corpusFiles();
  if (!requireHost(t, files.length > 0, `the corpus at ${corpusDir}`)) return;
  const graphs = files
    .map((file) => ({ file, graph: graphOf(fs.readFileSync(file, 'utf8')) }))
    .sort((a, b) => b.graph.nodes.length - a.graph.nodes.length || a.file.localeCompare(b.file))
    .slice(0, 10);
  assert.ok(graphs[9].graph.nodes.length >= 5, 'the corpus has multi-stage files');
  for (const { file, graph } of graphs) assertReadable(graph, path.basename(file));
});
