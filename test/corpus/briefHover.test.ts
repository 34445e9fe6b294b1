import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { BRIEF_HOVER_LINES, cardAt, parseDockerfile } from '../../server/src/engine';
import { corpusFiles, corpusDir, repoRoot, requireHost } from '../support/env';
import { brief, textLines } from '../support/hovers';

/**
 * Every brief hover over the corpus (each instruction's keyword, each stage name, each mount) fits in
 * BRIEF_HOVER_LINES lines of text, and the README states their 95th percentile as measured here.
 */
test('brief hovers over the corpus: at most 8 lines each, and the README states the p95', (t) => {
  const files = corpusFiles();
  if (!requireHost(t, files.length > 0, `the corpus at ${corpusDir}`)) return;
  const counts: number[] = [];
  for (const file of files) {
    const model = parseDockerfile(fs.readFileSync(file, 'utf8'));
    const positions = [
      ...model.instructions.map((i) => i.keywordRange.start),
      ...model.stages.flatMap((s) => (s.nameRange ? [s.nameRange.start] : [])),
      ...model.instructions.flatMap((i) => i.run?.mounts.map((m) => m.range.start) ?? []),
    ];
    for (const position of positions) {
      const found = cardAt(model, position);
      if (!found) continue;
      const lines = textLines(brief(found.card)).length;
      assert.ok(lines <= BRIEF_HOVER_LINES, `${path.basename(file)}:${position.line + 1}: ${lines} lines`);
      counts.push(lines);
    }
  }
  counts.sort((a, b) => a - b);
  const p95 = counts[Math.ceil(counts.length * 0.95) - 1];
  const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const stated =
    /brief\s+hover\s+is\s+at\s+most\s+8\s+lines\s+of\s+text[^;]*;\s+over\s+the\s+corpus'\s+([\d,]+)\s+hovers\s+the\s+95th\s+percentile\s+is\s+(\d+)/.exec(
      readme,
    );
  assert.ok(stated, "the README states the brief hover's p95 over the corpus");
  assert.deepEqual(
    [stated[1], Number(stated[2])],
    [counts.length.toLocaleString('en-US'), p95],
    `measured: ${counts.length} hovers, p95 ${p95}`,
  );
});
