import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { analyze, applyEdits, fixAll, RULES } from '../../server/src/engine';
import type { RuleOptions } from '../../server/src/engine';
import { corpusFiles, repoRoot, requireHost } from '../support/env';

/**
 * Every fix over real Dockerfiles: the corpus, and the precision evaluation's files where this
 * checkout has them (.eval/, git-ignored; docs/precision/sources.tsv says where they come from).
 * Every rule is turned on, so that the fixes of rules that are off by default are held to the same.
 */
const EVERY_RULE: RuleOptions = {
  severities: Object.fromEntries(RULES.map((r) => [r.id, r.defaultSeverity === 'off' ? 'info' : r.defaultSeverity])),
};
const OWN_RULES = new Set(RULES.filter((r) => !r.buildkit).map((r) => r.id));

function evaluationFiles(): string[] {
  const root = path.join(repoRoot, '.eval');
  if (!fs.existsSync(root)) return [];
  const files: string[] = [];
  for (const round of fs.readdirSync(root).filter((r) => r.startsWith('round'))) {
    for (const gatherer of fs.readdirSync(path.join(root, round))) {
      const manifest = path.join(root, round, gatherer, 'manifest.tsv');
      if (!fs.existsSync(manifest)) continue;
      for (const line of fs.readFileSync(manifest, 'utf8').split('\n').filter(Boolean)) {
        const [folder, , file] = line.split('\t');
        const full = path.join(root, round, gatherer, folder, file);
        if (fs.existsSync(full)) files.push(full);
      }
    }
  }
  return files;
}

const files = () => [...corpusFiles(), ...evaluationFiles()];
const read = (file: string) => fs.readFileSync(file, 'utf8');
const kinds = (text: string) => new Set(analyze(text, EVERY_RULE).findings.map((f) => f.rule));

/** `&&` or `||` with no command after it, or a continuation into the next instruction: a broken chain. */
function brokenChains(text: string): string[] {
  return analyze(text)
    .model.instructions.filter((i) => i.keyword === 'RUN' && i.heredocs.length === 0)
    .map((i) => i.text)
    .filter((t) => /(&&|\|\|)\s*(\\\s*)?$/.test(t.trimEnd()) || /(&&|\|\|)\s*(\\\s*\n\s*)*(&&|\|\||;)/.test(t));
}

test('applying all safe fixes reaches a fixed point: a second `layerlens fix` changes nothing', (t) => {
  if (!requireHost(t, corpusFiles().length > 0, 'the corpus (../shared/corpus/real-world)')) return;
  const moving: string[] = [];
  for (const file of files()) {
    const once = fixAll(read(file), {}, 'safe');
    if (once.applied === 0) continue;
    const twice = fixAll(once.text, {}, 'safe');
    if (twice.applied > 0 || twice.text !== once.text) moving.push(path.basename(file));
  }
  assert.deepEqual(moving, [], 'files a second fix run still changes');
});

test('every fix, safe or unsafe, on real files: the result parses, adds no syntax error and no new kind of own finding, and keeps command chains whole', (t) => {
  if (!requireHost(t, corpusFiles().length > 0, 'the corpus (../shared/corpus/real-world)')) return;
  const problems: string[] = [];
  let checked = 0;
  for (const file of files()) {
    const text = read(file);
    const { model, findings } = analyze(text, EVERY_RULE);
    const before = kinds(text);
    const chainsBefore = brokenChains(text).length;
    for (const finding of findings) {
      if (!finding.fix) continue;
      checked++;
      const where = `${path.basename(file)}:${finding.range.start.line + 1} ${finding.rule} "${finding.fix.title}"`;
      const fixed = applyEdits(model, finding.fix.edits);
      const after = analyze(fixed, EVERY_RULE);
      if (after.model.problems.length > model.problems.length) problems.push(`${where}: adds a parse problem`);
      const added = [...new Set(after.findings.map((f) => f.rule))].filter(
        (rule) => !before.has(rule) && (rule === 'InvalidSyntax' || OWN_RULES.has(rule)),
      );
      if (added.length > 0) problems.push(`${where}: adds ${added.join(', ')}`);
      if (brokenChains(fixed).length > chainsBefore) problems.push(`${where}: breaks a command chain`);
    }
  }
  t.diagnostic(`${checked} fixes checked`);
  assert.deepEqual(problems, []);
});
