import { defineRule } from './types';

export const invalidMountOption = defineRule({
  id: 'InvalidMountOption',
  description: 'A RUN --mount with an unknown type or key, a bad value, or a secret without id: BuildKit refuses the build.',
  category: 'syntax',
  defaultSeverity: 'error',
  fix: { availability: 'none' },
  aliases: [],
  buildkit: false,
  messages: {
    invalid: (problem: string) => `Invalid --mount: ${problem}`,
  },
  check({ model, messages, report }) {
    for (const instruction of model.instructions) {
      for (const mount of instruction.run?.mounts ?? []) {
        for (const problem of mount.problems) report({ range: mount.range, message: messages.invalid(problem), instructionIndex: instruction.index });
      }
    }
  },
});
