import { defineRule } from './types';

export const fromPlatformFlagConstDisallowed = defineRule({
  id: 'FromPlatformFlagConstDisallowed',
  description: 'FROM --platform with a constant value: the stage ignores the platform the build asks for.',
  category: 'syntax',
  defaultSeverity: 'warning',
  fix: { availability: 'none' },
  aliases: ['DL3029'],
  buildkit: true,
  messages: {
    constant: (value: string) => `FROM --platform flag should not use constant value "${value}"`,
  },
  check({ model, messages, report }) {
    for (const stage of model.stages) {
      const flag = stage.from.flags.find((f) => f.name.toLowerCase() === 'platform');
      if (!flag?.value || flag.value.includes('$')) continue;
      // A stage named after its platform (`AS build-amd64`) pins it on purpose, as BuildKit accepts.
      const [os = '', arch = ''] = flag.value.toLowerCase().split('/');
      const name = stage.name?.toLowerCase() ?? '';
      if (name && ((os && name.includes(os)) || (arch && name.includes(arch)))) continue;
      report({ range: flag.range, message: messages.constant(flag.value), instructionIndex: stage.from.index });
    }
  },
});
