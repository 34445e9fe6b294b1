import { baseOf, unquote } from '../model';
import type { DockerfileModel, Stage } from '../model';
import { defineRule } from './types';

/** True when a stage sets WORKDIR itself before `beforeIndex`, or inherits one through FROM stage. */
function workdirSet(model: DockerfileModel, stage: Stage, beforeIndex: number, seen = new Set<number>()): boolean {
  if (seen.has(stage.index)) return false;
  seen.add(stage.index);
  if (stage.instructions.some((i) => i.keyword === 'WORKDIR' && i.index < beforeIndex)) return true;
  const base = baseOf(model, stage);
  return base !== undefined && workdirSet(model, base, Number.MAX_SAFE_INTEGER, seen);
}

const isAbsolute = (path: string) => path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\');

export const workdirRelativePath = defineRule({
  id: 'WorkdirRelativePath',
  description: "A relative WORKDIR before any absolute one: it resolves against the base image's working directory, which can change.",
  category: 'syntax',
  defaultSeverity: 'warning',
  fix: { availability: 'none' },
  aliases: [],
  buildkit: true,
  messages: {
    relative: (path: string) => `Relative workdir "${path}" can have unexpected results if the base image changes`,
  },
  check({ model, messages, report }) {
    for (const stage of model.stages) {
      for (const instruction of stage.instructions) {
        if (instruction.keyword !== 'WORKDIR') continue;
        const path = unquote(instruction.args.map((a) => a.value).join(' '));
        // A path that starts with a variable is decided at build time; the check would only guess.
        const [first] = instruction.args;
        if (!first || !path || path.startsWith('$') || isAbsolute(path) || workdirSet(model, stage, instruction.index)) continue;
        report({ range: first.range, message: messages.relative(path), instructionIndex: instruction.index });
      }
    }
  },
});
