import { offsetAt } from './model';
import type { DockerfileModel } from './model';
import type { TextEdit } from './rules/types';

/**
 * Applies non-overlapping edits to the model's text, last first so that earlier offsets
 * stay valid. Used by the CLI and by tests; editors apply the same edits themselves.
 */
export function applyEdits(model: Pick<DockerfileModel, 'text' | 'lineStarts'>, edits: readonly TextEdit[]): string {
  const resolved = edits
    .map((e) => ({ start: offsetAt(model.lineStarts, model.text, e.range.start), end: offsetAt(model.lineStarts, model.text, e.range.end), text: e.newText }))
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
