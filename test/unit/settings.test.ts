import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_SETTINGS, normalizeSettings } from '../../common/settings';

const table: { name: string; raw: unknown; expected: unknown }[] = [
  { name: 'nothing sent', raw: undefined, expected: DEFAULT_SETTINGS },
  { name: 'wrong types fall back to defaults', raw: { enable: 'yes', hover: { cacheExplanations: 1 }, rules: [], build: { args: 'A=1' } }, expected: DEFAULT_SETTINGS },
  {
    name: 'severities: known kept, information read as info, unknown dropped',
    raw: { rules: { A: 'off', B: 'information', C: 'fatal', D: 3, E: 'hint' } },
    expected: { ...DEFAULT_SETTINGS, rules: { A: 'off', B: 'info', E: 'hint' } },
  },
  { name: 'build args keep strings only', raw: { build: { args: { A: '1', B: 2 } } }, expected: { ...DEFAULT_SETTINGS, build: { args: { A: '1' } } } },
];
for (const row of table) test(`settings: ${row.name}`, () => assert.deepEqual(normalizeSettings(row.raw), row.expected));
