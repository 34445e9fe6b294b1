import { textOf } from '../model';
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
  },
  check({ model, messages, report }) {
    for (const instruction of model.instructions) {
      if (instruction.range.start.line === instruction.range.end.line) continue;
      const firstBody = instruction.heredocs[0]?.contentRange?.start.line ?? Number.MAX_SAFE_INTEGER;
      const lines = textOf(model.text, model.lineStarts, instruction.range).split(/\r\n|\n|\r/);
      const empty: number[] = [];
      let after = -1;
      let last = instruction.range.start.line;
      lines.forEach((text, i) => {
        const line = instruction.range.start.line + i;
        if (i === 0 || line >= firstBody) return;
        if (text.trim() === '') empty.push(line);
        else {
          if (empty.length > 0 && after < 0) after = line;
          last = line;
        }
      });
      // Empty lines that only trail a continuation at the end of the file continue nothing.
      if (after < 0) continue;
      const reported = empty.filter((line) => line < after);
      // BuildKit reports the instruction's last line (checked on BuildKit v0.25).
      const range: Range = {
        start: { line: last, character: 0 },
        end: { line: last, character: (lines[last - instruction.range.start.line] ?? '').replace(/\r$/, '').length },
      };
      report({
        range,
        message: messages.empty(),
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
