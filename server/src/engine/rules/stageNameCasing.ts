import { dependentsOf } from '../model';
import type { TextEdit } from './types';
import { defineRule } from './types';

export const stageNameCasing = defineRule({
  id: 'StageNameCasing',
  description: 'A stage name with upper-case letters; BuildKit compares stage names in lower case.',
  category: 'syntax',
  defaultSeverity: 'warning',
  fix: { availability: 'always', safety: 'safe' },
  aliases: [],
  buildkit: true,
  messages: {
    lowercase: (name: string) => `Stage name '${name}' should be lowercase`,
  },
  check({ model, messages, report }) {
    for (const stage of model.stages) {
      if (!stage.name || !stage.nameRange || stage.name === stage.name.toLowerCase()) continue;
      const lower = stage.name.toLowerCase();
      // Stage references are case-insensitive, so renaming every literal reference keeps the build identical.
      const edits: TextEdit[] = [{ range: stage.nameRange, newText: lower }];
      for (const dependency of dependentsOf(model, stage.index)) {
        if (dependency.kind === 'from') {
          const base = dependency.instruction.args[0];
          if (base && base.value.toLowerCase() === lower) edits.push({ range: base.range, newText: lower });
        } else if (dependency.kind === 'copy') {
          const flag = dependency.instruction.flags.find((f) => f.name.toLowerCase() === 'from');
          if (flag?.valueRange && flag.value?.toLowerCase() === lower) edits.push({ range: flag.valueRange, newText: lower });
        }
      }
      report({
        range: stage.nameRange,
        message: messages.lowercase(stage.name),
        fix: { title: `Rename stage to '${lower}'`, safety: 'safe', edits },
        instructionIndex: stage.from.index,
      });
    }
  },
});
