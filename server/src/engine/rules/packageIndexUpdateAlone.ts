import { argumentsRange, programWords, subcommand, textOf, wholeLines } from '../model';
import type { Instruction } from '../model';
import { defineRule } from './types';

/** `apt-get update`, `apk update`, `yum/dnf/microdnf makecache`: refreshing the package index only. */
function isIndexUpdate(words: string[]): boolean {
  const base = words[0]?.split('/').pop() ?? '';
  const sub = subcommand(words);
  if (base === 'apt-get' || base === 'apt' || base === 'apk') return sub === 'update';
  if (base === 'yum' || base === 'dnf' || base === 'microdnf') return sub === 'makecache';
  return false;
}

function updatesOnly(instruction: Instruction): string | undefined {
  if (!instruction.run || instruction.run.form !== 'shell' || instruction.heredocs.length > 0) return undefined;
  const commands = instruction.run.commands.map(programWords);
  return commands.length > 0 && commands.every(isIndexUpdate) ? commands.map((c) => c.join(' ')).join(' && ') : undefined;
}

export const packageIndexUpdateAlone = defineRule({
  id: 'PackageIndexUpdateAlone',
  description: 'A RUN that only refreshes the package index: its cached result goes stale while later installs change.',
  category: 'cache',
  defaultSeverity: 'off',
  fix: { availability: 'sometimes', safety: 'unsafe' },
  aliases: [],
  buildkit: false,
  messages: {
    alone: (command: string) =>
      `\`${command}\` runs in a step of its own: BuildKit caches its result, so a later change to the install step installs from a stale package index. Run it in the same RUN as the install`,
  },
  check({ model, messages, report }) {
    for (const stage of model.stages) {
      const steps = stage.instructions;
      steps.forEach((instruction, i) => {
        const command = updatesOnly(instruction);
        if (!command) return;
        const next = steps[i + 1];
        const mergeable = next?.run?.form === 'shell' && next.heredocs.length === 0 && next.args.length > 0;
        const nextRange = mergeable ? argumentsRange(next.args) : undefined;
        const nextText = nextRange ? textOf(model.text, model.lineStarts, nextRange) : '';
        // Braces keep the next command's own `||` and `;` grouped behind the update.
        const plainAnd = mergeable && (next.run?.commands ?? []).every((c) => c.next === undefined || c.next === '&&');
        report({
          range: instruction.range,
          message: messages.alone(command),
          fix: nextRange
            ? {
                title: `Run \`${command}\` in the next RUN`,
                safety: 'unsafe',
                edits: [
                  { range: wholeLines(instruction.range), newText: '' },
                  { range: nextRange, newText: plainAnd ? `${command} && ${nextText}` : `${command} && { ${nextText}; }` },
                ],
              }
            : undefined,
          instructionIndex: instruction.index,
        });
      });
    }
  },
});
