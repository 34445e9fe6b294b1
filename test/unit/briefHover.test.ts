import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { BRIEF_HOVER_LINES, cardAt, parseDockerfile, renderCard } from '../../server/src/engine';
import type { CacheCard, HoverOptions } from '../../server/src/engine';
import { corpusFiles, corpusDir, repoRoot, requireHost } from '../support/env';

const LINK = 'command:layerlens.showCacheDetails?x';
const textLines = (text: string) => text.split('\n').filter((line) => line.trim() !== '');
const brief = (card: CacheCard, options: HoverOptions = {}) => renderCard(card, 'markdown', 'hover', { detail: 'brief', detailsLink: LINK, ...options });

const CARD: CacheCard = {
  title: 'BuildKit cache: RUN step, line 3',
  summary: '**Re-runs when** its command changes.',
  sections: [
    { heading: 'The cache key depends on', items: ['the command text'] },
    { heading: 'When this step re-runs, so does', items: ['line 4', 'line 5', 'line 6', 'line 7', 'line 8', 'line 9'], brief: true },
  ],
};

const rows: { name: string; options: HoverOptions; lines: string[] }[] = [
  {
    name: 'a long list of what re-runs after it is cut, and says how many more the details hold',
    options: {},
    lines: ['**Re-runs when** its command changes.', 'When this step re-runs, so does:', '- line 4', '- line 5', '- line 6', '- line 7', '- and 2 more in the details', '_BuildKit cache: RUN step, line 3_ · [Show cache details](command:layerlens.showCacheDetails?x)'],
  },
  {
    name: 'the advice and the last build stand under the summary, and the list gives way to them',
    options: { notes: [{ label: 'Cache advice', text: 'copy the manifest first' }, { label: 'Last build', text: 'cached' }] },
    lines: ['**Re-runs when** its command changes.', '**Cache advice:** copy the manifest first', '**Last build:** cached', 'When this step re-runs, so does:', '- line 4', '- line 5', '- and 4 more in the details', '_BuildKit cache: RUN step, line 3_ · [Show cache details](command:layerlens.showCacheDetails?x)'],
  },
];

for (const row of rows) {
  test(`brief hover: ${row.name}`, () => {
    const text = brief(CARD, row.options);
    assert.deepEqual(textLines(text), row.lines);
    assert.doesNotMatch(text, /cache key depends on/);
  });
}

test('without a link, or in plain text, the hover is full: nothing is hidden where nothing can show it', () => {
  for (const text of [renderCard(CARD, 'markdown', 'hover', { detail: 'brief' }), renderCard(CARD, 'plaintext', 'hover', { detail: 'brief', detailsLink: LINK })]) {
    assert.match(text, /When this step re-runs, so does:[^]*- line 9[^]*The cache key depends on:/);
    assert.doesNotMatch(text, /command:/);
  }
});

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
  const stated = /brief\s+hover\s+is\s+at\s+most\s+8\s+lines\s+of\s+text[^;]*;\s+over\s+the\s+corpus'\s+([\d,]+)\s+hovers\s+the\s+95th\s+percentile\s+is\s+(\d+)/.exec(readme);
  assert.ok(stated, 'the README states the brief hover\'s p95 over the corpus');
  assert.deepEqual([stated[1], Number(stated[2])], [counts.length.toLocaleString('en-US'), p95], `measured: ${counts.length} hovers, p95 ${p95}`);
});
