import { defineRule } from './types';

export const notUtf8Text = defineRule({
  id: 'NotUtf8Text',
  description: 'The file is not UTF-8 text: bytes that are not UTF-8, a UTF-16 file, or a binary file opened as a Dockerfile.',
  category: 'syntax',
  defaultSeverity: 'warning',
  fix: { availability: 'none' },
  aliases: [],
  buildkit: false,
  messages: {
    notUtf8: (line: number) =>
      `Line ${line} holds bytes that are not UTF-8 (shown as \uFFFD): Docker 28's BuildKit refuses to build an instruction that holds them ("string field contains invalid UTF-8"), and older engines built with \uFFFD in their place. Save the file as UTF-8`,
    utf16: () =>
      'This file is UTF-16 text: BuildKit reads a Dockerfile as UTF-8 and cannot build it (Docker 28 fails with "stream terminated by RST_STREAM", Docker 20.10 with "unknown instruction" on line 1). Save the file as UTF-8; Layerlens does not analyse it until then',
    binary: (line: number) =>
      `This file holds NUL bytes (first on line ${line}): it is binary, not a Dockerfile, so Layerlens does not analyse it`,
  },
  check({ model, messages, report }) {
    const { encoding } = model;
    if (encoding.kind === 'utf8') return;
    const { at } = encoding;
    if (encoding.kind === 'notUtf8') {
      report({ range: { start: at, end: { line: at.line, character: at.character + 1 } }, message: messages.notUtf8(at.line + 1) });
      return;
    }
    // The whole file is the problem: the finding takes its first line, without the line break.
    const secondLine = model.lineStarts[1];
    const lineEnd = secondLine !== undefined ? secondLine - 1 : model.text.length;
    const end = model.text[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd;
    report({
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: end } },
      message: encoding.kind === 'utf16' ? messages.utf16() : messages.binary(at.line + 1),
    });
  },
});
