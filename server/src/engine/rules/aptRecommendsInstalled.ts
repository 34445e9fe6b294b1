import { subcommand, textOf } from '../model';
import { commandsOf, configuredEarlier, insertAfterSubcommand, invocation, shippedStages } from '../knowledge/packageCaches';
import { defineRule } from './types';

export const aptRecommendsInstalled = defineRule({
  id: 'AptRecommendsInstalled',
  description: 'apt-get or apt install without --no-install-recommends: recommended packages, often hundreds of MB, come along.',
  category: 'size',
  defaultSeverity: 'off',
  fix: { availability: 'sometimes', safety: 'unsafe' },
  aliases: ['DL3015'],
  buildkit: false,
  messages: {
    recommends: (program: string) =>
      `\`${program} install\` also installs recommended packages: add \`--no-install-recommends\` and list what the image needs`,
  },
  check({ model, messages, report }) {
    // Recommended packages in a build stage cost a little build time, never image size.
    const shipped = shippedStages(model);
    for (const instruction of model.instructions) {
      if (!shipped.has(instruction.stage)) continue;
      const installs = commandsOf(instruction).filter((c) => {
        const words = invocation(c).words;
        return (
          (words[0] === 'apt-get' || words[0] === 'apt') &&
          subcommand(words) === 'install' &&
          !words.includes('--no-install-recommends') &&
          !words.includes('--install-recommends') &&
          !words.some((w) => /^APT::Install-Recommends=(false|0)$/i.test(w)) &&
          // One or two packages (ca-certificates, tzdata) bring little or nothing along: not worth a word.
          words.slice(words.indexOf('install') + 1).filter((w) => !w.startsWith('-')).length >= 3
        );
      });
      const [firstInstall] = installs;
      if (!firstInstall || configuredEarlier(model, instruction, /Install-Recommends/i)) continue;
      const text = textOf(model.text, model.lineStarts, instruction.range);
      const fixed =
        instruction.heredocs.length === 0 ? insertAfterSubcommand(text, /apt(?:-get)?/, 'install', '--no-install-recommends') : undefined;
      report({
        range: instruction.keywordRange,
        message: messages.recommends(invocation(firstInstall).words[0] ?? 'apt-get'),
        fix: fixed
          ? { title: 'Add --no-install-recommends', safety: 'unsafe', edits: [{ range: instruction.range, newText: fixed }] }
          : undefined,
        instructionIndex: instruction.index,
      });
    }
  },
});
