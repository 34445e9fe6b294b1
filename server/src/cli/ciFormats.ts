import { createHash } from 'crypto';
import { findRule } from '../engine';
import type { Severity } from '../engine';
import type { FileResult } from './report';

/** GitHub's annotation levels: it has no level below a notice. */
const GITHUB_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

/** A workflow command's message: `%`, CR and LF are escaped so that one annotation stays one line. */
const githubData = (text: string) => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
/** A workflow command's property value: the same, and the `:` and `,` that separate properties. */
const githubProperty = (text: string) => githubData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

/**
 * `--format github`: one workflow command per finding (`::warning file=…,line=…::message`), which a
 * GitHub Actions run shows as an annotation on the file's line in the pull request.
 */
export function githubReport(results: FileResult[]): string {
  return results
    .flatMap(({ path, analysis }) =>
      analysis.findings.map((f) => {
        const properties = [
          `file=${githubProperty(path)}`,
          `line=${f.range.start.line + 1}`,
          `col=${f.range.start.character + 1}`,
          `endLine=${f.range.end.line + 1}`,
          `endColumn=${f.range.end.character + 1}`,
          `title=${githubProperty(`Layerlens ${f.rule}`)}`,
        ];
        return `::${GITHUB_LEVEL[f.severity]} ${properties.join(',')}::${githubData(f.message)}`;
      }),
    )
    .join('\n');
}

/** Code Climate's category for each rule family. */
const CODECLIMATE_CATEGORY: Record<string, string> = {
  secrets: 'Security',
  cache: 'Performance',
  size: 'Performance',
  stages: 'Bug Risk',
  syntax: 'Style',
};

/** GitLab's code-quality severities, from the least to the most severe: info, minor, major, critical, blocker. */
const CODECLIMATE_SEVERITY: Record<Severity, string> = { error: 'critical', warning: 'major', info: 'minor', hint: 'info' };

/**
 * `--format codeclimate`: the Code Climate issue list GitLab reads as a code-quality report
 * (`artifacts:reports:codequality`). The fingerprint stays the same while the finding does, so
 * GitLab can tell new findings from old ones in a merge request.
 */
export function codeclimateReport(results: FileResult[]): string {
  return JSON.stringify(
    results.flatMap(({ path, analysis }) =>
      analysis.findings.map((f) => ({
        type: 'issue',
        check_name: f.rule,
        description: f.message,
        categories: [CODECLIMATE_CATEGORY[findRule(f.rule)?.category ?? 'syntax']],
        severity: CODECLIMATE_SEVERITY[f.severity],
        fingerprint: createHash('sha256').update(`${path}\0${f.rule}\0${f.range.start.line}\0${f.message}`).digest('hex'),
        location: { path, lines: { begin: f.range.start.line + 1, end: f.range.end.line + 1 } },
      })),
    ),
    null,
    2,
  );
}
