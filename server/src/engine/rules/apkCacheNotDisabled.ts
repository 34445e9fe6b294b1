import { subcommand, textOf } from '../model';
import { commandsOf, insertAfterSubcommand, invocation, mountedDirectories, shippedStages } from './packageCaches';
import { defineRule } from './types';

export const apkCacheNotDisabled = defineRule({
  id: 'ApkCacheNotDisabled',
  description: 'apk add without --no-cache (and no cache mount on /var/cache/apk): the package index stays in the image.',
  category: 'size',
  defaultSeverity: 'off',
  fix: { availability: 'sometimes', safety: 'safe' },
  aliases: ['DL3019'],
  buildkit: false,
  messages: {
    cache: () => '`apk add` keeps its package index in the image: add `--no-cache`, or mount a cache on /var/cache/apk',
  },
  check({ model, messages, report }) {
    // The index of a build stage never reaches the image.
    const shipped = shippedStages(model);
    for (const instruction of model.instructions) {
      if (!shipped.has(instruction.stage)) continue;
      const commands = commandsOf(instruction);
      const adds = commands.some((c) => {
        const words = invocation(c).words;
        return words[0] === 'apk' && subcommand(words) === 'add' && !words.includes('--no-cache') && !words.includes('--no-network');
      });
      if (!adds || mountedDirectories(instruction).has('/var/cache/apk')) continue;
      if (commands.some((c) => c.words[0] === 'rm' && c.words.some((w) => w.startsWith('/var/cache/apk')))) continue;
      const text = textOf(model.text, model.lineStarts, instruction.range);
      const fixed = instruction.heredocs.length === 0 ? insertAfterSubcommand(text, /apk/, 'add', '--no-cache') : undefined;
      report({
        range: instruction.keywordRange,
        message: messages.cache(),
        fix: fixed ? { title: 'Add --no-cache', safety: 'safe', edits: [{ range: instruction.range, newText: fixed }] } : undefined,
        instructionIndex: instruction.index,
      });
    }
  },
});
