import { dependsOn, laterStage } from './stageReferences';
import { defineRule } from './types';

export const circularStageDependency = defineRule({
  id: 'CircularStageDependency',
  description: 'A stage refers to a later stage that itself depends on this one: the build cannot be ordered.',
  category: 'stages',
  defaultSeverity: 'error',
  fix: { availability: 'none' },
  aliases: [],
  buildkit: false,
  messages: {
    circular: (name: string, line: number) =>
      `Circular dependency: stage "${name}" (line ${line}) depends on the stage that refers to it here`,
  },
  check({ model, messages, report }) {
    for (const reference of model.dependencies) {
      const later = laterStage(model, reference);
      if (later && dependsOn(model, later.index, reference.stage)) {
        report({
          range: reference.range,
          message: messages.circular(reference.reference, later.from.range.start.line + 1),
          instructionIndex: reference.instruction.index,
        });
      }
    }
  },
});
