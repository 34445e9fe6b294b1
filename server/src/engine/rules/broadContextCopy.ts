import { commandsOf } from './packageCaches';
import { contextSources } from './credentialFiles';
import { defineRule } from './types';

const ROOT = new Set(['.', './', '*', './*']);

export const broadContextCopy = defineRule({
  id: 'BroadContextCopy',
  description: 'COPY of the whole context while .dockerignore is missing or lets .git, node_modules or .env through.',
  category: 'cache',
  defaultSeverity: 'warning',
  fix: { availability: 'none' },
  aliases: [],
  buildkit: false,
  messages: {
    noIgnore: () => 'There is no .dockerignore: this COPY sends and copies the whole context, .git included, so every commit re-runs it and local files such as .env end up in the layer. Add a .dockerignore with at least .git',
    letsThrough: (paths: string[]) => `The .dockerignore does not exclude ${paths.join(', ')}: this COPY sends ${paths.length > 1 ? 'them' : 'it'} to the builder and into the layer, and ${paths.includes('.git') ? 'every commit re-runs it' : 'any change there re-runs it'}`,
  },
  check({ model, dockerignore, messages, report }) {
    // Unknown context (an unsaved file, or a caller that did not look): nothing to say.
    if (dockerignore === undefined) return;
    for (const stage of model.stages) {
      const usesNode = /^(.*\/)?node(:|$)/.test(stage.resolvedBase) || stage.instructions.some((i) => commandsOf(i).some((c) => ['npm', 'yarn', 'pnpm'].includes(c.words[0])));
      for (const instruction of stage.instructions) {
        const root = contextSources(instruction).find(({ path }) => ROOT.has(path) || path === '');
        if (!root) continue;
        if (dockerignore === null) {
          report({ range: root.word.range, message: messages.noIgnore(), instructionIndex: instruction.index });
          continue;
        }
        const wanted = ['.git', ...(usesNode ? ['node_modules'] : []), '.env'];
        const through = wanted.filter((p) => !dockerignore.excludes(p));
        if (through.length > 0) report({ range: root.word.range, message: messages.letsThrough(through), instructionIndex: instruction.index });
      }
    }
  },
});
