import { unquote } from '../model';
import { defineRule } from './types';

export const copyIgnoredFile = defineRule({
  id: 'CopyIgnoredFile',
  description: 'COPY or ADD of a context path that .dockerignore excludes: the builder never receives it.',
  category: 'syntax',
  defaultSeverity: 'warning',
  fix: { availability: 'none' },
  aliases: [],
  buildkit: true,
  messages: {
    ignored: (keyword: string, path: string) => `Attempting to ${keyword} file "${path}" that is excluded by .dockerignore`,
  },
  check({ model, dockerignore, messages, report }) {
    // With `!` patterns, whether a path is sent depends on files inside it; BuildKit does not guess either.
    if (!dockerignore || dockerignore.hasExclusions) return;
    for (const instruction of model.instructions) {
      const copy = instruction.copy;
      if (!copy || copy.from !== undefined || instruction.heredocs.length > 0) continue;
      const keyword = instruction.keyword === 'ADD' ? 'Add' : 'Copy';
      for (const source of copy.sources) {
        const path = unquote(source.value);
        if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path) || path.startsWith('git@') || path.includes('$')) continue;
        const clean = path.replace(/^\.\/+/, '').replace(/\/+$/, '') || '.';
        // The context root counts as excluded only when an ordinary top-level name would be
        // (`*`, `**`); `.*` hides dotfiles, not the root, and BuildKit stays silent on it too.
        const probe = clean === '.' ? 'file' : clean;
        if (dockerignore.excludes(probe))
          report({ range: source.range, message: messages.ignored(keyword, clean), instructionIndex: instruction.index });
      }
    }
  },
});
