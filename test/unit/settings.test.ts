import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Connection } from '../../server/src/lsp/languageServer';
import { SettingsStore } from '../../server/src/lsp/settings';
import { DEFAULT_BUILD_SETTINGS, DEFAULT_SETTINGS, normalizeBuildSettings, normalizeSettings } from '../../common/settings';
import { ConfigFinder } from '../../common/projectConfig';

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

test('settings store: documents with equal settings share one object until the client says they changed', async () => {
  const answers: Record<string, unknown> = {
    'file:///a/Dockerfile': { rules: { A: 'off' } },
    'file:///a/sub/Dockerfile': { rules: { A: 'off' } },
    'file:///b/Dockerfile': { rules: { A: 'hint' } },
  };
  const connection = {
    workspace: {
      getConfiguration: ({ scopeUri }: { scopeUri: string }) =>
        scopeUri in answers ? Promise.resolve(answers[scopeUri]) : Promise.reject(new Error('no answer')),
    },
  } as unknown as Connection;
  const store = new SettingsStore(connection, new ConfigFinder(() => undefined));
  store.supportsConfiguration = true;
  const a = await store.get('file:///a/Dockerfile');
  assert.deepEqual(a.rules, { A: 'off' });
  assert.equal(await store.get('file:///a/sub/Dockerfile'), a, 'equal settings are one object');
  assert.deepEqual((await store.get('file:///b/Dockerfile')).rules, { A: 'hint' }, 'other settings are their own');
  assert.equal(await store.get('file:///c/Dockerfile'), DEFAULT_SETTINGS, 'a failed request gives the defaults');
  store.clear();
  const again = await store.get('file:///a/sub/Dockerfile');
  assert.notEqual(again, a, 'after a change every document gets a new object, so what was computed for the old is not reused');
  assert.deepEqual(again, a);
  assert.equal(await store.get('file:///a/Dockerfile'), again);
});

test(".layerlens.json gives the editor's analysis its rules, build args and engine version; what the editor sets wins", async () => {
  const files: Record<string, string> = {
    '/repo/.layerlens.json': JSON.stringify({
      rules: { A: 'error', B: 'off' },
      build: { args: { X: '1', Y: '1' } },
      engineVersion: '24.0',
      hover: { detail: 'full' },
    }),
    '/broken/.layerlens.json': '{ rules: ',
  };
  const editor: Record<string, unknown> = { rules: { A: 'hint' }, build: { args: { Y: '2' } } };
  const warnings: string[] = [];
  const connection = {
    workspace: { getConfiguration: () => Promise.resolve(editor) },
    window: { showWarningMessage: (message: string) => warnings.push(message) },
  } as unknown as Connection;
  const store = new SettingsStore(connection, new ConfigFinder((file) => files[file]));
  store.supportsConfiguration = true;
  const settings = await store.get('file:///repo/svc/Dockerfile');
  assert.deepEqual(settings.rules, { A: 'hint', B: 'off' });
  assert.deepEqual(settings.build.args, { X: '1', Y: '2' });
  assert.equal(settings.engineVersion, '24.0');
  assert.equal(settings.hover.detail, 'brief', "the hover is the editor's own setting");
  assert.deepEqual((await store.get('untitled:Untitled-1')).rules, { A: 'hint' }, 'an unsaved document has no project');

  files['/repo/.layerlens.json'] = JSON.stringify({ rules: { B: 'warning' } });
  assert.deepEqual((await store.get('file:///repo/svc/Dockerfile')).rules, { A: 'hint', B: 'off' }, 'kept until it is said to change');
  store.projectsChanged();
  assert.deepEqual((await store.get('file:///repo/svc/Dockerfile')).rules, { A: 'hint', B: 'warning' });
  files['/repo/.layerlens.json'] = JSON.stringify({ rules: { B: 'info' } });
  store.forget('file:///repo/svc/Dockerfile');
  assert.deepEqual(
    (await store.get('file:///repo/svc/Dockerfile')).rules,
    { A: 'hint', B: 'info' },
    'opened again: read again, for clients that do not report changed files',
  );

  assert.deepEqual((await store.get('file:///broken/Dockerfile')).rules, { A: 'hint' }, "a broken file's settings are not used");
  await store.get('file:///broken/other/Dockerfile');
  assert.equal(warnings.length, 1, 'and that is said once');
  assert.match(
    warnings[0],
    /^Layerlens: \/broken\/\.layerlens\.json is not valid JSON: .*\. Its settings are not used until it is fixed\.$/,
  );
});
