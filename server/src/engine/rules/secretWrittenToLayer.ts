import { dependentsOf, joinPath, workdirAt, writtenFiles } from '../model';
import type { DockerfileModel, Instruction } from '../model';
import { commandsOf } from '../knowledge/packageCaches';
import { defineRule } from './types';

/**
 * Whether a file left at `path` in `stage` can reach an image someone runs or pushes. A stage no
 * other stage builds on is such an image (the default target or an alternative one); a builder
 * stage's layers stay in the local build cache, and its file travels on only through a stage built
 * FROM it or a `COPY --from` whose source holds it. An unknown path is assumed to travel.
 */
function reachesAnImage(model: DockerfileModel, stage: number, path: string | undefined): boolean {
  if (path === undefined) return true;
  // A walk with its own stack, not recursion: a chain of thousands of stages must not overflow.
  const pending = [stage];
  const seen = new Set<number>();
  while (pending.length > 0) {
    const current = pending.pop() as number;
    if (seen.has(current)) continue;
    seen.add(current);
    const dependents = dependentsOf(model, current);
    if (dependents.length === 0) return true;
    for (const dependency of dependents) {
      if (dependency.kind === 'from') pending.push(dependency.stage);
      else if (dependency.kind === 'copy' && copiesPath(dependency.instruction, path)) return true;
    }
  }
  return false;
}

/** Whether a `COPY --from` takes `path` along: its sources are paths in the other stage, from its root; wildcards and variables make them prefixes at most. */
function copiesPath(copy: Instruction, path: string): boolean {
  return (copy.copy?.sources ?? []).some((source) => {
    const [fixedPart = ''] = source.value.split(/[*?[$]/);
    const copied = joinPath('/', fixedPart);
    return copied === '/' || path === copied || path.startsWith(`${copied}/`);
  });
}

/** Where the copy a command writes ends up, as an absolute path, or undefined when the command line cannot say. */
function absoluteDestination(
  model: DockerfileModel,
  instruction: Instruction,
  destination: string | undefined,
  changesDirectory: boolean,
): string | undefined {
  if (destination === undefined || destination.includes('$')) return undefined;
  if (destination.startsWith('/')) return joinPath('/', destination);
  return changesDirectory ? undefined : joinPath(workdirAt(model, instruction), destination);
}

export const secretWrittenToLayer = defineRule({
  id: 'SecretWrittenToLayer',
  description:
    'A RUN copies or writes a mounted secret into the filesystem and leaves it there, in a stage whose files reach an image: the secret is then in the layer.',
  category: 'secrets',
  defaultSeverity: 'warning',
  fix: { availability: 'none' },
  aliases: [],
  buildkit: false,
  messages: {
    written: (secret: string) =>
      `The secret "${secret}" is written into the filesystem by this RUN and not removed before it ends: it is now in the layer. Read it where it is mounted, or delete the copy in the same RUN`,
  },
  check({ model, messages, report }) {
    for (const instruction of model.instructions) {
      const secrets = (instruction.run?.mounts ?? []).filter((m) => m.type === 'secret' && m.target);
      if (secrets.length === 0) continue;
      const commands = commandsOf(instruction).map((c) => c.words);
      for (const mount of secrets) {
        if (mount.type !== 'secret' || !mount.target) continue;
        const path = mount.target;
        commands.forEach((words, i) => {
          const copies = ['cp', 'install', 'mv'].includes(words[0] ?? '') && words.slice(1, -1).includes(path);
          const written = writtenFiles(words);
          if (!copies && !(words.includes(path) && written.length > 0)) return;
          const destination = copies ? words[words.length - 1] : written[0];
          // Writing the secret to a file and deleting it later in the same RUN keeps it out of the layer.
          const removed =
            destination !== undefined && commands.slice(i + 1).some((later) => later[0] === 'rm' && later.includes(destination));
          if (removed) return;
          const changesDirectory = commands.slice(0, i).some((earlier) => earlier[0] === 'cd' || earlier[0] === 'pushd');
          if (!reachesAnImage(model, instruction.stage, absoluteDestination(model, instruction, destination, changesDirectory))) return;
          report({ range: instruction.keywordRange, message: messages.written(mount.id ?? path), instructionIndex: instruction.index });
        });
      }
    }
  },
});
