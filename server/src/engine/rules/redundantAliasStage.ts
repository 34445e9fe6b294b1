import { dependentsOf, wholeLines } from '../model';
import type { TextEdit } from './types';
import { defineRule } from './types';

export const redundantAliasStage = defineRule({
  id: 'RedundantAliasStage',
  description: 'A stage that only names a base image and is the base of exactly one other stage: the image can be written there directly.',
  category: 'stages',
  defaultSeverity: 'off',
  fix: { availability: 'always', safety: 'unsafe' },
  aliases: [],
  buildkit: false,
  tags: ['unnecessary'],
  messages: {
    alias: (name: string, image: string) => `Stage "${name}" only renames ${image}; write \`FROM ${image}\` where it is used`,
  },
  check({ model, messages, report }) {
    for (const stage of model.stages) {
      if (!stage.name || !stage.nameRange || stage.instructions.length > 1 || stage.baseStage !== undefined) continue;
      const users = dependentsOf(model, stage.index);
      // An alias used by several stages keeps one long (pinned, ARG-built) image name in one
      // place, and one with flags (--platform) carries meaning: both are deliberate.
      const [user] = users;
      const userImage = user?.instruction.args[0];
      if (users.length !== 1 || user?.kind !== 'from' || !userImage || stage.from.flags.length > 0 || stage.base.includes('$')) continue;
      // A build argument may select the stage by name (`FROM ${VARIANT}-base`), or `--target` build it.
      if (
        model.stages.some(
          (s) =>
            s.base.includes('$') ||
            s.instructions.some((i) => i.flags.some((f) => f.name.toLowerCase() === 'from' && f.value?.includes('$'))),
        )
      )
        continue;
      const image = stage.from.args[0]?.value ?? stage.base;
      const edits: TextEdit[] = [
        { range: userImage.range, newText: image },
        { range: wholeLines(stage.from.range), newText: '' },
      ];
      report({
        range: stage.nameRange,
        message: messages.alias(stage.name, image),
        fix: { title: `Use ${image} directly and remove the stage`, safety: 'unsafe', edits },
        instructionIndex: stage.from.index,
      });
    }
  },
});
