import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze, applyEdits, fixAll } from '../../server/src/engine';

const BEFORE = [
  'from alpine AS Build',
  'MAINTAINER me@example.com',
  'RUN echo a',
  'EXPOSE 80/TCP 8080:81',
  'ENV GREETING hello world',
  'CMD echo done',
  '',
].join('\n');

test('fix-all applies every safe fix, over as many passes as it takes, and no unsafe one', () => {
  const { text, applied } = fixAll(BEFORE);
  assert.equal(
    text,
    [
      'FROM alpine AS build',
      'LABEL org.opencontainers.image.authors="me@example.com"',
      'RUN echo a',
      'EXPOSE 80/tcp 81',
      'ENV GREETING="hello world"',
      'CMD echo done',
      '',
    ].join('\n'),
  );
  assert.ok(applied >= 6, `applied ${applied}`);
  const left = analyze(text).findings.map((f) => f.rule);
  assert.deepEqual(left, ['JSONArgsRecommended'], 'the unsafe exec-form fix is left for a person');
  assert.equal(fixAll(text).applied, 0, 'a second run has nothing to do');
});

test('inline suppressions: # layerlens-ignore, # check=skip and # hadolint ignore silence the next instruction', () => {
  const text = [
    'FROM alpine',
    '# layerlens-ignore LegacyKeyValueFormat, MaintainerDeprecated',
    'ENV A 1',
    '# hadolint ignore=DL4000',
    'MAINTAINER me',
    'ENV B 2',
    '',
  ].join('\n');
  assert.deepEqual(
    analyze(text).findings.map((f) => `${f.rule}:${f.range.start.line}`),
    ['LegacyKeyValueFormat:5'],
  );
});

test('a fix that writes at the start of a file with a byte-order mark writes after the mark', () => {
  const text = '\uFEFFFROM alpine\nCOPY --parents a/*/b /c/\n';
  const { model, findings } = analyze(text);
  const syntax = findings.find((f) => f.rule === 'FrontendFeatureWithoutSyntax');
  assert.ok(syntax?.fix);
  assert.equal(applyEdits(model, syntax.fix.edits), '\uFEFF# syntax=docker/dockerfile:1\nFROM alpine\nCOPY --parents a/*/b /c/\n');
});
