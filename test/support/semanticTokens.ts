import assert from 'node:assert/strict';
import { SEMANTIC_TOKEN_MODIFIERS, SEMANTIC_TOKEN_TYPES } from '../../server/src/engine';

/** Tokens in absolute positions, from the LSP's relative encoding. */
export function decodeTokens(data: number[]): { line: number; character: number; length: number; type: number; modifiers: number }[] {
  const tokens = [];
  let line = 0;
  let character = 0;
  for (let i = 0; i < data.length; i += 5) {
    const [deltaLine, deltaStart, length, type, modifiers] = data.slice(i, i + 5) as [number, number, number, number, number];
    line += deltaLine;
    character = deltaLine === 0 ? character + deltaStart : deltaStart;
    tokens.push({ line, character, length, type, modifiers });
  }
  return tokens;
}

/**
 * Semantic tokens an editor can take: five numbers a token, each within one line of the text, in
 * order, none overlapping, of a type and modifiers the legend names.
 */
export function assertWellFormedTokens(text: string, data: number[], where: string): void {
  assert.equal(data.length % 5, 0, where);
  const lines = text.split(/\r\n|\n|\r/);
  let previous = { line: -1, end: 0 };
  for (const { line, character, length, type, modifiers } of decodeTokens(data)) {
    const at = `${where}: the token at ${line}:${character}`;
    assert.ok(length > 0 && character + length <= (lines[line] ?? '').length, `${at} lies within its line`);
    assert.ok(line > previous.line || character >= previous.end, `${at} follows the token before it`);
    assert.ok(type < SEMANTIC_TOKEN_TYPES.length && modifiers < 1 << SEMANTIC_TOKEN_MODIFIERS.length, `${at} is in the legend`);
    previous = { line, end: character + length };
  }
}
