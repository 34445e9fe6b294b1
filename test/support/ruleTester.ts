import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze, applyEdits, parseDockerfile } from '../../server/src/engine';
import type { Finding, Rule } from '../../server/src/engine';

/**
 * An invalid case. Expected findings are caret comments under the line they point at:
 *
 *     ARG NPM_TOKEN
 *     #   ^^^^^^^^^ Do not use ARG or ENV instructions for sensitive data (ARG "NPM_TOKEN")
 *
 * A caret line that starts with `#^` marks from column 0, the `#` standing for the first column.
 * The caret lines are removed before analysis. `output` is the text after applying the
 * first finding's fix (caret lines never appear in it); `null` states that no fix is offered.
 */
export interface InvalidCase {
  name: string;
  code: string;
  /** The build context's `.dockerignore` (null: the context has none), for rules that read it. */
  dockerignore?: string | null;
  /** The files the build context sends, for rules that read the listing; with their text where rules read that too. */
  context?: string[] | Record<string, string>;
  /** The Docker Engine the file is built with, for rules that depend on it. */
  engineVersion?: string;
  output: string | null;
  safety?: 'safe' | 'unsafe';
}

/**
 * A Dockerfile written indented in a test table, so that caret lines stand under the text they mark:
 *
 *     code: dockerfile`
 *       ARG NPM_TOKEN
 *       #   ^^^^^^^^^ Do not use ARG or ENV instructions for sensitive data (ARG "NPM_TOKEN")
 *     `,
 *
 * The line break after the opening backtick and the closing line are dropped, and the indentation
 * common to the other lines is removed, so the text ends with one line break. A case about leading
 * whitespace on every line, tabs or trailing spaces is written as a plain string instead.
 */
export function dockerfile(strings: TemplateStringsArray): string {
  const [cooked] = strings;
  const lines = cooked?.startsWith('\n') ? cooked.slice(1).split('\n') : [];
  const closing = lines.pop();
  if (closing === undefined || closing.trim() !== '') {
    throw new Error('dockerfile`…`: start with a line break and end with the closing backtick on a line of its own');
  }
  const indent = Math.min(...lines.filter((l) => l.trim() !== '').map((l) => l.length - l.trimStart().length));
  return lines.map((l) => l.slice(indent)).join('\n') + '\n';
}

interface Expected {
  line: number;
  start: number;
  end: number;
  message: string;
}

const CARET_LINE = /^(\s*)#(\s*)(\^+)\s?(.*?)\r?$/;

export function readCarets(code: string): { text: string; expected: Expected[] } {
  const kept: string[] = [];
  const expected: Expected[] = [];
  for (const line of code.split('\n')) {
    const match = CARET_LINE.exec(line);
    if (match && kept.length > 0) {
      const fromColumnZero = line.startsWith('#^');
      const start = fromColumnZero ? 0 : line.indexOf('^');
      const end = line.indexOf('^') + match[3].length;
      expected.push({ line: kept.length - 1, start, end, message: match[4].trim() });
    } else {
      kept.push(line);
    }
  }
  return { text: kept.join('\n'), expected };
}

interface Context {
  dockerignore?: string | null;
  context?: string[] | Record<string, string>;
  engineVersion?: string;
}

/** The listing the context reader would make: files, and the text of those whose names may hold credentials. */
export function listingOf(context: string[] | Record<string, string>) {
  if (Array.isArray(context)) return { files: context, complete: true };
  return { files: Object.keys(context), complete: true, texts: new Map(Object.entries(context)) };
}

function findingsOf(rule: Rule, text: string, { dockerignore, context, engineVersion }: Context): Finding[] {
  // A rule that is off by default is tested as a user who turned it on sees it.
  const severities = rule.defaultSeverity === 'off' ? { [rule.id]: 'info' as const } : undefined;
  return analyze(text, { dockerignore, context: context && listingOf(context), severities, engineVersion }).findings.filter(
    (f) => f.rule === rule.id,
  );
}

export function ruleTests(rule: Rule, cases: { valid: ({ name: string; code: string } & Context)[]; invalid: InvalidCase[] }): void {
  describe(rule.id, () => {
    for (const c of cases.valid) {
      test(`valid: ${c.name}`, () => {
        assert.deepEqual(
          findingsOf(rule, c.code, c).map((f) => f.message),
          [],
        );
      });
    }
    for (const c of cases.invalid) {
      test(`invalid: ${c.name}`, () => {
        const { text, expected } = readCarets(c.code);
        assert.ok(expected.length > 0, 'an invalid case states at least one finding');
        const findings = findingsOf(rule, text, c);
        assert.deepEqual(
          findings.map((f) => ({
            line: f.range.start.line,
            start: f.range.start.character,
            end: f.range.end.character,
            message: f.message,
          })),
          expected,
        );
        const fix = findings[0].fix;
        if (c.output === null) {
          assert.equal(fix, undefined, 'no fix is offered');
          assert.equal(rule.fix.availability === 'always', false, 'a rule whose fix is "always" available must offer one');
          return;
        }
        assert.ok(fix, 'a fix is offered');
        assert.notEqual(rule.fix.availability, 'none', 'the rule declares that it has fixes');
        assert.equal(fix.safety, c.safety ?? rule.fix.safety, 'the fix has the declared safety');
        const fixed = applyEdits(parseDockerfile(text), fix.edits);
        assert.notEqual(fixed, text, 'the fix changes the text');
        assert.equal(fixed, c.output);
        const before = parseDockerfile(text);
        const after = parseDockerfile(fixed);
        assert.ok(after.problems.length <= before.problems.length, `the fix adds no parse problem: ${JSON.stringify(after.problems)}`);
        const again = findingsOf(rule, fixed, c).filter((f) => f.fix?.title === fix.title);
        assert.deepEqual(again, [], 'the fix is not offered again on its own output');
      });
    }
  });
}
