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

/**
 * Inputs that grow: each is analysed at a size and at eight times that size, and its analysis
 * time is taken as a ratio against a plain scan of the same text (every character read once,
 * then split into lines), so that the machine's speed cancels out. Linear analysis keeps the
 * ratio, give or take the garbage collector's extra work on large heaps and a busy machine (up to 4x here);
 * quadratic analysis multiplies it by eight.
 */
const GROWING: { name: string; make(size: number): string; size: number }[] = [
  { name: 'real corpus files, end to end (0.5 and 4 MB)', make: (size) => corpusText(size), size: 512 * 1024 },
  { name: 'a chain of ARGs, each from the one before', make: (n) => `FROM alpine\nARG A0=x\n${Array.from({ length: n }, (_, i) => `ARG A${i + 1}=\${A${i}}y\n`).join('')}RUN echo $A${n}\n`, size: 2_000 },
  { name: 'stages, each FROM the one before, commented, copying from earlier ones', make: (n) => `FROM alpine AS s0\nRUN echo 0\n${Array.from({ length: n }, (_, i) => `# stage ${i + 1}\nFROM s${i} AS s${i + 1}\n# from half-way back\nCOPY --from=s${i >> 1} /a /b\nRUN --mount=type=cache,target=/c echo ${i}\n`).join('')}`, size: 2_000 },
  { name: 'one instruction continued over many lines', make: (n) => `FROM alpine\nRUN apt-get update && \\\n${Array.from({ length: n }, (_, i) => `  apt-get install -y pkg${i} && \\\n`).join('')}  true\n`, size: 1_000 },
  { name: 'an unterminated heredoc', make: (n) => `FROM alpine\nRUN <<EOF\n${Array.from({ length: n }, (_, i) => `echo ${i} "unclosed\n`).join('')}`, size: 1_000 },
  { name: 'one very long line (0.5 and 4 MB)', make: (n) => `FROM alpine\nRUN echo ${'x'.repeat(n)}\n`, size: 512 * 1024 },
  { name: 'random bytes', make: (n) => Array.from({ length: n }, (_, i) => String.fromCharCode((i * 2654435761) >>> 24)).join(''), size: 64 * 1024 },
];

let corpus: string | undefined;
function corpusText(size: number): string {
  corpus ??= corpusFiles().map((f) => fs.readFileSync(f, 'utf8')).join('\n');
  return corpus.repeat(Math.ceil(size / corpus.length)).slice(0, size);
}

/** Milliseconds per run of `work`, repeated until it has taken long enough to measure. */
function timed(work: () => unknown, enough = 40): number {
  let runs = 0;
  const start = performance.now();
  do {
    work();
    runs++;
  } while (performance.now() - start < enough);
  return (performance.now() - start) / runs;
}

const plainScan = (text: string) => {
  let sum = 0;
  for (let i = 0; i < text.length; i++) sum = (sum + text.charCodeAt(i)) | 0;
  return sum + text.split('\n').length;
};

/**
 * Analysis time as a multiple of the plain scan's, for the same text: each measured a few times,
 * alternately, and the best of each taken, since the collector or another process may pause any
 * one run.
 */
function ratio(text: string): number {
  const scans: number[] = [];
  const runs: number[] = [];
  const started = performance.now();
  do {
    scans.push(timed(() => plainScan(text)));
    runs.push(timed(() => analyze(text), 0));
  } while (runs.length < 3 && performance.now() - started < 8_000);
  return Math.min(...runs) / Math.min(...scans);
}

test('analysis time grows linearly with the input: 8x the input costs at most 5x as much per character, measured against a plain scan', (t) => {
  if (!requireHost(t, corpusFiles().length > 0, 'the corpus (../shared/corpus/real-world)')) return;
  analyze(corpusText(256 * 1024));
  const rows = GROWING.map(({ name, make, size }) => {
    const small = make(size);
    const large = make(size * 8);
    const before = ratio(small);
    const after = ratio(large);
    const row = `${name}: ${(small.length / 1024).toFixed(0)} KB ${before.toFixed(0)}x a plain scan, ${(large.length / 1024).toFixed(0)} KB ${after.toFixed(0)}x`;
    return { row, linear: after <= before * 5 && after < 20_000 };
  });
  t.diagnostic(rows.map((r) => r.row).join('\n'));
  assert.deepEqual(rows.filter((r) => !r.linear).map((r) => r.row), [], 'superlinear, or far slower than a plain scan');
});
