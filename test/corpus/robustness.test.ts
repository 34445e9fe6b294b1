import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { test } from 'node:test';
import { analyze, applyEdits, convertToMultiStage, fixAll } from '../../server/src/engine';
import type { Finding } from '../../server/src/engine';
import { corpusFiles, requireHost } from '../support/env';

/** Lines a fix wrote (not copied from the file) that end in a backslash continuation: wrong where the escape character is a backtick. */
const newBackslashContinuations = (before: string, after: string) => {
  const old = new Set(before.split(/\r?\n/));
  return after.split(/\r?\n/).filter((l) => !old.has(l) && /\s\\$/.test(l));
};
const syntaxErrors = (findings: Finding[]) => findings.filter((f) => f.rule === 'InvalidSyntax').length;

/**
 * The same corpus file with backtick continuations, as on Windows: the directive added, and every
 * backslash that ends a line turned into a backtick.
 */
const withBacktickEscape = (text: string) => `# escape=\`\n${text.replace(/\\([ \t]*\r?\n)/g, '`$1')}`;

test('backtick escape (Windows Dockerfiles): every fix, fix-all and the multi-stage conversion keep backtick continuations and add no syntax error', (t) => {
  const files = corpusFiles();
  if (!requireHost(t, files.length > 0, 'the corpus (../shared/corpus/real-world)')) return;
  const texts = files.map((f) => fs.readFileSync(f, 'utf8'));
  const escapeOf = (text: string) => analyze(text).model.directives.escape.char;
  const windows = texts.filter((text) => escapeOf(text) === '`');
  const converted = texts.filter((text, i) => i % 5 === 0 && !text.includes('`')).map(withBacktickEscape);
  assert.ok(windows.length >= 50, `the corpus's Windows Dockerfiles (${windows.length})`);
  let fixesChecked = 0;
  for (const text of [...windows, ...converted]) {
    const { model, findings } = analyze(text);
    assert.equal(model.directives.escape.char, '`', text.slice(0, 300));
    const check = (fixed: string, what: string) => {
      const after = analyze(fixed);
      assert.equal(after.model.directives.escape.char, '`', `${what} kept the escape directive`);
      assert.deepEqual(newBackslashContinuations(text, fixed), [], `${what} added a backslash continuation:\n${fixed}`);
      assert.ok(syntaxErrors(after.findings) <= syntaxErrors(findings), `${what} added a syntax error:\n${fixed}`);
    };
    for (const finding of findings.filter((f) => f.fix)) {
      check(applyEdits(model, finding.fix!.edits), `the ${finding.rule} fix "${finding.fix!.title}"`);
      fixesChecked++;
    }
    check(fixAll(text, {}, 'all').text, 'fix all');
    const conversion = convertToMultiStage(model);
    if (conversion) check(applyEdits(model, conversion.edits), 'the multi-stage conversion');
  }
  assert.ok(fixesChecked > 100, `fixes checked: ${fixesChecked}`);
});
