import { subcommand, textOf } from '../model';
import { commandsOf, insertAfterSubcommand, invocation } from './packageCaches';
import { defineRule } from './types';

export const aptRecommendsInstalled = defineRule({
  id: 'AptRecommendsInstalled',
  description: 'apt-get install without --no-install-recommends: recommended packages, often hundreds of MB, come along.',
  category: 'size',
  defaultSeverity: 'info',
  fix: { availability: 'sometimes', safety: 'unsafe' },
  aliases: ['DL3015'],
  buildkit: false,
  messages: {
    recommends: () => '`apt-get install` also installs recommended packages: add `--no-install-recommends` and list what the image needs',
  },
  check({ model, messages, report }) {
    for (const instruction of model.instructions) {
      const installs = commandsOf(instruction).filter((c) => {
        const words = invocation(c).words;
        return words[0] === 'apt-get' && subcommand(words) === 'install'
          && !words.includes('--no-install-recommends') && !words.some((w) => /^APT::Install-Recommends=(false|0)$/i.test(w));
      });
      if (installs.length === 0) continue;
      const text = textOf(model.text, model.lineStarts, instruction.range);
      const fixed = instruction.heredocs.length === 0 ? insertAfterSubcommand(text, /apt-get/, 'install', '--no-install-recommends') : undefined;
      report({
        range: instruction.keywordRange,
        message: messages.recommends(),
        fix: fixed ? { title: 'Add --no-install-recommends', safety: 'unsafe', edits: [{ range: instruction.range, newText: fixed }] } : undefined,
        instructionIndex: instruction.index,
      });
    }
  },
});
