import type { Range, Word } from './types';

export interface Position {
  line: number;
  character: number;
}

/**
 * Where each line starts. A line ends at `\n`, `\r\n` or a lone `\r`, as for editors, the LSP and
 * dockerfile-ast: positions from either side then name the same character.
 */
export function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 10 || (code === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  return starts;
}

export function offsetAt(lineStarts: number[], text: string, position: Position): number {
  if (position.line < 0) return 0;
  const start = lineStarts[position.line];
  if (start === undefined) return text.length;
  const nextStart = lineStarts[position.line + 1] ?? text.length;
  return Math.max(start, Math.min(start + position.character, nextStart));
}

export function positionAt(lineStarts: number[], offset: number): Position {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((lineStarts[mid] ?? offset) <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low, character: offset - (lineStarts[low] ?? 0) };
}

/** Where a line's text starts and ends, its line break left out. */
export function lineBounds(lineStarts: number[], text: string, line: number): [number, number] {
  const start = lineStarts[line] ?? text.length;
  let end = lineStarts[line + 1] ?? text.length;
  if (end > start && text[end - 1] === '\n') end--;
  if (end > start && text[end - 1] === '\r') end--;
  return [start, end];
}

export function textOf(text: string, lineStarts: number[], range: Range): string {
  return text.slice(offsetAt(lineStarts, text, range.start), offsetAt(lineStarts, text, range.end));
}

export function sameRange(a: Range, b: Range): boolean {
  return comparePositions(a.start, b.start) === 0 && comparePositions(a.end, b.end) === 0;
}

export function contains(range: Range, position: Position): boolean {
  return comparePositions(range.start, position) <= 0 && comparePositions(position, range.end) <= 0;
}

/** Whether two ranges share a position; touching ends count, so that an empty range at a finding's edge finds it. */
export function overlaps(a: Range, b: Range): boolean {
  return comparePositions(a.start, b.end) <= 0 && comparePositions(b.start, a.end) <= 0;
}

export function comparePositions(a: Position, b: Position): number {
  return a.line !== b.line ? a.line - b.line : a.character - b.character;
}

/** The whole lines a range touches, their line breaks included: what deleting an instruction removes. */
export function wholeLines(range: Range): Range {
  return { start: { line: range.start.line, character: 0 }, end: { line: range.end.line + 1, character: 0 } };
}

/**
 * Where BuildKit reports a check on part of an instruction: on the line the instruction starts.
 * A range on a continuation line moves to the instruction's keyword, so that the editor, the CLI
 * and `docker build` name the same line.
 */
export function onInstructionLine(instruction: { range: Range; keywordRange: Range }, range: Range): Range {
  return range.start.line === instruction.range.start.line ? range : instruction.keywordRange;
}

/** From the first argument's start to the last one's end; undefined without arguments. */
export function argumentsRange(args: readonly Word[]): Range | undefined {
  const first = args[0];
  const last = args.at(-1);
  return first && last ? { start: first.range.start, end: last.range.end } : undefined;
}
