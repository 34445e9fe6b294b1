import { subcommand, textOf } from '../model';
import {
  commandsOf,
  insertAfterSubcommand,
  invocation,
  laterRemovalLine,
  laterRemovalNote,
  mountedDirectories,
  shippedStages,
} from '../knowledge/packageCaches';
import { defineRule } from './types';

export const apkCacheNotDisabled = defineRule({
  id: 'ApkCacheNotDisabled',
  description: 'apk add without --no-cache, or apk update (and no cache mount on /var/cache/apk): the package index stays in the image.',
  category: 'size',
  defaultSeverity: 'off',
  fix: { availability: 'sometimes', safety: 'safe' },
  aliases: ['DL3019'],
  buildkit: false,
  messages: {
    cache: (line?: number) =>
      `\`apk add\` keeps its package index in the image: add \`--no-cache\`, or mount a cache on /var/cache/apk${laterRemovalNote(line)}`,
    update: (line?: number) =>
      `\`apk update\` keeps its package index in the image: \`apk add --no-cache\` reads a fresh index without keeping it${laterRemovalNote(line)}`,
  },
  check({ model, messages, report }) {
    // The index of a build stage never reaches the image.
    const shipped = shippedStages(model);
    for (const instruction of model.instructions) {
      if (!shipped.has(instruction.stage)) continue;
      const words = commandsOf(instruction)
        .map((c) => invocation(c).words)
        .filter((w) => w[0] === 'apk');
      const adds = words.some((w) => subcommand(w) === 'add' && !w.includes('--no-cache') && !w.includes('--no-network'));
      const updates = words.some((w) => subcommand(w) === 'update');
      if ((!adds && !updates) || mountedDirectories(instruction).has('/var/cache/apk')) continue;
      if (commandsOf(instruction).some((c) => c.words[0] === 'rm' && c.words.some((w) => w.startsWith('/var/cache/apk')))) continue;
      const text = textOf(model.text, model.lineStarts, instruction.range);
      const flagged = adds ? insertAfterSubcommand(text, /apk/, 'add', '--no-cache') : text;
      const fixed = flagged === undefined || instruction.heredocs.length > 0 ? undefined : withoutUpdateBeforeAdd(flagged);
      report({
        range: instruction.keywordRange,
        message: (adds ? messages.cache : messages.update)(laterRemovalLine(model, instruction, /^\/var\/cache\/apk(\/|$)/)),
        fix:
          fixed && fixed !== text
            ? {
                title: adds ? 'Add --no-cache' : 'Remove apk update',
                safety: 'safe',
                edits: [{ range: instruction.range, newText: fixed }],
              }
            : undefined,
        instructionIndex: instruction.index,
      });
    }
  },
});

/**
 * Drops an `apk update` chained right before an `apk add --no-cache`, which fetches the index itself
 * (`apk update && apk add --no-cache curl`, across a line continuation too). An update followed by
 * anything else is left as written: that command may need the index.
 */
function withoutUpdateBeforeAdd(text: string): string {
  const gap = String.raw`(?:\s|\\\r?\n)*`;
  return text.replace(
    new RegExp(
      String.raw`(?<![\w.-])apk${gap}update(?:${gap}(?:-q|--quiet))?${gap}(?:&&|;)${gap}(?=apk\s+add\s+(?:-\S+\s+)*--no-cache(?:\s|$))`,
      'g',
    ),
    '',
  );
}
