import { dependentsOf, unquote, writtenFiles } from '../model';
import type { Instruction } from '../model';
import { defineRule } from './types';

const under = (path: string, directory: string) => {
  const dir = directory.replace(/\/+$/, '');
  return path === dir || path.startsWith(`${dir}/`);
};

/** Commands that only delete what they name: a cleanup of the cache folder is not a read of it. */
const REMOVES = new Set(['rm', 'rmdir', 'unlink']);

/**
 * Absolute paths an instruction reads as words (`/app/dist/server.js`), quotes removed: not those it
 * only deletes, nor those it only writes (`mv /backup /root/.cache` puts files there, it reads none).
 */
function pathsIn(instruction: Instruction): string[] {
  const commands = instruction.run?.commands ?? [];
  const words =
    instruction.run?.form === 'exec' || instruction.args[0]?.value.startsWith('[')
      ? [...instruction.text.matchAll(/"(\/[^"]*)"/g)].map((m) => m[1] ?? '')
      : commands.length > 0
        ? commands
            .filter((c) => !REMOVES.has(c.words[0] ?? ''))
            .flatMap((c) => {
              const written = new Set(writtenFiles(c.words));
              return c.words.filter((w) => !written.has(w));
            })
        : instruction.args.map((a) => unquote(a.value));
  return words.flatMap((w) => w.split(/[\s=:;]/)).filter((w) => w.startsWith('/'));
}

export const cacheMountOutputLost = defineRule({
  id: 'CacheMountOutputLost',
  description:
    'A RUN writes into a cache mount what later steps or stages read: files in a cache mount exist only during that RUN, not in the layer.',
  category: 'cache',
  defaultSeverity: 'warning',
  fix: { availability: 'none' },
  aliases: [],
  buildkit: false,
  messages: {
    lost: (target: string, reader: string, line: number, path: string) =>
      `Files under the cache mount ${target} exist only while this RUN runs, but the ${reader} at line ${line} reads ${path}: it will not be in the layer. Build into another folder, or copy the output out of ${target} before the RUN ends`,
  },
  check({ model, messages, report }) {
    for (const stage of model.stages) {
      for (const run of stage.instructions) {
        for (const mount of run.run?.mounts ?? []) {
          if (mount.type !== 'cache' || !mount.target?.startsWith('/')) continue;
          const target = mount.target;
          const readers: { instruction: Instruction; reader: string; path: string }[] = [];
          // Later steps of the stage that read the folder without mounting the same cache.
          for (const later of stage.instructions.filter((i) => i.index > run.index)) {
            const remounts = later.run?.mounts.some((m) => m.type === 'cache' && m.target === target) ?? false;
            if (remounts || !['RUN', 'CMD', 'ENTRYPOINT'].includes(later.keyword)) continue;
            const path = pathsIn(later).find((p) => under(p, target));
            if (path) readers.push({ instruction: later, reader: later.keyword, path });
          }
          // COPY --from=this stage of a path under the mount, in a later stage.
          for (const reference of dependentsOf(model, stage.index)) {
            if (reference.kind !== 'copy') continue;
            const path = reference.instruction.copy?.sources.map((s) => unquote(s.value)).find((p) => under(p, target));
            if (path) readers.push({ instruction: reference.instruction, reader: 'COPY --from', path });
          }
          const first = readers.sort((a, b) => a.instruction.index - b.instruction.index)[0];
          if (first)
            report({
              range: mount.range,
              message: messages.lost(target, first.reader, first.instruction.range.start.line + 1, first.path),
              instructionIndex: run.index,
            });
        }
      }
    }
  },
});
