import { alongFromChain } from '../model';
import type { Instruction } from '../model';
import { defineRule } from './types';

/** Words that mean the same without a shell: no expansion, quoting, globbing, redirection or operators. */
function plainWords(instruction: Instruction): string[] | undefined {
  const words = instruction.args.map((a) => a.value);
  return words.length > 0 && words.every((w) => /^[A-Za-z0-9_@%+=:,./-]+$/.test(w)) ? words : undefined;
}

export const jsonArgsRecommended = defineRule({
  id: 'JSONArgsRecommended',
  description: 'CMD or ENTRYPOINT in shell form: the program runs under /bin/sh -c and does not receive stop signals.',
  category: 'syntax',
  defaultSeverity: 'warning',
  fix: { availability: 'sometimes', safety: 'unsafe' },
  aliases: ['DL3025'],
  buildkit: true,
  messages: {
    json: (keyword: string) => `JSON arguments recommended for ${keyword} to prevent unintended behavior related to OS signals`,
  },
  check({ model, messages, report }) {
    // A stage that, itself or through a stage it is built FROM, sets its own SHELL uses the shell form deliberately.
    const hasCustomShell = alongFromChain<boolean>(model, (stage, base) => base === true || stage.instructions.some((i) => i.keyword === 'SHELL'));
    for (const stage of model.stages) {
      if (hasCustomShell(stage)) continue;
      for (const instruction of stage.instructions) {
        if (instruction.keyword !== 'CMD' && instruction.keyword !== 'ENTRYPOINT') continue;
        const first = instruction.args[0];
        const last = instruction.args[instruction.args.length - 1];
        if (!first || first.value.startsWith('[')) continue;
        const words = plainWords(instruction);
        report({
          range: { start: instruction.keywordRange.start, end: last.range.end },
          message: messages.json(instruction.keyword),
          fix: words && {
            title: `Use the exec form ${JSON.stringify(words)}`,
            safety: 'unsafe',
            edits: [{ range: { start: first.range.start, end: last.range.end }, newText: JSON.stringify(words).replace(/","/g, '", "') }],
          },
          instructionIndex: instruction.index,
        });
      }
    }
  },
});
