import { isKnownKeyword } from '../model';
import { defineRule } from './types';

export const consistentInstructionCasing = defineRule({
  id: 'ConsistentInstructionCasing',
  description: 'An instruction keyword cased unlike the majority of the file (all upper or all lower case).',
  category: 'syntax',
  defaultSeverity: 'warning',
  fix: { availability: 'always', safety: 'safe' },
  aliases: [],
  buildkit: true,
  messages: {
    casing: (keyword: string, majority: string) => `Command '${keyword}' should match the case of the command majority (${majority})`,
  },
  check({ model, messages, report }) {
    // Unknown keywords are syntax errors (or heredoc lines the parser could not attach); they do not vote.
    const instructions = model.instructions.filter((i) => isKnownKeyword(i.keyword));
    const raw = instructions.map((i) => i.rawKeyword);
    const upper = raw.filter((k) => k === k.toUpperCase()).length;
    const lower = raw.filter((k) => k === k.toLowerCase()).length;
    // Ties go to upper case, the documented convention.
    const majority = lower > upper ? 'lowercase' : 'uppercase';
    for (const instruction of instructions) {
      const wanted = majority === 'lowercase' ? instruction.rawKeyword.toLowerCase() : instruction.rawKeyword.toUpperCase();
      if (instruction.rawKeyword === wanted) continue;
      report({
        range: instruction.keywordRange,
        message: messages.casing(instruction.rawKeyword, majority),
        fix: { title: `Write '${wanted}'`, safety: 'safe', edits: [{ range: instruction.keywordRange, newText: wanted }] },
        instructionIndex: instruction.index,
      });
    }
  },
});
