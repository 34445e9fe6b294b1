import { fromChain, joinPath, workdirAt } from '../model';
import type { DockerfileModel, Instruction, Mount } from '../model';
import { defineRule } from './types';

export const invalidMountOption = defineRule({
  id: 'InvalidMountOption',
  description: 'A RUN --mount with an unknown type or key, a bad value, a secret without id, or a mount on /: BuildKit refuses the build.',
  category: 'syntax',
  defaultSeverity: 'error',
  fix: { availability: 'none' },
  aliases: [],
  buildkit: false,
  messages: {
    invalid: (problem: string) => `Invalid --mount: ${problem}`,
    onRoot: (how: string) => `Invalid --mount: ${how}, and BuildKit refuses to mount anything on /; name a target= such as /root/.cache`,
  },
  check({ model, messages, report }) {
    for (const instruction of model.instructions) {
      for (const mount of instruction.run?.mounts ?? []) {
        for (const problem of mount.problems)
          report({ range: mount.range, message: messages.invalid(problem), instructionIndex: instruction.index });
        const onRoot = rootTarget(model, instruction, mount);
        if (onRoot) report({ range: mount.range, message: messages.onRoot(onRoot), instructionIndex: instruction.index });
      }
    }
  },
});

/**
 * Why the mount lands on `/`, if it does. BuildKit joins a relative or missing target to the working
 * directory and refuses `/` (verified on BuildKit v0.25 for every type; a secret or ssh mount says
 * "invalid mount type" instead). A secret or ssh mount without a target gets a default one, and a
 * secret passed only as env= has no file at all. The working directory is known only when the file
 * sets one or the stage starts FROM scratch: a base image may set its own (golang's is /go).
 */
function rootTarget(model: DockerfileModel, instruction: Instruction, mount: Mount): string | undefined {
  if (mount.type === 'unknown' || mount.problems.length > 0) return undefined;
  const target = 'target' in mount ? mount.target : undefined;
  if (target?.includes('$')) return undefined;
  if (target !== undefined && target.startsWith('/'))
    return joinPath('/', target) === '/' ? `target=${target} is the root directory` : undefined;
  if (target === undefined && (mount.type === 'secret' || mount.type === 'ssh')) return undefined;
  if (!workdirKnown(model, instruction)) return undefined;
  const workdir = workdirAt(model, instruction);
  if (joinPath(workdir, target ?? '.') !== '/') return undefined;
  return target === undefined
    ? 'without target= the mount goes on the working directory, which is / here'
    : `target=${target} in the working directory ${workdir} is /`;
}

/** Whether the working directory before `instruction` is the file's to tell: a WORKDIR in its stage chain, or a chain from scratch. */
function workdirKnown(model: DockerfileModel, instruction: Instruction): boolean {
  let before = instruction.index;
  for (const stage of fromChain(model, instruction.stage)) {
    if (stage.instructions.some((i) => i.keyword === 'WORKDIR' && i.index < before)) return true;
    if (stage.baseStage === undefined) return stage.resolvedBase.toLowerCase() === 'scratch';
    before = Number.MAX_SAFE_INTEGER;
  }
  return false;
}
