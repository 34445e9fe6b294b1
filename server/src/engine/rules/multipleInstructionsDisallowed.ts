import { wholeLines } from '../model';
import { defineRule } from './types';

const SINGLE = ['CMD', 'ENTRYPOINT', 'HEALTHCHECK'];

export const multipleInstructionsDisallowed = defineRule({
  id: 'MultipleInstructionsDisallowed',
  description: 'More than one CMD, ENTRYPOINT or HEALTHCHECK in a stage: only the last one takes effect.',
  category: 'syntax',
  defaultSeverity: 'warning',
  fix: { availability: 'always', safety: 'unsafe' },
  aliases: ['DL4003', 'DL4004'],
  buildkit: true,
  tags: ['unnecessary'],
  messages: {
    multiple: (keyword: string) =>
      `Multiple ${keyword} instructions should not be used in the same stage because only the last one will be used`,
  },
  check({ model, messages, report }) {
    for (const stage of model.stages) {
      for (const keyword of SINGLE) {
        const found = stage.instructions.filter((i) => i.keyword === keyword);
        for (const instruction of found.slice(0, -1)) {
          const lines = wholeLines(instruction.range);
          report({
            range: instruction.range,
            message: messages.multiple(keyword),
            fix: { title: `Remove this ${keyword}: a later one replaces it`, safety: 'unsafe', edits: [{ range: lines, newText: '' }] },
            instructionIndex: instruction.index,
          });
        }
      }
    }
  },
});
