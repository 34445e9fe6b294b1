import { defineRule } from './types';

export const redundantTargetPlatform = defineRule({
  id: 'RedundantTargetPlatform',
  description: 'FROM --platform=$TARGETPLATFORM, which is what FROM does without the flag.',
  category: 'syntax',
  defaultSeverity: 'info',
  fix: { availability: 'always', safety: 'safe' },
  aliases: [],
  buildkit: true,
  tags: ['unnecessary'],
  messages: {
    redundant: (value: string) => `Setting platform to predefined ${value} in FROM is redundant as this is the default behavior`,
  },
  check({ model, messages, report }) {
    for (const stage of model.stages) {
      const flag = stage.from.flags.find((f) => f.name.toLowerCase() === 'platform');
      if (!flag?.value || !/^(\$TARGETPLATFORM|\$\{TARGETPLATFORM\})$/.test(flag.value)) continue;
      const next = stage.from.args[0]?.range.start ?? flag.range.end;
      report({
        range: flag.range,
        message: messages.redundant(flag.value),
        fix: {
          title: 'Remove the --platform flag',
          safety: 'safe',
          edits: [{ range: { start: flag.range.start, end: next }, newText: '' }],
        },
        instructionIndex: stage.from.index,
      });
    }
  },
});
