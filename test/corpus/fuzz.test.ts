import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import { analyze, applyEdits, parseDockerfile, RULES, semanticTokens, textOf } from '../../server/src/engine';
import type { DockerfileModel, Finding, Range, Rule } from '../../server/src/engine';
import { corpusFiles, requireHost } from '../support/env';
import { assertWellFormedTokens } from '../support/semanticTokens';

/**
 * Property tests over mutations of the real-world corpus: what users have on screen while they
 * type, and what strange repositories hold. The seed is fixed, so a failure repeats; the count is
 * bounded here and raised by `npm run fuzz` (LAYERLENS_FUZZ_RUNS) for the long run.
 */
const SEED = 20261128;
const RUNS = Number(process.env.LAYERLENS_FUZZ_RUNS ?? 200);

type Mutation =
  | { kind: 'flip'; at: number; code: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'deleteLine' | 'duplicateLine' | 'continuation' | 'heredoc' | 'crlf'; line: number }
  | { kind: 'quote'; at: number; quote: string }
  | { kind: 'nul'; at: number }
  | { kind: 'longLine'; line: number; length: number }
  | { kind: 'bom' }
  | { kind: 'escape'; char: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), code: fc.integer({ min: 0, max: 0xffff }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constantFrom('deleteLine' as const, 'duplicateLine' as const, 'continuation' as const, 'heredoc' as const, 'crlf' as const),
    line: fc.nat(),
  }),
  fc.record({ kind: fc.constant('quote' as const), at: fc.nat(), quote: fc.constantFrom('"', "'") }),
  fc.record({ kind: fc.constant('nul' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('longLine' as const), line: fc.nat(), length: fc.integer({ min: 1_000, max: 100_000 }) }),
  fc.constant({ kind: 'bom' as const }),
  fc.record({ kind: fc.constant('escape' as const), char: fc.constantFrom('`', '\\') }),
);

function mutate(text: string, m: Mutation): string {
  const lines = text.split('\n');
  const line = 'line' in m ? m.line % lines.length : 0;
  const at = 'at' in m ? m.at % (text.length + 1) : 0;
  switch (m.kind) {
    case 'flip':
      return text.slice(0, at) + String.fromCharCode(m.code) + text.slice(at + 1);
    case 'truncate':
      return text.slice(0, at);
    case 'deleteLine':
      return [...lines.slice(0, line), ...lines.slice(line + 1)].join('\n');
    case 'duplicateLine':
      return [...lines.slice(0, line + 1), ...lines.slice(line)].join('\n');
    case 'continuation':
      return [...lines.slice(0, line), `${lines[line]} \\`, ...lines.slice(line + 1)].join('\n');
    case 'heredoc':
      return [...lines.slice(0, line), 'RUN <<EOF', ...lines.slice(line)].join('\n');
    case 'crlf':
      return [...lines.slice(0, line).map((l) => `${l}\r`), ...lines.slice(line)].join('\n');
    case 'quote':
      return text.slice(0, at) + m.quote + text.slice(at);
    case 'nul':
      return text.slice(0, at) + '\0' + text.slice(at);
    case 'longLine':
      return [...lines.slice(0, line), `RUN echo ${'x'.repeat(m.length)}`, ...lines.slice(line)].join('\n');
    case 'bom':
      return `\uFEFF${text}`;
    case 'escape':
      return `# escape=${m.char}\n${text}`;
  }
}

/** Inside the document: a line that exists, a character no further than that line's end. */
function inside(model: DockerfileModel, range: Range): boolean {
  const lines = model.text.split(/\r?\n|\r/);
  const within = (p: Range['start']) =>
    p.line >= 0 && p.character >= 0 && p.line < Math.max(lines.length, 1) && p.character <= (lines[p.line] ?? '').length;
  return (
    within(range.start) &&
    within(range.end) &&
    (range.start.line < range.end.line || (range.start.line === range.end.line && range.start.character <= range.end.character))
  );
}

