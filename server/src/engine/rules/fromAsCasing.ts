import { defineRule } from './types';

const isUpper = (s: string) => s === s.toUpperCase();
const isLower = (s: string) => s === s.toLowerCase();

export const fromAsCasing = defineRule({
  id: 'FromAsCasing',
  description: 'The AS of a FROM line is not cased like its FROM keyword.',
  category: 'syntax',
  defaultSeverity: 'warning',
  fix: { availability: 'always', safety: 'safe' },
  aliases: [],
  buildkit: true,
  messages: {
    mismatch: (as: string, from: string) => `'${as}' and '${from}' keywords' casing do not match`,
  },
  check({ model, messages, report }) {
    for (const stage of model.stages) {
      const as = stage.from.args[1];
      if (!as || as.value.toLowerCase() !== 'as') continue;
      const from = stage.from.rawKeyword;
      const mismatch = (isUpper(from) && !isUpper(as.value)) || (isLower(from) && !isLower(as.value));
      if (!mismatch) continue;
      const newText = isUpper(from) ? 'AS' : 'as';
      report({
        range: as.range,
        message: messages.mismatch(as.value, from),
        fix: { title: `Write '${newText}'`, safety: 'safe', edits: [{ range: as.range, newText }] },
        instructionIndex: stage.from.index,
      });
    }
  },
});
