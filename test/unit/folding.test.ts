import assert from 'node:assert/strict';
import { test } from 'node:test';
import { foldingRanges, parseDockerfile } from '../../server/src/engine';
import type { Fold } from '../../server/src/engine';

const LINES_ONLY = { lineFoldingOnly: true, limit: Number.MAX_VALUE };

const ROWS: { name: string; text: string; options?: Parameters<typeof foldingRanges>[1]; folds: Fold[] }[] = [
  {
    name: 'a continued instruction, then a run of comments; a lone comment and the directives fold nothing',
    text: '# syntax=docker/dockerfile:1\n# escape=\\\n\n# one\nFROM a\n# two\n# three\n# four\nRUN a \\\n  && b\n',
    folds: [
      { startLine: 8, endLine: 9 },
      { startLine: 5, endLine: 7, kind: 'comment' },
    ],
  },
  {
    name: 'comment lines inside a continued instruction are comments too; those in a heredoc are its script',
    text: 'FROM a\nRUN a \\\n  # why\n  # and how\n  && b\nRUN <<EOF\n# a shell comment\n# another\nEOF\n',
    folds: [
      { startLine: 1, endLine: 4 },
      { startLine: 5, endLine: 8 },
      { startLine: 2, endLine: 3, kind: 'comment' },
    ],
  },
  {
    name: 'for a client that folds within lines: where each fold starts and ends on its lines',
    text: 'FROM a\nRUN a \\\n  && b\n# c\n# dd\n',
    options: { lineFoldingOnly: false, limit: Number.MAX_VALUE },
    folds: [
      { startLine: 1, endLine: 2, startCharacter: 7, endCharacter: 6 },
      { startLine: 3, endLine: 4, startCharacter: 3, endCharacter: 4, kind: 'comment' },
    ],
  },
  {
    name: "no more folds than the client's limit",
    text: 'FROM a\nRUN a \\\n  b\nRUN c \\\n  d\n# e\n# f\n',
    options: { lineFoldingOnly: true, limit: 1 },
    folds: [{ startLine: 1, endLine: 2 }],
  },
  {
    name: 'a limit of zero, and an empty file',
    text: '',
    options: { lineFoldingOnly: true, limit: 0 },
    folds: [],
  },
];

for (const row of ROWS) {
  test(`folding: ${row.name}`, () => {
    assert.deepEqual(foldingRanges(parseDockerfile(row.text), row.options ?? LINES_ONLY), row.folds);
  });
}
