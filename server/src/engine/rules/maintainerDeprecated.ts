import { defineRule } from './types';

export const maintainerDeprecated = defineRule({
  id: 'MaintainerDeprecated',
  description: 'MAINTAINER is deprecated; the OCI label org.opencontainers.image.authors says the same.',
  category: 'syntax',
  defaultSeverity: 'warning',
  fix: { availability: 'sometimes', safety: 'safe' },
  aliases: ['DL4000'],
  buildkit: true,
  tags: ['deprecated'],
  messages: {
    deprecated: () => 'Maintainer instruction is deprecated in favor of using label',
  },
  check({ model, messages, report }) {
    for (const instruction of model.instructions) {
      if (instruction.keyword !== 'MAINTAINER') continue;
      const first = instruction.args[0];
      const last = instruction.args.at(-1);
      const value = instruction.args.map((a) => a.value).join(' ');
      const quotable = first !== undefined && last !== undefined && !/["\\$`]/.test(value);
      report({
        range: instruction.keywordRange,
        message: messages.deprecated(),
        fix: quotable
          ? {
              title: 'Replace with LABEL org.opencontainers.image.authors',
              safety: 'safe',
              edits: [
                {
                  range: { start: instruction.keywordRange.start, end: last.range.end },
                  newText: `LABEL org.opencontainers.image.authors="${value}"`,
                },
              ],
            }
          : undefined,
        instructionIndex: instruction.index,
      });
    }
  },
});
