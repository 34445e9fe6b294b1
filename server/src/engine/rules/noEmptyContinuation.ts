import { isKnownKeyword, textOf } from '../model';
import type { Range } from '../model';
import { defineRule } from './types';

export const noEmptyContinuation = defineRule({
  id: 'NoEmptyContinuation',
  description: 'An empty line inside a continued instruction: BuildKit skips it today, but it is deprecated and easy to misread.',
  category: 'syntax',
  defaultSeverity: 'warning',
  fix: { availability: 'always', safety: 'safe' },
  aliases: [],
  buildkit: true,
  messages: {
    empty: () => 'Empty continuation line',
    swallowed: (line: number, keyword: string, instruction: string, start: number) =>
      `Empty continuation line: the ${instruction} on line ${start} goes on past it, so line ${line} (${keyword} …) is part of that ${instruction}, not an instruction of its own`,
  },
  check({ model, messages, report }) {
    for (const instruction of model.instructions) {
      if (instruction.range.start.line === instruction.range.end.line) continue;
      const firstBody = instruction.heredocs[0]?.contentRange?.start.line ?? Number.MAX_SAFE_INTEGER;
      const lines = textOf(model.text, model.lineStarts, instruction.range).split(/\r\n|\n|\r/);
      const empty: number[] = [];
      // The first line after each gap that is neither empty nor a comment (BuildKit drops both).
      const resumed: number[] = [];
      let last = instruction.range.start.line;
      lines.forEach((text, i) => {
        const line = instruction.range.start.line + i;
        if (i === 0 || line >= firstBody) return;
        if (text.trim() === '') empty.push(line);
        else if (!/^\s*#/.test(text)) {
          if (empty.length > 0 && (empty.at(-1) ?? -1) > last) resumed.push(line);
          last = line;
        }
      });
      // Empty lines that only trail a continuation at the end of the file continue nothing.
      if (resumed.length === 0) continue;
      const reported = empty.filter((line) => line < last);
      // BuildKit reports the instruction's last line (checked on BuildKit v0.25).
      const range: Range = {
        start: { line: last, character: 0 },
        end: { line: last, character: (lines[last - instruction.range.start.line] ?? '').replace(/\r$/, '').length },
      };
      // Where a line after a gap starts with an instruction, the author most likely meant the
      // instruction to end before the gap: BuildKit reads that instruction as more arguments. A
      // line reads as an instruction when it starts with one's name, written in capitals or at
      // the start of the line, as arguments that happen to be such a word (`user`, an indented
      // `run`) seldom are.
      const swallowed = resumed
        .map((line) => {
          const [, indent, word] = /^(\s*)([A-Za-z]+)(?:\s|$)/.exec(lines[line - instruction.range.start.line] ?? '') ?? [];
          return { line, indent, word };
        })
        .find(
          ({ indent, word }) => word !== undefined && isKnownKeyword(word.toUpperCase()) && (word === word.toUpperCase() || indent === ''),
        );
      const message = swallowed?.word
        ? messages.swallowed(swallowed.line + 1, swallowed.word.toUpperCase(), instruction.keyword, instruction.range.start.line + 1)
        : messages.empty();
      report({
        range,
        message,
        fix: {
          title: 'Remove the empty continuation lines',
          safety: 'safe',
          edits: reported.map((line) => ({ range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, newText: '' })),
        },
        instructionIndex: instruction.index,
      });
    }
  },
});
