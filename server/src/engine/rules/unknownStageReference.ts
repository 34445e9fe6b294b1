import { findStage } from '../model';
import { dependsOn, laterStage } from './stageReferences';
import { suggestName } from './suggest';
import { defineRule } from './types';

export const unknownStageReference = defineRule({
  id: 'UnknownStageReference',
  description: 'COPY --from, --mount from= or FROM names a stage that does not exist yet: BuildKit pulls an image of that name instead.',
  category: 'stages',
  defaultSeverity: 'error',
  fix: { availability: 'none' },
  aliases: ['DL3022'],
  buildkit: false,
  messages: {
    later: (name: string, line: number) =>
      `"${name}" is a stage defined later (line ${line}); here it names an image, which BuildKit will try to pull`,
    typo: (name: string, stage: string) =>
      `"${name}" is not a stage (did you mean "${stage}"?); BuildKit will try to pull an image of that name`,
    index: (name: string, count: number) =>
      `Stage index ${name} does not exist before this stage (${count} earlier stage${count === 1 ? '' : 's'})`,
  },
  check({ model, messages, report }) {
    for (const reference of model.dependencies) {
      const { reference: name, instruction, range } = reference;
      const stage = model.stages[reference.stage];
      // A reference that names an earlier stage is fine; an image reference with a registry, tag or digest is meant as one.
      if (!stage || /[/:@.]/.test(name) || name === '' || name.toLowerCase() === 'scratch') continue;
      if (findStage(model.stages, name, false, stage.index) !== undefined) continue;
      if (/^\d+$/.test(name)) {
        if (reference.kind !== 'from' && Number(name) >= stage.index)
          report({ range, message: messages.index(name, stage.index), instructionIndex: instruction.index });
        continue;
      }
      const later = laterStage(model, reference);
      // A reference to a later stage that leads back here is a cycle, reported by CircularStageDependency.
      if (later && !dependsOn(model, later.index, stage.index)) {
        report({ range, message: messages.later(name, later.from.range.start.line + 1), instructionIndex: instruction.index });
        continue;
      }
      // `FROM debian` beside a stage named `debian2` is an image; only --from and mounts get a "did you mean".
      if (later || reference.kind === 'from') continue;
      const suggestion = suggestName(
        name,
        model.stages
          .slice(0, stage.index)
          .map((s) => s.name)
          .filter((n): n is string => n !== undefined),
      );
      if (suggestion) report({ range, message: messages.typo(name, suggestion), instructionIndex: instruction.index });
    }
  },
});
