import { AUTOMATIC_PLATFORM_ARGS, expand } from '../model';
import type { Word } from '../model';
import { suggestName } from './suggest';
import { defineRule } from './types';

export const undefinedArgInFrom = defineRule({
  id: 'UndefinedArgInFrom',
  description: 'A FROM line uses a variable that no ARG before the first FROM declares.',
  category: 'syntax',
  defaultSeverity: 'warning',
  fix: { availability: 'none' },
  aliases: [],
  buildkit: true,
  messages: {
    undeclared: (name: string, suggestion?: string) =>
      `FROM argument '${name}' is not declared${suggestion ? ` (did you mean ${suggestion}?)` : ''}`,
  },
  check({ model, messages, report }) {
    const declared = new Set<string>([...AUTOMATIC_PLATFORM_ARGS, ...model.globalArgs.map((a) => a.name)]);
    const lookup = (name: string) => (declared.has(name) ? '' : undefined);
    for (const stage of model.stages) {
      const platform = stage.from.flags.find((f) => f.name.toLowerCase() === 'platform');
      const words: Word[] = [
        ...(platform?.value && platform.valueRange ? [{ value: platform.value, range: platform.valueRange }] : []),
        ...stage.from.args.slice(0, 1),
      ];
      for (const word of words) {
        for (const name of expand(word.value, lookup, model.directives.escape.char).unresolved) {
          report({
            range: word.range,
            message: messages.undeclared(name, suggestName(name, declared)),
            instructionIndex: stage.from.index,
          });
        }
      }
    }
  },
});
