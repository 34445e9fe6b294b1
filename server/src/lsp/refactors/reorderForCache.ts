import { contains } from '../../engine';
import type { Refactor } from './types';

/** Reorder for cache: CopyContextBeforeInstall's fix (the rule is off by default), offered on the COPY it names. */
export const reorderRefactor: Refactor = {
  id: 'reorderForCache',
  offer: (state, { document, model, current, range }) => {
    const copy = model.instructions.find((i) => (i.keyword === 'COPY' || i.keyword === 'ADD') && contains(i.range, range.start));
    const fix = copy && current.enable ? state.reorderAt(document, current, copy.range.start.line)?.fix : undefined;
    return copy && fix ? { title: `Reorder for cache: ${fix.title} (unsafe: review the change)`, line: copy.range.start.line } : undefined;
  },
  resolve: async (state, document, line) => state.reorderAt(document, await state.settings.get(document.uri), line ?? -1)?.fix,
};
