import { defineRule } from './types';

export const exposeProtoCasing = defineRule({
  id: 'ExposeProtoCasing',
  description: 'An EXPOSE protocol written in upper case (tcp and udp are lower case).',
  category: 'syntax',
  defaultSeverity: 'warning',
  fix: { availability: 'always', safety: 'safe' },
  aliases: [],
  buildkit: true,
  messages: {
    lowercase: (port: string) => `Defined protocol '${port}' in EXPOSE instruction should be lowercase`,
  },
  check({ model, messages, report }) {
    for (const instruction of model.instructions) {
      if (instruction.keyword !== 'EXPOSE') continue;
      for (const arg of instruction.args) {
        const slash = arg.value.lastIndexOf('/');
        if (slash < 0 || arg.value.slice(slash) === arg.value.slice(slash).toLowerCase()) continue;
        const fixed = arg.value.slice(0, slash) + arg.value.slice(slash).toLowerCase();
        report({
          range: arg.range,
          message: messages.lowercase(arg.value),
          fix: { title: `Write '${fixed}'`, safety: 'safe', edits: [{ range: arg.range, newText: fixed }] },
          instructionIndex: instruction.index,
        });
      }
    }
  },
});
