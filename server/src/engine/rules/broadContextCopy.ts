import { commandsOf } from '../knowledge/packageCaches';
import { contextSources } from '../knowledge/credentialFiles';
import { defineRule } from './types';

const ROOT = new Set(['.', './', '*', './*']);

export const broadContextCopy = defineRule({
  id: 'BroadContextCopy',
  description: 'COPY of the whole context while .dockerignore is missing or lets .git or node_modules through.',
  category: 'cache',
  defaultSeverity: 'warning',
  fix: { availability: 'none' },
  aliases: [],
  buildkit: false,
  messages: {
    noIgnore: () =>
      'There is no .dockerignore: this COPY sends and copies the whole context, .git included, so every commit re-runs it and local files such as .env end up in the layer. Add a .dockerignore with at least .git',
    letsThrough: (paths: string[], hasIgnore: boolean) =>
      `${hasIgnore ? `The .dockerignore does not exclude ${paths.join(', ')}` : `There is no .dockerignore to exclude ${paths.join(', ')}`}: this COPY sends ${paths.length > 1 ? 'them' : 'it'} to the builder and into the layer, and ${paths.includes('.git') ? 'every commit re-runs it' : 'any change there re-runs it'}`,
  },
  check({ model, dockerignore, context, messages, report }) {
    // Unknown context (an unsaved file, or a caller that did not look): nothing to say.
    if (dockerignore === undefined) return;
    // With the context listed, only what is really there and sent counts; credential files are
    // SecretFileCopied's to report, by name.
    const present = (name: string) => context === undefined || context.files.some((f) => f === name || f.startsWith(`${name}/`));
    for (const stage of model.stages) {
      const usesNode =
        /^(.*\/)?node(:|$)/.test(stage.resolvedBase) ||
        stage.instructions.some((i) => commandsOf(i).some((c) => ['npm', 'yarn', 'pnpm'].includes(c.words[0] ?? '')));
      for (const instruction of stage.instructions) {
        const root = contextSources(instruction).find(({ path }) => ROOT.has(path) || path === '');
        if (!root) continue;
        if (dockerignore === null && context === undefined) {
          report({ range: root.word.range, message: messages.noIgnore(), instructionIndex: instruction.index });
          continue;
        }
        const wanted = ['.git', ...(usesNode ? ['node_modules'] : []), ...(context ? [] : ['.env'])];
        const through = wanted.filter((p) => present(p) && !dockerignore?.excludes(p));
        if (through.length > 0)
          report({
            range: root.word.range,
            message: messages.letsThrough(through, dockerignore !== null),
            instructionIndex: instruction.index,
          });
      }
    }
  },
});
