import { contains, mountToolCredentials } from '../../engine';
import type { Refactor } from './types';

/** Mount a package manager's registry credentials as a secret on the RUN that installs. */
export const mountCredentialsRefactor: Refactor = {
  id: 'mountToolCredentials',
  offer: (_state, { model, range }) => {
    const run = model.instructions.find((i) => i.keyword === 'RUN' && contains(i.range, range.start));
    const credentials = run && mountToolCredentials(model, run);
    return run && credentials ? { title: `${credentials.title} (unsafe: review the change)`, line: run.range.start.line } : undefined;
  },
  resolve: async (state, document, line, title) => {
    const model = state.analyses.model(document);
    const run = model.instructions.find((i) => i.keyword === 'RUN' && i.range.start.line === line);
    const mount = run && mountToolCredentials(model, run);
    return mount && { title, safety: 'unsafe', edits: mount.edits };
  },
};
