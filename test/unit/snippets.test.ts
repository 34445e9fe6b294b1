import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { analyze } from '../../server/src/engine';
import { repoRoot } from '../support/env';

const snippets = JSON.parse(fs.readFileSync(path.join(repoRoot, 'snippets', 'dockerfile.json'), 'utf8')) as Record<
  string,
  { prefix: string; body: string[]; description: string }
>;

/** A snippet as the editor inserts it with every placeholder left at its default. */
const expanded = (body: string[]) =>
  body
    .join('\n')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\{\d+\}/g, '')
    .replace(/\\\$/g, '$');

/** What a snippet is there to avoid: none of these may report on it. */
const AVOIDED = [
  'InvalidSyntax',
  'InvalidMountOption',
  'CacheMountRecommended',
  'SecretsUsedInArgOrEnv',
  'SecretFileCopied',
  'MultiStageRecommended',
  'BuildToolsInFinalStage',
  'FinalStageBaseNotSlim',
  'FrontendFeatureWithoutSyntax',
  'UnreachableStage',
  'CopyContextBeforeInstall',
  'CacheMountOutputLost',
  'JSONArgsRecommended',
];

for (const [name, snippet] of Object.entries(snippets)) {
  test(`snippet ${snippet.prefix}: parses, and no rule it is meant to satisfy reports on it`, () => {
    const text = expanded(snippet.body);
    // A step on its own is tried in a file with the frontend directive and a base image.
    const file = /^(# syntax|FROM)/.test(text) ? `${text}\n` : `# syntax=docker/dockerfile:1\nFROM debian:bookworm-slim\n${text}\n`;
    // Rules off by default are turned on: a snippet must not teach what they would report.
    const reported = analyze(file, { severities: Object.fromEntries(AVOIDED.map((rule) => [rule, 'warning' as const])) })
      .findings.filter((f) => AVOIDED.includes(f.rule))
      .map((f) => `${f.rule}: ${f.message}`);
    assert.deepEqual(reported, [], `${name}:\n${file}`);
    assert.ok(snippet.description.length > 20, 'says what it is for');
  });
}

test('every prefix is unique', () => {
  const prefixes = Object.values(snippets).map((s) => s.prefix);
  assert.equal(new Set(prefixes).size, prefixes.length);
});
