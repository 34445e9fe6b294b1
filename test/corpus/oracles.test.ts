import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { analyze, RULES } from '../../server/src/engine';
import { oraclesDir, repoRoot, requireHost } from '../support/env';

interface BuildkitCase {
  rule: string;
  dockerfile: string;
  expect: 'fires' | 'silent';
  origin: string;
  kind: 'test' | 'doc-example';
  count?: number;
  lines?: number[];
  exhaustive?: boolean;
  other_warnings?: string[];
  frontend_attrs?: Record<string, string>;
  dockerignore?: string;
}

/** Build args given to the frontend in the case (`build-arg:NAME`), as `--build-arg` would. */
const buildArgsOf = (c: BuildkitCase) =>
  Object.fromEntries(
    Object.entries(c.frontend_attrs ?? {})
      .filter(([key]) => key.startsWith('build-arg:'))
      .map(([key, value]) => [key.slice('build-arg:'.length), value]),
  );

const oracleFile = path.join(oraclesDir, 'buildkit.jsonl');
const cases: BuildkitCase[] = fs.existsSync(oracleFile)
  ? fs
      .readFileSync(oracleFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as BuildkitCase)
  : [];

/**
 * Cases where Layerlens knowingly differs from BuildKit, listed with the reason under
 * "## Differences from BuildKit" (or "from hadolint") in the rule's page, by the case's origin.
 */
function listedDifferences(docs: string): Set<string> {
  const page = fs.readFileSync(path.join(repoRoot, docs), 'utf8');
  const sections = page.split('\n## ').filter((s) => /^Differences from (BuildKit|hadolint)\n/.test(s));
  return new Set(sections.flatMap((s) => [...s.matchAll(/`((?:frontend|test)\/[^`]+#L\d+)`/g)].map((m) => m[1])));
}

/**
 * Parity with `docker build --check`: for every BuildKit check Layerlens implements, each
 * case from BuildKit's own tests and docs must fire (with the same count and lines) or stay
 * silent as BuildKit does. Exhaustive test cases also prove silence where the rule is not listed.
 */
const implemented = RULES.filter((r) => r.buildkit);
for (const rule of implemented) {
  test(`BuildKit parity: ${rule.id}`, (t) => {
    if (!requireHost(t, cases.length > 0, `the BuildKit oracle at ${oracleFile}`)) return;
    const relevant = cases.filter((c) => c.rule === rule.id || (c.exhaustive && !(c.other_warnings ?? []).includes(rule.id)));
    assert.ok(
      relevant.some((c) => c.rule === rule.id),
      'the oracle has cases for this rule',
    );
    const differences = listedDifferences(rule.docs);
    let checked = 0;
    for (const c of relevant) {
      // The rule pages show fragments of a stage without its FROM, which BuildKit would not build:
      // they are read inside a stage, as the pages mean them, and their lines shift by one.
      const fragment = c.kind === 'doc-example' && !/^\s*FROM\s/im.test(c.dockerfile);
      const text = fragment ? `FROM scratch\n${c.dockerfile}` : c.dockerfile;
      const findings = analyze(text, { buildArgs: buildArgsOf(c), dockerignore: c.dockerignore })
        .findings.filter((f) => f.rule === rule.id)
        .map((f) => (fragment ? { ...f, range: { start: { ...f.range.start, line: f.range.start.line - 1 }, end: f.range.end } } : f));
      const silent = c.rule !== rule.id || c.expect === 'silent';
      const where = `${c.origin} (${c.rule}, ${c.expect})`;
      if (c.rule === rule.id && differences.has(c.origin)) {
        // A listed difference (where it fires, how often, on which lines) must still be one, or the list goes stale.
        const lines = findings.map((f) => f.range.start.line + 1);
        const agrees = silent
          ? findings.length === 0
          : findings.length > 0 &&
            (c.count === undefined || findings.length === c.count) &&
            (!c.lines || JSON.stringify(lines) === JSON.stringify(c.lines));
        assert.equal(agrees, false, `${where} is listed as a difference but now agrees: remove it from ${rule.docs}`);
        continue;
      }
      if (silent) {
        assert.deepEqual(
          findings.map((f) => f.message),
          [],
          where,
        );
      } else {
        if (c.count !== undefined) assert.equal(findings.length, c.count, where);
        else assert.ok(findings.length > 0, where);
        if (c.lines)
          assert.deepEqual(
            findings.map((f) => f.range.start.line + 1),
            c.lines,
            where,
          );
      }
      checked++;
    }
    t.diagnostic(`${checked} BuildKit cases checked`);
  });
}

interface HadolintCase {
  rule: string;
  dockerfile: string;
  expect: 'fires' | 'silent';
  origin: string;
  count?: number;
  variant?: string;
  config?: unknown;
}

const hadolintFile = path.join(oraclesDir, 'hadolint.jsonl');
const hadolintCases: HadolintCase[] = fs.existsSync(hadolintFile)
  ? fs
      .readFileSync(hadolintFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as HadolintCase)
  : [];

/**
 * Agreement with hadolint for every rule that carries a hadolint code as an alias. Snippets
 * without FROM get `FROM scratch` in front (hadolint lints fragments; BuildKit does not).
 * Cases of hadolint's ONBUILD variant are not replayed: Layerlens does not lint ONBUILD
 * triggers yet.
 */
for (const rule of RULES.filter((r) => r.aliases.some((a) => /^DL\d{4}$/.test(a)))) {
  test(`hadolint parity: ${rule.id} (${rule.aliases.filter((a) => a.startsWith('DL')).join(', ')})`, (t) => {
    if (!requireHost(t, hadolintCases.length > 0, `the hadolint oracle at ${hadolintFile}`)) return;
    const relevant = hadolintCases.filter((c) => rule.aliases.includes(c.rule) && c.variant === undefined && c.config === undefined);
    const differences = listedDifferences(rule.docs);
    for (const c of relevant) {
      const text = /^\s*FROM\s/im.test(c.dockerfile) ? c.dockerfile : `FROM scratch\n${c.dockerfile}`;
      // Parity is what the rule does when it runs: a rule that is off by default is turned on.
      const findings = analyze(text, { severities: { [rule.id]: 'info' } }).findings.filter((f) => f.rule === rule.id);
      const where = `${c.origin} (${c.rule}, ${c.expect})`;
      if (differences.has(c.origin)) {
        assert.equal(
          findings.length > 0,
          c.expect === 'silent',
          `${where} is listed as a difference but now agrees: remove it from ${rule.docs}`,
        );
        continue;
      }
      if (c.expect === 'silent')
        assert.deepEqual(
          findings.map((f) => f.message),
          [],
          where,
        );
      else if (c.count !== undefined) assert.equal(findings.length, c.count, where);
      else assert.ok(findings.length > 0, where);
    }
    t.diagnostic(`${relevant.length} hadolint cases checked`);
  });
}
