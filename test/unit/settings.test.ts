import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_BUILD_SETTINGS, DEFAULT_SETTINGS, normalizeBuildSettings, normalizeSettings } from '../../common/settings';

const table: { name: string; raw: unknown; expected: unknown }[] = [
  { name: 'nothing sent', raw: undefined, expected: DEFAULT_SETTINGS },
  {
    name: 'wrong types fall back to defaults',
    raw: { enable: 'yes', hover: { cacheExplanations: 1 }, rules: [], build: { args: 'A=1' } },
    expected: DEFAULT_SETTINGS,
  },
  {
    name: 'severities: known kept, information read as info, unknown dropped',
    raw: { rules: { A: 'off', B: 'information', C: 'fatal', D: 3, E: 'hint' } },
    expected: { ...DEFAULT_SETTINGS, rules: { A: 'off', B: 'info', E: 'hint' } },
  },
  {
    name: 'the editing settings',
    raw: { completion: { imageTags: false }, format: { ignoreMultilineInstructions: true } },
    expected: { ...DEFAULT_SETTINGS, completion: { imageTags: false }, format: { ignoreMultilineInstructions: true } },
  },
  {
    name: 'build args keep strings only',
    raw: { build: { args: { A: '1', B: 2 } } },
    expected: { ...DEFAULT_SETTINGS, build: { args: { A: '1' }, codeLens: true } },
  },
];
for (const row of table) test(`settings: ${row.name}`, () => assert.deepEqual(normalizeSettings(row.raw), row.expected));

test('build settings: secrets are a file or a variable, never a value; unknown engines and caches fall back', () => {
  assert.deepEqual(normalizeBuildSettings(undefined), DEFAULT_BUILD_SETTINGS);
  assert.deepEqual(
    normalizeBuildSettings({
      engine: 'podman',
      cache: 'gha',
      push: 'yes',
      builder: ' kube ',
      platform: 'linux/arm64',
      secrets: { a: { src: 'auth.toml' }, b: { env: 'NPM_TOKEN' }, c: { value: 'hunter2' }, d: 'hunter2', e: { src: '' } },
    }),
    {
      engine: 'auto',
      cache: 'auto',
      push: false,
      builder: 'kube',
      platform: 'linux/arm64',
      secrets: { a: { src: 'auth.toml' }, b: { env: 'NPM_TOKEN' } },
    },
  );
  assert.deepEqual(normalizeBuildSettings({ engine: 'buildx', cache: 'registry', push: true }).engine, 'buildx');
});
