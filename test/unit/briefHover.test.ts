import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderCard } from '../../server/src/engine';
import type { CacheCard, HoverOptions } from '../../server/src/engine';
import { brief, LINK, textLines } from '../support/hovers';

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
    lines: [
      '**Re-runs when** its command changes.',
      'When this step re-runs, so does:',
      '- line 4',
      '- line 5',
      '- line 6',
      '- line 7',
      '- and 2 more in the details',
      '_BuildKit cache: RUN step, line 3_ · [Show cache details](command:layerlens.showCacheDetails?x)',
    ],
  },
  {
    name: 'the advice and the last build stand under the summary, and the list gives way to them',
    options: {
      notes: [
        { label: 'Cache advice', text: 'copy the manifest first' },
        { label: 'Last build', text: 'cached' },
      ],
    },
    lines: [
      '**Re-runs when** its command changes.',
      '**Cache advice:** copy the manifest first',
      '**Last build:** cached',
      'When this step re-runs, so does:',
      '- line 4',
      '- line 5',
      '- and 4 more in the details',
      '_BuildKit cache: RUN step, line 3_ · [Show cache details](command:layerlens.showCacheDetails?x)',
    ],
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
  for (const text of [
    renderCard(CARD, 'markdown', 'hover', { detail: 'brief' }),
    renderCard(CARD, 'plaintext', 'hover', { detail: 'brief', detailsLink: LINK }),
  ]) {
    assert.match(text, /When this step re-runs, so does:[^]*- line 9[^]*The cache key depends on:/);
    assert.doesNotMatch(text, /command:/);
  }
});
