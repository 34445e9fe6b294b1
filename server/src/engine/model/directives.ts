import type { Comment, ParserDirective } from 'dockerfile-ast';
import type { CheckDirective, Directives, Instruction, Range } from './types';

/**
 * Reads a `check` value (`skip=A,B;error=true;experimental=C`) as BuildKit does:
 * keys separated by `;`, lists by `,`, `all` as a list member meaning every rule.
 */
export function parseCheckValue(value: string, range: Range): CheckDirective {
  const skip = new Set<string>();
  const experimental = new Set<string>();
  let skipAll = false;
  let error = false;
  for (const part of value.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim().toLowerCase();
    const items = part
      .slice(eq + 1)
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (key === 'skip') {
      for (const item of items) {
        if (item.toLowerCase() === 'all') skipAll = true;
        else skip.add(item);
      }
    } else if (key === 'error') {
      error = items[0]?.toLowerCase() === 'true';
    } else if (key === 'experimental') {
      for (const item of items) experimental.add(item);
    }
  }
  return { skip, skipAll, error, experimental, range };
}

/**
 * A comment line that reads as a parser directive where directives may stand (at the top of the
 * file): `# name=value`, the name of letters and digits, as BuildKit reads it. Groups: the name,
 * then the value without its surrounding blanks.
 */
export const DIRECTIVE_LINE = /^#[ \t]*([A-Za-z][A-Za-z0-9]*)[ \t]*=[ \t]*(.*?)[ \t]*$/;

export function readDirectives(nodes: ParserDirective[], escapeChar: string): Directives {
  const directives: Directives = { escape: { char: escapeChar } };
  for (const node of nodes) {
    const name = node.getName().toLowerCase();
    if (name === 'syntax' && !directives.syntax) directives.syntax = { value: node.getValue(), range: node.getRange() };
    else if (name === 'escape') directives.escape = { char: escapeChar, range: node.getRange() };
    else if (name === 'check' && !directives.check) directives.check = parseCheckValue(node.getValue(), node.getRange());
  }
  return directives;
}

const CHECK_COMMENT = /^#\s*check\s*=\s*(.*?)(?:\s+\/\/.*)?$/i;
const HADOLINT_COMMENT = /^#\s*hadolint\s+ignore\s*=\s*([A-Za-z0-9_,\s]+)/i;
const LAYERLENS_COMMENT = /^#\s*layerlens-ignore\s+([A-Za-z0-9_,\s]+)/i;

/**
 * Finds the rules silenced for single instructions by the comments directly above them:
 * `# check=skip=Rule` (BuildKit applies it to the next instruction only),
 * `# hadolint ignore=DL3009` (kept so that files written for hadolint keep working) and
 * `# layerlens-ignore Rule1, Rule2`.
 */
export function readSuppressions(comments: Comment[], instructions: Instruction[]): Map<number, Set<string>> {
  const byLine = new Map<number, string>();
  for (const comment of comments) byLine.set(comment.getRange().start.line, comment.getTextContent().trim());
  const result = new Map<number, Set<string>>();
  for (const instruction of instructions) {
    const names = new Set<string>();
    for (let line = instruction.range.start.line - 1; byLine.has(line); line--) {
      const text = byLine.get(line) ?? '';
      const check = CHECK_COMMENT.exec(text);
      if (check) {
        const parsed = parseCheckValue(check[1] ?? '', instruction.range);
        if (parsed.skipAll) names.add('all');
        for (const name of parsed.skip) names.add(name);
      }
      const listed = HADOLINT_COMMENT.exec(text) ?? LAYERLENS_COMMENT.exec(text);
      if (listed) for (const code of (listed[1] ?? '').split(/[,\s]+/)) if (code) names.add(code);
    }
    if (names.size > 0) result.set(instruction.index, names);
  }
  return result;
}
