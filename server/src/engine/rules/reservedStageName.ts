import { defineRule } from './types';

/** Names BuildKit gives a meaning of its own: `FROM scratch` and the named build context `context`. */
const RESERVED = new Set(['scratch', 'context']);

export const reservedStageName = defineRule({
  id: 'ReservedStageName',
  description: 'A stage named like one of the names BuildKit reserves (scratch, context).',
  category: 'stages',
  defaultSeverity: 'warning',
  fix: { availability: 'none' },
  aliases: [],
  buildkit: true,
  messages: {
    reserved: (name: string) => `Stage name should not use the same name as reserved stage "${name}"`,
  },
  check({ model, messages, report }) {
    for (const stage of model.stages) {
      const name = stage.name?.toLowerCase();
      if (name && stage.nameRange && RESERVED.has(name))
        report({ range: stage.nameRange, message: messages.reserved(name), instructionIndex: stage.from.index });
    }
  },
});
