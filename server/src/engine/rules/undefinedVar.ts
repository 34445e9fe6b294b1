import { alongFromChain, baseOf, expand, onInstructionLine, variableAt, variablesAt } from '../model';
import type { Instruction, Stage, Word } from '../model';
import { IMAGE_ENVIRONMENT, imageParts } from '../knowledge/images';
import { editDistance, suggestName, typoDistance } from './suggest';
import { defineRule } from './types';

/** The instructions whose words BuildKit expands (RUN, CMD and ENTRYPOINT are left to the shell). */
const EXPANDED = new Set(['ADD', 'COPY', 'ENV', 'EXPOSE', 'LABEL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR', 'ARG']);

/** How far BuildKit's "did you mean" looks, in edits. */
const BUILDKIT_SUGGESTION_DISTANCE = 2;

/** BuildKit gives every build a default PATH, whatever the base image. */
const ALWAYS_DEFINED = ['PATH'];

/**
 * Official images whose configuration sets no environment variable but PATH, so that every
 * other name is known to be undefined in them. Images not listed may define anything.
 */
const PATH_ONLY_IMAGES = new Set(['scratch', 'alpine', 'busybox', 'debian', 'ubuntu']);

interface Lineage {
  /** The stage whose FROM names an image: its environment is the one the chain starts from. */
  root: Stage;
  /** The ARG names of the stages on the way. */
  args: ReadonlySet<string>;
}

function wordsOf(instruction: Instruction): Word[] {
  if (instruction.keyword === 'ENV' || instruction.keyword === 'ARG' || instruction.keyword === 'LABEL') {
    return instruction.properties.filter((p) => p.value !== null).map((p) => ({ value: p.value as string, range: p.range }));
  }
  return instruction.args;
}

export const undefinedVar = defineRule({
  id: 'UndefinedVar',
  description: 'A variable used where BuildKit expands it, but not declared by an ARG or ENV in scope.',
  category: 'syntax',
  defaultSeverity: 'warning',
  fix: { availability: 'none' },
  aliases: [],
  buildkit: true,
  messages: {
    undefined: (name: string, suggestion?: string) =>
      `Usage of undefined variable '$${name}'${suggestion ? ` (did you mean $${suggestion}?)` : ''}`,
  },
  check({ model, messages, report }) {
    // Names the file declares where this instruction cannot see them: later in the same stage
    // (an ordering mistake) or as global ARGs that the stage does not re-declare.
    const outOfScope = (name: string, instruction: Instruction) =>
      model.globalArgs.some((a) => a.name === name) ||
      (model.stages[instruction.stage]?.instructions ?? []).some(
        (i) => i.index > instruction.index && (i.keyword === 'ARG' || i.keyword === 'ENV') && i.properties.some((p) => p.name === name),
      );
    const lineageOf = alongFromChain<Lineage>(model, (stage, base) =>
      base === undefined
        ? { root: stage, args: new Set() }
        : { root: base.root, args: new Set([...base.args, ...(baseOf(model, stage)?.args ?? []).map((a) => a.name)]) },
    );
    for (const stage of model.stages) {
      const { root, args: inheritedArgs } = lineageOf(stage);
      // BuildKit knows the base image's environment; Layerlens does not pull images, so it
      // reports a name only when that environment is known (scratch and the PATH-only official
      // images), when the file declares the name out of this instruction's scope, or when it
      // looks like a typo of a name in scope.
      const { repository } = imageParts(root.resolvedBase);
      const environmentKnown = PATH_ONLY_IMAGES.has(repository);
      const imageEnvironment = IMAGE_ENVIRONMENT[repository] ?? [];
      for (const instruction of stage.instructions) {
        if (!EXPANDED.has(instruction.keyword)) continue;
        const defined = (name: string) =>
          ALWAYS_DEFINED.includes(name) ||
          imageEnvironment.includes(name) ||
          inheritedArgs.has(name) ||
          variableAt(model, instruction, name) !== undefined;
        const lookup = (name: string) => (defined(name) ? '' : undefined);
        for (const word of wordsOf(instruction)) {
          for (const name of expand(word.value, lookup, model.directives.escape.char).unresolved) {
            // The names in scope are listed only for a name that is not: a rare, reported case.
            const inScope = [...ALWAYS_DEFINED, ...inheritedArgs, ...variablesAt(model, instruction).map((v) => v.name)];
            // Without the image's environment, only names the file declares can be what was meant.
            // BuildKit's "did you mean" names any name in scope within two edits (tried on v0.25: `$AB` gets
            // `$XY`); a likely typo, one that decides a report where the image is unknown, is nearer.
            const suggestion = suggestName(
              name,
              environmentKnown ? inScope : inScope.filter((n) => !ALWAYS_DEFINED.includes(n)),
              BUILDKIT_SUGGESTION_DISTANCE,
            );
            const typo = suggestion !== undefined && editDistance(name, suggestion) <= typoDistance(name);
            if (!environmentKnown && !outOfScope(name, instruction) && !typo) continue;
            // `ENV LD_LIBRARY_PATH=${LD_LIBRARY_PATH}:/opt/lib` extends what the base image set: without
            // that image's environment, a later extension of the same name is no sign of a mistake, and a
            // near name in scope (`LIBRARY_PATH` beside `LD_LIBRARY_PATH`) is another variable, not a typo.
            if (!environmentKnown && instruction.keyword === 'ENV' && instruction.properties.some((p) => p.name === name)) continue;
            report({
              range: onInstructionLine(instruction, word.range),
              message: messages.undefined(name, suggestion),
              instructionIndex: instruction.index,
            });
          }
        }
      }
    }
  },
});
