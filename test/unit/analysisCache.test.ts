import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_SETTINGS } from '../../common/settings';
import { AnalysisCache } from '../../server/src/lsp/documents';

const TEXT = 'FROM alpine\nARG TOKEN\nRUN echo $TOKEN\n';

test('one parse per document version, shared by every feature; findings follow the settings', () => {
  const cache = new AnalysisCache();
  let document = TextDocument.create('file:///a/Dockerfile', 'dockerfile', 1, TEXT);
  const model = cache.model(document);
  assert.equal(cache.model(document), model, 'the same version reuses the model');
  const findings = cache.findings(document, DEFAULT_SETTINGS);
  assert.equal(cache.findings(document, DEFAULT_SETTINGS), findings, 'and the findings for the same settings');
  assert.equal(cache.model(document), model, 'computing findings did not parse again');
  const off = { ...DEFAULT_SETTINGS, rules: { SecretsUsedInArgOrEnv: 'off' as const } };
  assert.deepEqual(cache.findings(document, off), []);
  assert.equal(cache.model(document), model, 'new settings reuse the model');

  document = TextDocument.update(document, [{ text: TEXT.replace('TOKEN', 'VERSION') }], 2);
  const next = cache.model(document);
  assert.notEqual(next, model, 'a new version is parsed again');
  assert.equal(next.instructions[0]?.args, model.instructions[0]?.args, 'with the version before: its untouched FROM is taken over');
  assert.notEqual(next.instructions[1]?.args, model.instructions[1]?.args, 'and the edited ARG read again');
  assert.equal(cache.size, 1, 'one entry per document, not per version');
  cache.forget(document.uri);
  assert.equal(cache.size, 0, 'closing a document frees its analysis');
});

test('only the documents asked about most recently keep their analysis; another is analysed again when asked', () => {
  const cache = new AnalysisCache(2);
  const [a, b, c] = ['a', 'b', 'c'].map((name) => TextDocument.create(`file:///${name}/Dockerfile`, 'dockerfile', 1, TEXT));
  const modelA = cache.model(a);
  const findingsA = cache.findings(a, DEFAULT_SETTINGS);
  const modelB = cache.model(b);
  assert.equal(cache.model(a), modelA, 'asking about a keeps it, so b is now the oldest');
  cache.model(c);
  assert.equal(cache.size, 2, 'no more analyses than the capacity');
  assert.equal(cache.model(a), modelA, 'a was asked about more recently than b, so it stays');
  assert.equal(cache.findings(a, DEFAULT_SETTINGS), findingsA, 'with its findings');
  const again = cache.model(b);
  assert.notEqual(again, modelB, 'b was dropped, and is parsed again when asked');
  assert.deepEqual(
    cache.findings(b, DEFAULT_SETTINGS).map((f) => [f.rule, f.range]),
    findingsA.map((f) => [f.rule, f.range]),
    'into the same findings',
  );
  assert.equal(cache.size, 2);
});
