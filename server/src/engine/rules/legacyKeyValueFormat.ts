import { defineRule } from './types';

export const legacyKeyValueFormat = defineRule({
  id: 'LegacyKeyValueFormat',
  description: 'ENV or LABEL in the legacy "key value" form, which cannot set several keys and reads spaces ambiguously.',
  category: 'syntax',
  defaultSeverity: 'warning',
  fix: { availability: 'sometimes', safety: 'safe' },
  aliases: [],
  buildkit: true,
  messages: {
    legacy: (keyword: string) => `"${keyword} key=value" should be used instead of legacy "${keyword} key value" format`,
  },
  check({ model, messages, report }) {
    for (const instruction of model.instructions) {
      // ARG has no legacy form: `ARG A B` declares two names.
      if (instruction.keyword !== 'ENV' && instruction.keyword !== 'LABEL') continue;
      const first = instruction.args[0];
      const last = instruction.args.at(-1);
      if (!first || !last || first.value.includes('=')) continue;
      const [property] = instruction.properties;
      // The value is rewritten inside double quotes, where only these characters would change meaning.
      const fixable = property !== undefined && property.value !== null && !/["\\`]/.test(property.value);
      report({
        range: { start: instruction.keywordRange.start, end: last.range.end },
        message: messages.legacy(instruction.keyword),
        fix: fixable
          ? {
              title: `Write ${property.name}="${property.value}"`,
              safety: 'safe',
              edits: [{ range: { start: first.range.start, end: last.range.end }, newText: `${property.name}="${property.value}"` }],
            }
          : undefined,
        instructionIndex: instruction.index,
      });
    }
  },
});
