import { defineRule } from './types';

export const exposeInvalidFormat = defineRule({
  id: 'ExposeInvalidFormat',
  description: 'EXPOSE with an IP address or a host port: an image cannot publish ports, so that part is ignored.',
  category: 'syntax',
  defaultSeverity: 'warning',
  fix: { availability: 'always', safety: 'safe' },
  aliases: [],
  buildkit: true,
  messages: {
    invalid: (port: string) => `EXPOSE instruction should not define an IP address or host-port mapping, found '${port}'`,
  },
  check({ model, messages, report }) {
    for (const instruction of model.instructions) {
      if (instruction.keyword !== 'EXPOSE') continue;
      for (const arg of instruction.args) {
        // BuildKit expands EXPOSE before it checks it: the colon of `${PORT:-3000}` is not a mapping.
        if (!arg.value.replace(/\$\{[^}]*\}/g, '').includes(':')) continue;
        const containerPort = arg.value.slice(arg.value.lastIndexOf(':') + 1);
        report({
          range: arg.range,
          message: messages.invalid(arg.value),
          fix: containerPort
            ? {
                title: `Expose only the container port ${containerPort}`,
                safety: 'safe',
                edits: [{ range: arg.range, newText: containerPort }],
              }
            : undefined,
          instructionIndex: instruction.index,
        });
      }
    }
  },
});
