import { programWords, referencedNames, wholeLines } from '../model';
import type { Instruction } from '../model';
import { isCacheStep } from '../cache/steps';
import { defineRule } from './types';

/** Names whose value is, by convention, new on every build. */
const VOLATILE =
  /^(BUILD_?DATE|BUILD_?TIME(STAMP)?|TIMESTAMP|DATE|GIT_?(SHA|COMMIT|REV|REVISION|HASH)|COMMIT(_?SHA|_?HASH)?|SHA|VCS_?REF|REVISION|SOURCE_?COMMIT|BUILD_?(NUMBER|ID)|CI_?PIPELINE_?ID|CACHE_?BUST|CACHEBUST|VERSION|APP_?VERSION|RELEASE)$/i;

/** A script or make can read the ARG from the environment without naming it in the Dockerfile. */
function runsScript(instruction: Instruction): boolean {
  if (!instruction.run) return false;
  if (instruction.run.form === 'exec' || instruction.heredocs.length > 0) return true;
  return instruction.run.commands
    .map(programWords)
    .some(
      ([program = '', ...rest]) =>
        program.includes('/') || program === 'make' || ((program === 'sh' || program === 'bash') && rest.some((w) => !w.startsWith('-'))),
    );
}

function uses(instruction: Instruction, name: string, escapeChar: string): boolean {
  const texts = instruction.run
    ? [instruction.run.command, ...instruction.heredocs.map((h) => h.content)]
    : [instruction.text.slice(instruction.rawKeyword.length)];
  return texts.some((t) => referencedNames(t, escapeChar).includes(name)) || runsScript(instruction);
}

export const cacheBustingArgTooEarly = defineRule({
  id: 'CacheBustingArgTooEarly',
  description:
    'An ARG whose value changes on every build (commit, date, build number, version) is declared before RUN steps that do not use it: they all re-run on every build.',
  category: 'cache',
  defaultSeverity: 'off',
  fix: { availability: 'sometimes', safety: 'unsafe' },
  aliases: [],
  buildkit: false,
  messages: {
    early: (name: string, lines: number[], firstUse?: number) =>
      `ARG ${name} usually changes on every build, and every RUN after it has its value in its cache key: line${lines.length > 1 ? 's' : ''} ${lines.join(', ')} re-run on each build although ${lines.length > 1 ? 'they do' : 'it does'} not use it. ${firstUse ? `Declare it just before its first use (line ${firstUse})` : 'Declare it only where it is used'}`,
  },
  check({ model, messages, report }) {
    const escapeChar = model.directives.escape.char;
    for (const stage of model.stages) {
      for (const declaration of stage.instructions.filter((i) => i.keyword === 'ARG')) {
        for (const property of declaration.properties) {
          if (!VOLATILE.test(property.name)) continue;
          const later = stage.instructions.filter((i) => i.index > declaration.index);
          const firstUse = later.find((i) => uses(i, property.name, escapeChar));
          const wasted = later.filter((i) => i.keyword === 'RUN' && isCacheStep(i) && (!firstUse || i.index < firstUse.index));
          if (wasted.length === 0) continue;
          const onlyProperty = declaration.properties.length === 1;
          const lineOf = (i: Instruction) => i.range.start.line;
          report({
            range: property.nameRange,
            message: messages.early(
              property.name,
              wasted.map((i) => lineOf(i) + 1),
              firstUse ? lineOf(firstUse) + 1 : undefined,
            ),
            fix:
              firstUse && onlyProperty
                ? {
                    title: `Move ARG ${property.name} to line ${lineOf(firstUse) + 1}, where it is first used`,
                    safety: 'unsafe',
                    edits: [
                      {
                        range: { start: { line: lineOf(firstUse), character: 0 }, end: { line: lineOf(firstUse), character: 0 } },
                        newText: `${declaration.text}${model.eol}`,
                      },
                      { range: wholeLines(declaration.range), newText: '' },
                    ],
                  }
                : undefined,
            instructionIndex: declaration.index,
          });
        }
      }
    }
  },
});
