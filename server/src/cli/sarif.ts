import * as path from 'path';
import { pathToFileURL } from 'url';
import { RULES } from '../engine';
import type { Severity } from '../engine';
import type { FileResult } from './report';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** The package root, where the rule pages live next to dist/. */
const PACKAGE_ROOT = path.resolve(__dirname, '..');

/**
 * SARIF 2.1.0, for code-scanning dashboards: the rule catalogue from the registry, one result
 * per finding with 1-based regions, and the fix's title and safety as result properties.
 */
export function sarifReport(results: FileResult[], version: string, cwd: string): string {
  const rules = RULES.map((rule) => ({
    id: rule.id,
    name: rule.id,
    shortDescription: { text: rule.description },
    helpUri: pathToFileURL(path.join(PACKAGE_ROOT, rule.docs)).toString(),
    // SARIF's `none` level is a rule that reports nothing unless configured.
    defaultConfiguration: rule.defaultSeverity === 'off' ? { enabled: false, level: 'none' } : { level: LEVEL[rule.defaultSeverity] },
    properties: { category: rule.category, ...(rule.aliases.length ? { aliases: rule.aliases } : {}), buildkit: rule.buildkit },
  }));
  const index = new Map(RULES.map((rule, i) => [rule.id, i]));
  const sarifResults = results.flatMap(({ path: file, analysis }) =>
    analysis.findings.map((finding) => ({
      ruleId: finding.rule,
      ruleIndex: index.get(finding.rule),
      level: LEVEL[finding.severity],
      message: { text: finding.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: path.relative(cwd, file).split(path.sep).join('/') },
            region: {
              startLine: finding.range.start.line + 1,
              startColumn: finding.range.start.character + 1,
              endLine: finding.range.end.line + 1,
              endColumn: finding.range.end.character + 1,
            },
          },
        },
      ],
      ...(finding.fix ? { properties: { fix: { title: finding.fix.title, safety: finding.fix.safety } } } : {}),
    })),
  );
  return JSON.stringify(
    {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [{ tool: { driver: { name: 'Layerlens', version, rules } }, results: sarifResults }],
    },
    null,
    2,
  );
}
