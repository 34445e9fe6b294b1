import { defineRule } from './types';

export const duplicateStageName = defineRule({
  id: 'DuplicateStageName',
  description: 'Two stages with the same name: references to it become ambiguous, and BuildKit refuses the build.',
  category: 'stages',
  defaultSeverity: 'error',
  fix: { availability: 'none' },
  aliases: [],
  buildkit: true,
  messages: {
    duplicate: (name: string) => `Duplicate stage name "${name}", stage names should be unique`,
  },
  check({ model, messages, report }) {
    const seen = new Set<string>();
    for (const stage of model.stages) {
      if (!stage.name || !stage.nameRange) continue;
      const name = stage.name.toLowerCase();
      if (seen.has(name)) report({ range: stage.nameRange, message: messages.duplicate(name), instructionIndex: stage.from.index });
      seen.add(name);
    }
  },
});
