import { explainStep, isCacheStep, renderExplanation, secretRedactor } from '../engine';
import type { Analysis, Finding } from '../engine';

export interface FileResult {
  path: string;
  analysis: Analysis;
  /** The advice `--explain` adds to the steps it is about (`cacheAdvice`). */
  advice: Finding[];
}

/** The JSON report's finding; lines and columns 1-based. Its shape is documented in the README and kept stable. */
export interface JsonFinding {
  rule: string;
  severity: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  fix?: { title: string; safety: 'safe' | 'unsafe' };
}

function toJsonFinding(finding: Finding): JsonFinding {
  const json: JsonFinding = {
    rule: finding.rule,
    severity: finding.severity,
    line: finding.range.start.line + 1,
    column: finding.range.start.character + 1,
    endLine: finding.range.end.line + 1,
    endColumn: finding.range.end.character + 1,
    message: finding.message,
  };
  if (finding.fix) json.fix = { title: finding.fix.title, safety: finding.fix.safety };
  return json;
}

export function jsonReport(results: FileResult[]): string {
  return JSON.stringify({ files: results.map((r) => ({ path: r.path, findings: r.analysis.findings.map(toJsonFinding) })) }, null, 2);
}

const indent = (text: string, by: string) =>
  text
    .split('\n')
    .map((l) => (l ? by + l : l))
    .join('\n');

export function textReport(results: FileResult[], explain: boolean): string {
  const out: string[] = [];
  let total = 0;
  let fixable = 0;
  for (const { path, analysis, advice } of results) {
    const { findings, model } = analysis;
    if (findings.length === 0 && !explain) continue;
    out.push(path);
    for (const finding of findings) {
      total++;
      const where = `${finding.range.start.line + 1}:${finding.range.start.character + 1}`;
      out.push(`  ${where.padEnd(7)} ${finding.severity.padEnd(11)} ${finding.message}  [${finding.rule}]`);
      if (finding.fix) {
        fixable++;
        out.push(`  ${''.padEnd(7)} ${'fix'.padEnd(11)} ${finding.fix.title} (${finding.fix.safety})`);
      }
    }
    if (explain) {
      const redact = secretRedactor(model);
      for (const instruction of model.instructions.filter(isCacheStep)) {
        const explanation = explainStep(model, instruction);
        if (!explanation) continue;
        // The Markdown is shared with the hover; bold markers only clutter a terminal.
        // The hover's "Cache advice", from the rule that is off by default and speaks where asked.
        const step = advice.find((f) => f.range.start.line === instruction.range.start.line);
        out.push(
          '',
          indent(redact(renderExplanation(model, explanation, 'plaintext') + (step ? `\n\nCache advice: ${step.message}` : '')), '    '),
        );
      }
    }
    out.push('');
  }
  const files = results.length;
  out.push(
    `${total} finding${total === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}${fixable ? ` (${fixable} with a fix)` : ''}`,
  );
  return out.join('\n');
}
