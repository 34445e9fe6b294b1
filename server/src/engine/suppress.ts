import { instructionOnLine, positionAt, type DockerfileModel, type Range } from './model';
import type { Rule, TextEdit } from './rules';

export type SkipScope = 'line' | 'file';

const CHECK_LINE = /^(\s*#\s*check\s*=\s*)(.*?)\s*$/i;
const LAYERLENS_LINE = /^(\s*#\s*layerlens-ignore\s+)(.*?)\s*$/i;

function lineText(model: DockerfileModel, line: number): string {
  const start = model.lineStarts[line];
  const end = line + 1 < model.lineStarts.length ? model.lineStarts[line + 1] : model.text.length;
  return model.text.slice(start, end).replace(/\r?\n$/, '');
}

function wholeLine(model: DockerfileModel, line: number): Range {
  return { start: { line, character: 0 }, end: { line, character: lineText(model, line).length } };
}

/** `skip=A,B` in a check value with `rule` added to its list, or a `skip=` part added when there is none. */
function withSkipped(value: string, rule: string): string {
  const parts = value.split(';');
  const skip = parts.find((p) => /^\s*skip\s*=/i.test(p));
  if (skip === undefined) return value.trim() === '' ? `skip=${rule}` : `${value};skip=${rule}`;
  const list = skip.slice(skip.indexOf('=') + 1).trim();
  parts[parts.indexOf(skip)] = skip.replace(/=.*$/, list === '' ? `=${rule}` : `=${list},${rule}`);
  return parts.join(';');
}

/**
 * The edit that silences `rule` for the instruction on `line` or for the whole file, in the form
 * that both BuildKit and Layerlens read: for BuildKit's checks `# check=skip=Rule` (above the
 * instruction, or in the file's `# check=` directive), for Layerlens' own rules
 * `# layerlens-ignore Rule` above the instruction, and the file's `# check=` directive for the file
 * (BuildKit passes over names it does not know there). A comment of the same form already in place is
 * extended, never repeated. Undefined when `line` holds no instruction and the scope is the line.
 */
export function skipRuleEdit(
  model: DockerfileModel,
  rule: Pick<Rule, 'id' | 'buildkit'>,
  line: number,
  scope: SkipScope,
): TextEdit | undefined {
  if (scope === 'file') return skipInFile(model, rule.id);
  const instruction = instructionOnLine(model, line);
  if (!instruction) return undefined;
  const first = instruction.range.start.line;
  const form = rule.buildkit ? CHECK_LINE : LAYERLENS_LINE;
  // The comments directly above the instruction are the ones BuildKit and Layerlens read for it.
  for (let above = first - 1; above >= 0 && /^\s*#/.test(lineText(model, above)); above--) {
    const existing = form.exec(lineText(model, above));
    if (!existing || isDirectiveLine(model, above)) continue;
    const [, lead = '', list = ''] = existing;
    const extended = rule.buildkit ? withSkipped(list, rule.id) : `${list.replace(/[,\s]+$/, '')}, ${rule.id}`;
    return { range: wholeLine(model, above), newText: `${lead}${extended}` };
  }
  const indent = /^\s*/.exec(lineText(model, first))?.[0] ?? '';
  const comment = rule.buildkit ? `# check=skip=${rule.id}` : `# layerlens-ignore ${rule.id}`;
  // Above a first instruction with only parser directives over it, a `#` line would itself be read
  // as a directive for the whole file; a blank line first ends the directives.
  const prefix = onlyDirectivesAbove(model, first) ? model.eol : '';
  return {
    range: { start: { line: first, character: 0 }, end: { line: first, character: 0 } },
    newText: `${prefix}${indent}${comment}${model.eol}`,
  };
}

function skipInFile(model: DockerfileModel, rule: string): TextEdit {
  const check = model.directives.check;
  if (check) {
    const line = check.range.start.line;
    const existing = CHECK_LINE.exec(lineText(model, line));
    if (existing) {
      const [, lead = '', value = ''] = existing;
      return { range: wholeLine(model, line), newText: `${lead}${withSkipped(value, rule)}` };
    }
  }
  // After the other parser directives, which must all stay at the top of the file.
  const after = [model.directives.syntax?.range, model.directives.escape.range]
    .filter((r): r is Range => r !== undefined)
    .reduce((line, r) => Math.max(line, r.end.line + 1), 0);
  if (after < model.lineStarts.length) {
    return {
      range: { start: { line: after, character: 0 }, end: { line: after, character: 0 } },
      newText: `# check=skip=${rule}${model.eol}`,
    };
  }
  // A file of directives alone, without a line break at its end.
  const end = positionAt(model.lineStarts, model.text.length);
  return { range: { start: end, end }, newText: `${model.eol}# check=skip=${rule}` };
}

function isDirectiveLine(model: DockerfileModel, line: number): boolean {
  const { syntax, escape, check } = model.directives;
  return [syntax?.range, escape.range, check?.range].some((r) => r?.start.line === line);
}

function onlyDirectivesAbove(model: DockerfileModel, line: number): boolean {
  for (let above = 0; above < line; above++) if (!isDirectiveLine(model, above)) return false;
  return true;
}