/** A fix by what it does: its rule and title, and for each edit where it is, the text it replaces and the text it writes. */
const fixDoing = (model: DockerfileModel, finding: Finding) =>
  JSON.stringify([
    finding.rule,
    finding.fix?.title,
    (finding.fix?.edits ?? []).map((e) => [e.range, textOf(model.text, model.lineStarts, e.range), e.newText]),
  ]);

/** Every finding inside the text, every fix applying cleanly to text that analyses, and not offered again after it. */
function checkText(text: string): void {
  const { model, findings } = analyze(text);
  assertWellFormedTokens(text, semanticTokens(model), 'semantic tokens');
  for (const finding of findings) {
    assert.ok(inside(model, finding.range), `${finding.rule}: range ${JSON.stringify(finding.range)} outside the document`);
    for (const edit of finding.fix?.edits ?? [])
      assert.ok(inside(model, edit.range), `${finding.rule}: fix edit ${JSON.stringify(edit.range)} outside the document`);
  }
  const syntaxErrors = findings.filter((f) => f.rule === 'InvalidSyntax').length;
  for (const finding of findings.filter((f) => f.fix).slice(0, 8)) {
    const fixed = applyEdits(model, finding.fix!.edits);
    const again = analyze(fixed);
    assert.ok(
      !again.findings.some((f) => fixDoing(again.model, f) === fixDoing(model, finding)),
      `${finding.rule}: "${finding.fix!.title}" is offered again after it was applied`,
    );
    // The fixed text parses as well as the text did: no syntax error that was not there before.
    assert.ok(
      again.findings.filter((f) => f.rule === 'InvalidSyntax').length <= syntaxErrors,
      `${finding.rule}: "${finding.fix!.title}" adds a syntax error:\n${fixed}`,
    );
  }
}

test(`mutated corpus files (fast-check, seed ${SEED}, ${RUNS} cases): analysis never throws, ranges stay inside, fixes apply once and add no syntax error, semantic tokens stay well formed`, (t) => {
  const files = corpusFiles();
  if (!requireHost(t, files.length > 0, 'the corpus (../shared/corpus/real-world)')) return;
  const texts = files.map((f) => fs.readFileSync(f, 'utf8'));
  fc.assert(
    fc.property(fc.nat({ max: texts.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 4 }), (index, mutations) => {
      checkText(mutations.reduce(mutate, texts[index]));
    }),
    { seed: SEED, numRuns: RUNS, includeErrorInReport: true },
  );
});

test('truncation at every position of a sample of corpus files: analysis never throws, ranges stay inside', (t) => {
  const files = corpusFiles();
  if (!requireHost(t, files.length > 0, 'the corpus (../shared/corpus/real-world)')) return;
  for (const file of files.filter((_, i) => i % 97 === 0)) {
    const text = fs.readFileSync(file, 'utf8').slice(0, 3_000);
    for (let at = 0; at <= text.length; at += 7) {
      const { model, findings } = analyze(text.slice(0, at));
      for (const finding of findings) assert.ok(inside(model, finding.range), `${file} cut at ${at}: ${finding.rule}`);
    }
  }
});

test('a rule that throws on some text: its failure is a finding on the first line, the other rules still report', () => {
  const failing: Rule = {
    ...RULES[0],
    id: 'FailingForTheTest',
    check: () => {
      throw new Error('boom');
    },
  };
  const rules = RULES as Rule[];
  rules.push(failing);
  try {
    const { findings } = analyze('FROM busybox\nARG NPM_TOKEN\n');
    const failure = findings.find((f) => f.rule === 'FailingForTheTest');
    assert.match(failure?.message ?? '', /could not finish the FailingForTheTest check on this file \(boom\)/);
    assert.deepEqual(failure?.range.start, { line: 0, character: 0 });
    assert.ok(
      findings.some((f) => f.rule === 'SecretsUsedInArgOrEnv'),
      'the other rules still report',
    );
  } finally {
    rules.pop();
  }
  assert.doesNotThrow(() => parseDockerfile('\0\0\0'));
});
