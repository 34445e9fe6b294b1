import { fromChain } from '../model';
import type { DockerfileModel, Instruction, Stage } from '../model';
import { commandsOf, invocation, laterRemovalLine, laterRemovalNote, mountedDirectories, shippedStages } from '../knowledge/packageCaches';
import { defineRule } from './types';

const UPDATERS = new Set(['apt-get', 'apt', 'aptitude']);

/** True when a later RUN of this stage, or of a stage built FROM it, installs with apt before updating. */
function laterInstallNeedsLists(model: DockerfileModel, stage: Stage, instruction: Instruction): boolean {
  const stages = model.stages.filter((s) => s.index >= stage.index && fromChain(model, s.index).includes(stage));
  return stages.some((s) =>
    s.instructions.some((later) => {
      if (later.index <= instruction.index) return false;
      for (const command of commandsOf(later)) {
        const [program, sub] = invocation(command).words;
        if (!UPDATERS.has(program ?? '')) continue;
        if (sub === 'update') return false;
        if (sub === 'install' || sub === 'upgrade' || sub === 'dist-upgrade') return true;
      }
      return false;
    }),
  );
}

export const aptListsNotCleaned = defineRule({
  id: 'AptListsNotCleaned',
  description:
    'apt-get update in a stage that ships, without removing /var/lib/apt/lists or a cache mount for it: tens of MB in the image.',
  category: 'size',
  defaultSeverity: 'off',
  fix: { availability: 'sometimes', safety: 'safe' },
  aliases: ['DL3009'],
  buildkit: false,
  messages: {
    lists: (line?: number) =>
      `The package lists from \`apt-get update\` stay in the image: end this RUN with \`&& rm -rf /var/lib/apt/lists/*\`, or give it cache mounts on /var/lib/apt and /var/cache/apt${laterRemovalNote(line)}`,
  },
  check({ model, messages, report }) {
    const shipped = shippedStages(model);
    for (const stage of model.stages) {
      if (!shipped.has(stage.index)) continue;
      for (const instruction of stage.instructions) {
        const commands = commandsOf(instruction);
        const updates = commands.some((c) => {
          const [program, sub] = invocation(c).words;
          return UPDATERS.has(program ?? '') && sub === 'update';
        });
        if (!updates) continue;
        // `rm -rf /var/lib/apt/lists/*` (or a brace form like /var/lib/{apt,dpkg}), or apt 3's `dist-clean`.
        const cleaned = commands.some(
          (c) =>
            (c.words[0] === 'rm' && c.words.some((w) => /^\/var\/lib\/(apt(\/|$)|\{[^}]*\bapt\b)/.test(w))) ||
            (UPDATERS.has(invocation(c).words[0] ?? '') && invocation(c).words.includes('dist-clean')),
        );
        const mounts = mountedDirectories(instruction);
        const covered = mounts.has('/var/lib/apt/lists') || (mounts.has('/var/lib/apt') && mounts.has('/var/cache/apt'));
        if (cleaned || covered) continue;
        // Appending to a plain `&&` chain keeps its meaning; after `||` or `;` it would not. A later
        // install that relies on these lists (no update of its own) would fail without them.
        const appendable =
          instruction.heredocs.length === 0 &&
          commands.every((c) => c.next === undefined || c.next === '&&') &&
          !laterInstallNeedsLists(model, stage, instruction);
        const last = instruction.args[instruction.args.length - 1];
        report({
          range: instruction.keywordRange,
          message: messages.lists(laterRemovalLine(model, instruction, /^\/var\/lib\/apt(\/|$)/)),
          fix:
            appendable && last
              ? {
                  title: 'Remove /var/lib/apt/lists at the end of this RUN',
                  safety: 'safe',
                  edits: [{ range: { start: last.range.end, end: last.range.end }, newText: ' && rm -rf /var/lib/apt/lists/*' }],
                }
              : undefined,
          instructionIndex: instruction.index,
        });
      }
    }
  },
});
