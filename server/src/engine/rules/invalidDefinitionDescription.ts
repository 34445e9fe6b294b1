import { textOf } from '../model';
import type { DockerfileModel, Instruction } from '../model';
import { defineRule } from './types';

/** The comment on the line right above an instruction, without its `#`; undefined when there is none. */
function commentAbove(model: DockerfileModel, instruction: Instruction): string | undefined {
  const line = instruction.range.start.line - 1;
  if (line < 0) return undefined;
  const text = textOf(model.text, model.lineStarts, { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).trim();
  return text.startsWith('#') ? text.slice(1).trim() : undefined;
}

export const invalidDefinitionDescription = defineRule({
  id: 'InvalidDefinitionDescription',
  description:
    'A comment right above an ARG or a named FROM that does not start with the name it describes, as build tools expect for descriptions.',
  category: 'syntax',
  defaultSeverity: 'warning',
  fix: { availability: 'none' },
  aliases: [],
  buildkit: true,
  experimental: true,
  messages: {
    format: (keyword: string, name: string) => `Comment for ${keyword} should follow the format: \`# ${name} <description>\``,
  },
  check({ model, messages, report }) {
    for (const instruction of model.instructions) {
      const stageName = instruction.keyword === 'FROM' ? model.stages.find((s) => s.from === instruction)?.name : undefined;
      const names = instruction.keyword === 'ARG' ? instruction.properties.map((p) => p.name) : stageName ? [stageName] : [];
      if (names.length === 0) continue;
      const comment = commentAbove(model, instruction);
      // An empty `#` line is a separator, and directives are not descriptions.
      if (!comment || (/^[a-z]+\s*=/i.test(comment) && instruction.range.start.line <= 1)) continue;
      const [firstWord = ''] = comment.split(/\s+/);
      if (names.includes(firstWord)) continue;
      report({
        range: instruction.keywordRange,
        message: messages.format(instruction.keyword, (names.length === 1 && names[0]) || '<arg_key>'),
        instructionIndex: instruction.index,
      });
    }
  },
});
