import { offsetAt } from './model';
import type { DockerfileModel } from './model';
import type { ContextFileLine, Finding, FixSecret, TextEdit } from './rules/types';
import { analyze } from './analyze';
import type { RuleOptions } from './analyze';

/**
 * Applies non-overlapping edits to the model's text, last first so that earlier offsets
 * stay valid. Used by the CLI and by tests; editors apply the same edits themselves.
 */
export function applyEdits(model: Pick<DockerfileModel, 'text' | 'lineStarts'>, edits: readonly TextEdit[]): string {
  // A byte-order mark stays first: what a fix writes at the start of the file goes after it.
  const first = model.text.startsWith('\uFEFF') ? 1 : 0;
  const at = (position: TextEdit['range']['start']) => Math.max(first, offsetAt(model.lineStarts, model.text, position));
  const resolved = edits
    .map((e) => ({ start: at(e.range.start), end: at(e.range.end), text: e.newText }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let text = model.text;
  let limit = Number.POSITIVE_INFINITY;
  for (const edit of resolved) {
    if (edit.end > limit) throw new Error('overlapping edits');
    text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
    limit = edit.start;
  }
  return text;
}

function overlaps(model: Pick<DockerfileModel, 'text' | 'lineStarts'>, a: TextEdit, b: TextEdit): boolean {
  const span = (e: TextEdit): [number, number] => [
    offsetAt(model.lineStarts, model.text, e.range.start),
    offsetAt(model.lineStarts, model.text, e.range.end),
  ];
  const [as, ae] = span(a);
  const [bs, be] = span(b);
  // Two insertions at one point would apply in an order the author did not choose.
  return (as < be && bs < ae) || (as === bs && (as === ae || bs === be));
}

/** Which fixes a batch takes: the safe ones (fix-all, `--fix`), or every fix (`layerlens fix --unsafe`). */
export type FixScope = 'safe' | 'all';

/**
 * The edits of every fix in scope among the findings that can be applied together: a fix whose
 * edits overlap one already taken waits for the next pass.
 */
export function batchFixEdits(
  model: Pick<DockerfileModel, 'text' | 'lineStarts'>,
  findings: readonly Finding[],
  scope: FixScope = 'safe',
): { edits: TextEdit[]; fixes: number; contextLines: ContextFileLine[]; secrets: FixSecret[] } {
  const edits: TextEdit[] = [];
  const contextLines: ContextFileLine[] = [];
  const secrets: FixSecret[] = [];
  let fixes = 0;
  for (const finding of findings) {
    const fix = finding.fix;
    if (!fix || (scope === 'safe' && fix.safety !== 'safe')) continue;
    if (fix.edits.some((e) => edits.some((t) => overlaps(model, e, t)))) continue;
    edits.push(...fix.edits);
    contextLines.push(...(fix.contextLines ?? []));
    secrets.push(...(fix.secrets ?? []));
    fixes++;
  }
  return { edits, fixes, contextLines, secrets };
}

/**
 * Applies fixes until none is left (at most `passes` rounds, since one fix can reveal another):
 * what the editor's fix-all and the CLI's `--fix` do with the safe ones. The lines the fixes need
 * in other context files, and the secrets the build must now be given, are returned for the caller.
 */
export function fixAll(
  text: string,
  options: RuleOptions = {},
  scope: FixScope = 'safe',
  passes = 10,
): { text: string; applied: number; contextLines: ContextFileLine[]; secrets: FixSecret[] } {
  let current = text;
  let applied = 0;
  const lines: ContextFileLine[] = [];
  const needed: FixSecret[] = [];
  for (let pass = 0; pass < passes; pass++) {
    const { model, findings } = analyze(current, options);
    const { edits, fixes, contextLines, secrets } = batchFixEdits(model, findings, scope);
    if (edits.length === 0) break;
    current = applyEdits(model, edits);
    applied += fixes;
    lines.push(...contextLines);
    needed.push(...secrets);
  }
  return { text: current, applied, contextLines: lines, secrets: needed };
}
