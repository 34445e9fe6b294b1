import { DIRECTIVE_LINE, lineBounds, withoutBom } from './model';
import type { DockerfileModel } from './model';

export interface Fold {
  startLine: number;
  endLine: number;
  /** Where the fold starts and ends on its lines, for clients that fold within lines. */
  startCharacter?: number;
  endCharacter?: number;
  kind?: 'comment';
}

export interface FoldingOptions {
  /** The client folds whole lines only (VS Code does): no characters are sent. */
  lineFoldingOnly: boolean;
  /** The most folds the client wants. */
  limit: number;
}

/**
 * The folding ranges of a Dockerfile, from the model every other feature reads: each instruction
 * continued over several lines, then each run of two or more comment lines, as
 * dockerfile-language-service folds them (test/corpus/folding.test.ts compares the two over the
 * corpus), without parsing the version again.
 */
export function foldingRanges(model: DockerfileModel, { lineFoldingOnly, limit }: FoldingOptions): Fold[] {
  if (limit < 1) return [];
  const text = withoutBom(model.text);
  const lineLength = (line: number): number => {
    const [start, end] = lineBounds(model.lineStarts, text, line);
    return end - start;
  };
  const fold = (startLine: number, endLine: number, startCharacter: number, endCharacter: number, kind?: 'comment'): Fold =>
    lineFoldingOnly
      ? { startLine, endLine, ...(kind ? { kind } : {}) }
      : { startLine, endLine, startCharacter, endCharacter, ...(kind ? { kind } : {}) };

  const folds: Fold[] = [];
  for (const { range } of model.instructions) {
    if (range.start.line === range.end.line) continue;
    folds.push(fold(range.start.line, range.end.line, lineLength(range.start.line), lineLength(range.end.line)));
    if (folds.length === limit) return folds;
  }

  for (const run of commentRuns(model, text)) {
    if (run.lines < 2) continue;
    folds.push(fold(run.start, run.start + run.lines - 1, run.firstEnd, run.lastEnd, 'comment'));
    if (folds.length === limit) return folds;
  }
  return folds;
}

/**
 * Runs of comment lines one after the other: the lines whose first character that is not blank
 * is `#`, except the parser directives at the top and the lines of a heredoc's body. Each run
 * says where its first and last comments end on their lines.
 */
function commentRuns(model: DockerfileModel, text: string): { start: number; lines: number; firstEnd: number; lastEnd: number }[] {
  const heredocLine = new Uint8Array(model.lineStarts.length);
  for (const instruction of model.instructions) {
    for (const heredoc of instruction.heredocs) {
      if (heredoc.contentRange) heredocLine.fill(1, heredoc.contentRange.start.line, heredoc.range.end.line + 1);
    }
  }
  const runs: { start: number; lines: number; firstEnd: number; lastEnd: number }[] = [];
  let directives = true;
  for (let line = 0; line < model.lineStarts.length; line++) {
    const [start, end] = lineBounds(model.lineStarts, text, line);
    const content = text.slice(start, end);
    const first = content.search(/\S/);
    const comment = first >= 0 && content[first] === '#' && !heredocLine[line];
    if (directives && comment && DIRECTIVE_LINE.test(content.slice(first))) continue;
    directives = false;
    if (!comment) continue;
    const previous = runs.at(-1);
    const endCharacter = end - start;
    if (previous && previous.start + previous.lines === line) {
      previous.lines++;
      previous.lastEnd = endCharacter;
    } else {
      runs.push({ start: line, lines: 1, firstEnd: endCharacter, lastEnd: endCharacter });
    }
  }
  return runs;
}
