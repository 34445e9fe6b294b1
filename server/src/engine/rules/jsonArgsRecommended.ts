import type { DockerfileModel, Instruction, Stage } from '../model';
import { defineRule } from './types';

/**
 * The stages that, themselves or through a stage they are built FROM, set their own SHELL: there
 * the shell form is deliberate. Answers are kept per stage, so a long chain of stages each FROM
 * the one before is walked once, not once per stage.
 */
function customShellStages(model: DockerfileModel): (stage: Stage) => boolean {
  const known = new Map<number, boolean>();
  const has = (stage: Stage, seen: Set<number>): boolean => {
    const kept = known.get(stage.index);
    if (kept !== undefined) return kept;
    if (seen.has(stage.index)) return false;
    seen.add(stage.index);
    const answer = stage.instructions.some((i) => i.keyword === 'SHELL')
      || (stage.baseStage !== undefined && has(model.stages[stage.baseStage], seen));
    known.set(stage.index, answer);
    return answer;
  };
  return (stage) => has(stage, new Set());
}

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
    const hasCustomShell = customShellStages(model);
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
