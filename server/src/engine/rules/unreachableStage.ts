import { reachableStages } from '../model';
import { defineRule } from './types';

export const unreachableStage = defineRule({
  id: 'UnreachableStage',
  description: 'A stage that the last stage does not need: a build without --target skips it.',
  category: 'stages',
  defaultSeverity: 'off',
  fix: { availability: 'none' },
  aliases: [],
  buildkit: false,
  tags: ['unnecessary'],
  messages: {
    unreachable: (label: string) => `Stage ${label} is not needed by the last stage: \`docker build\` without \`--target\` never builds it`,
  },
  check({ model, messages, report }) {
    const needed = reachableStages(model);
    for (const stage of model.stages) {
      if (needed.has(stage.index)) continue;
      report({
        range: stage.nameRange ?? stage.from.keywordRange,
        message: messages.unreachable(stage.name ? `"${stage.name}"` : `${stage.index}`),
        instructionIndex: stage.from.index,
      });
    }
  },
});
