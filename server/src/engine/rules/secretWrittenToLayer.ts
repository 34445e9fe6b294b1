import { commandsOf } from './packageCaches';
import { defineRule } from './types';

/** A word that writes to a file: a redirection (`>`, `>>`, `>file`) or `tee`. */
const writes = (words: string[]) => words.some((w) => /^\d?>>?/.test(w)) || words[0] === 'tee' || words.includes('tee');

export const secretWrittenToLayer = defineRule({
  id: 'SecretWrittenToLayer',
  description: 'A RUN copies or writes a mounted secret into the filesystem and leaves it there: the secret is then in the layer.',
  category: 'secrets',
  defaultSeverity: 'warning',
  fix: { availability: 'none' },
  aliases: [],
  buildkit: false,
  messages: {
    written: (secret: string) => `The secret "${secret}" is written into the filesystem by this RUN and not removed before it ends: it is now in the layer. Read it where it is mounted, or delete the copy in the same RUN`,
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
          const copies = ['cp', 'install', 'mv'].includes(words[0]) && words.slice(1, -1).includes(path);
          const redirects = words.includes(path) && writes(words);
          if (!copies && !redirects) return;
          const destination = copies ? words[words.length - 1] : words.find((w, j) => /^\d?>>?$/.test(words[j - 1] ?? '') || /^\d?>>?.+/.test(w))?.replace(/^\d?>>?/, '');
          // Writing the secret to a file and deleting it later in the same RUN keeps it out of the layer.
          const removed = destination !== undefined && commands.slice(i + 1).some((later) => later[0] === 'rm' && later.includes(destination));
          if (!removed) report({ range: instruction.keywordRange, message: messages.written(mount.id ?? path), instructionIndex: instruction.index });
        });
      }
    }
  },
});
