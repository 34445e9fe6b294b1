import { Argument, DockerfileParser, Instruction as AstInstruction } from 'dockerfile-ast';
import type { Dockerfile } from 'dockerfile-ast';

/*
 * Where dockerfile-ast (pinned to one version in package.json) repeats work, found by profiling
 * the analysis over the corpus, and what Layerlens does instead. Each shortcut gives every reader
 * the answers dockerfile-ast would give; test/corpus/model.test.ts compares the validator's findings
 * and every variable's resolution with a process where none of this is loaded.
 */

/**
 * dockerfile-utils' validator (the InvalidSyntax rule) takes text, not a parsed file, and parses
 * it again with the same dockerfile-ast: over the corpus that second parse cost as much as the
 * model's own. The parser therefore remembers the file it parsed last, and hands it to the
 * validator when it asks for the same text, so that a version is parsed once. Only inside
 * `withParseShared`: other readers (dockerfile-language-service) get a parse of their own, since
 * dockerfile-ast's own methods change the ranges they hand out (From.getImageNameRange moves the
 * end of the image's range to before its tag).
 */
const parseText = DockerfileParser.parse.bind(DockerfileParser);
let lastParsed: { text: string; ast: Dockerfile } | undefined;
let sharing = false;
DockerfileParser.parse = (content: string) =>
  sharing && lastParsed?.text === content ? lastParsed.ast : parseComplete(alignHeredocNames(content));

/** Runs `read` (the validator) with the parse of the text parsed last shared, not parsed again. */
export function withParseShared<T>(read: () => T): T {
  sharing = true;
  try {
    return read();
  } finally {
    sharing = false;
  }
}

/** Parses the text for the model: the parse the validator then shares for this version. */
export function parseOnce(text: string): Dockerfile {
  const ast = parseComplete(alignHeredocNames(text));
  lastParsed = { text, ast };
  return ast;
}

/**
 * BuildKit reads `<< EOF` and `<< 'EOF'`, blanks between the operator and the name, as heredocs
 * (checked on BuildKit v0.25, as it reads `<<EOF`); dockerfile-ast 0.7 only reads the second form,
 * and takes the body for instructions. It is given the text with those blanks moved after the
 * name: the same length and the same lines, so that every position it reports holds for the real
 * text. A `<<` inside quotes is a string, for both.
 */
const SPACED_HEREDOC = /(^|[ \t])(\d*<<-?)([ \t]+)("[A-Za-z_][\w.-]*"|'[A-Za-z_][\w.-]*'|[A-Za-z_][\w.-]*)/g;

function alignHeredocNames(text: string): string {
  if (!/<<-?[ \t]/.test(text)) return text;
  return text
    .split(/(?<=\n)/)
    .map((line) =>
      line.replace(SPACED_HEREDOC, (whole: string, lead: string, operator: string, blanks: string, name: string, at: number) =>
        quotedAt(line, at) ? whole : `${lead}${operator}${name}${blanks}`,
      ),
    )
    .join('');
}

/** Whether position `at` of a line is inside single or double quotes. */
function quotedAt(line: string, at: number): boolean {
  let quote: string | undefined;
  for (let i = 0; i < at; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === quote) quote = undefined;
      else if (ch === '\\' && quote === '"') i++;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '\\') i++;
  }
  return quote !== undefined;
}

/**
 * dockerfile-ast splits an instruction's arguments afresh, character by character, every time
 * anything asks for them, and the parser itself, the validator and the model ask several times
 * per instruction: in a profile over the corpus that splitting was a third of the whole analysis.
 * An instruction's text never changes after parsing, so each instruction keeps its split. Callers
 * get their own copy of the list, and of an argument's range whenever they ask for it, because
 * dockerfile-ast's own callers shift the list and move the ends of the ranges they are given.
 */
const splitKept = Symbol('layerlens.rawArguments');
interface Splittable {
  document: { offsetAt(position: Position): number; positionAt(offset: number): Position };
  escapeChar: string;
  getInstructionRange(): Range;
  getTextContent(): string;
  getRawArguments(this: Splittable): Argument[];
  [splitKept]?: Argument[];
}
const astInstruction = AstInstruction.prototype as unknown as Splittable;
/** A copy of a range whose reader may change it, for the parser's ranges that are handed out more than once. */
export const copyRange = ({ start, end }: Range): Range => ({
  start: { line: start.line, character: start.character },
  end: { line: end.line, character: end.character },
});
/** A kept argument hands out a copy of its range, which its reader may change. */
class KeptArgument extends Argument {
  getRange(): Range {
    return copyRange(super.getRange());
  }
}
astInstruction.getRawArguments = function (this: Splittable) {
  return (this[splitKept] ??= splitOnce(this)).slice();
};

const isNewline = (char: string) => char === '\r' || char === '\n';
const isWhitespace = (char: string) => char === ' ' || char === '\t' || isNewline(char);

/**
 * The positions of offsets into `text`, which starts at the document's offset `origin`: the split
 * asks for its arguments' ends in increasing order, so each is found by reading on from the one
 * before, where the document's `positionAt` searched all the file's lines for each. Lines end as
 * the document has them: at a LF, a CR, or a CRLF taken as one. An offset before the last one
 * asked (dockerfile-ast starts an empty argument one character before the arguments after an
 * escaped blank on a continuation line) is the document's to answer.
 */
function walkingPositions(text: string, origin: number, document: Splittable['document']): (offset: number) => Position {
  const first = document.positionAt(origin);
  let at = 0;
  let line = first.line;
  let lineStart = -first.character;
  return (offset) => {
    if (offset < at) return document.positionAt(origin + offset);
    for (; at < offset; at++) {
      const char = text.charCodeAt(at);
      if (char === 10 || (char === 13 && text.charCodeAt(at + 1) !== 10)) {
        line++;
        lineStart = at + 1;
      }
    }
    return { line, character: offset - lineStart };
  };
}

/**
 * dockerfile-ast 0.7.1's `Instruction.getRawArguments`, step for step, except in how it builds each
 * argument's value: the library adds one character at a time, a new string for each, which made
 * the split a fifth of all the memory an analysis allocates. Every piece it adds is a run of the
 * text, so the value is kept as runs and taken as slices. test/corpus/model.test.ts compares the
 * two splits over the corpus and over the continuations, escapes and comments that steer them.
 */
function splitOnce(instruction: Splittable): Argument[] {
  const { document, escapeChar } = instruction;
  const range = instruction.getInstructionRange();
  const extra = document.offsetAt(range.end) - document.offsetAt(range.start);
  const fullArgs = instruction.getTextContent().substring(extra);
  const offset = document.offsetAt(range.start) + extra;
  const args: Argument[] = [];
  // The value so far: `done`, then the run of the text from `runStart` to `runEnd`.
  let done = '';
  let runStart = -1;
  let runEnd = -1;
  const append = (from: number, to: number) => {
    if (runEnd === from) {
      runEnd = to;
      return;
    }
    if (runStart !== -1) done += fullArgs.slice(runStart, runEnd);
    runStart = from;
    runEnd = to;
  };
  const positionOf = walkingPositions(fullArgs, offset, document);
  const push = (from: number, to: number) => {
    const value = runStart === -1 ? done : done + fullArgs.slice(runStart, runEnd);
    args.push(new KeptArgument(value, { start: positionOf(from), end: positionOf(to) }));
    done = '';
    runStart = runEnd = -1;
  };
  let start = false;
  let comment = false;
  let found = -1;
  // Whether a blank was found that is part of an escaped newline sequence, and whether the split is inside one.
  let escapedWhitespaceDetected = false;
  let escaping = false;
  let escapeMarker = -1;
  for (let i = 0; i < fullArgs.length; i++) {
    const char = fullArgs.charAt(i);
    if (isWhitespace(char)) {
      if (escaping) {
        escapedWhitespaceDetected = true;
        if (isNewline(char)) {
          // At a newline, the blanks before it no longer count.
          escapedWhitespaceDetected = false;
          if (comment) {
            comment = false;
            start = true;
          }
        }
        continue;
      } else if (found !== -1) {
        push(found, escapeMarker === -1 ? i : escapeMarker);
        escapeMarker = -1;
        found = -1;
      }
    } else if (char === escapeChar) {
      const next = fullArgs.charAt(i + 1);
      if (next === ' ' || next === '\t') {
        whitespaceCheck: for (let j = i + 2; j < fullArgs.length; j++) {
          const after = fullArgs.charAt(j);
          switch (after) {
            case ' ':
            case '\t':
              continue;
            case '\r':
            case '\n':
              // A CRLF ends the line as a LF does, one character later.
              if (after === '\r') j++;
              comment = false;
              escaping = true;
              start = true;
              if (found !== -1) escapeMarker = i;
              i = j;
              break whitespaceCheck;
            default:
              escapeMarker = i;
              if (found === -1) i = j - 1;
              break whitespaceCheck;
          }
        }
      } else if (next === '\r' || next === '\n') {
        comment = false;
        escaping = true;
        start = true;
        if (found !== -1 && escapeMarker === -1) escapeMarker = i;
        i += next === '\r' ? 2 : 1;
      } else {
        if (escapedWhitespaceDetected && escapeMarker !== -1) {
          push(found, escapeMarker);
          found = -1;
        }
        escapeMarker = -1;
        escapedWhitespaceDetected = false;
        escaping = false;
        // The escape character is kept before a `$`, dropped before anything else; at the end of the text there is nothing to add.
        if (next === '') break;
        if (next === '$') append(i, i + 2);
        else append(i + 1, i + 2);
        if (found === -1) found = i;
        i++;
      }
    } else if (!comment) {
      if (start && char === '#') {
        comment = true;
      } else {
        if (escapedWhitespaceDetected && escapeMarker !== -1) {
          push(found, escapeMarker);
          found = -1;
        }
        escapedWhitespaceDetected = false;
        escaping = false;
        escapeMarker = -1;
        append(i, i + 1);
        if (found === -1) found = i;
      }
      // A character that is not blank ends the start of a line.
      start = false;
    }
  }
  if (found !== -1) push(found, escapeMarker === -1 ? fullArgs.length : escapeMarker);
  return args;
}

/**
 * The validator lists every instruction's variables, and dockerfile-ast reads each argument a
 * character at a time to find them, though only a `$` can start one: most arguments have none,
 * and reading them was 4% of an analysis over the corpus. An argument without a `$` has no
 * variables, which is what the reading would find.
 */
type ParseVariables = (this: unknown, offset: number, argument: string) => unknown[];
const instructionWithVariables = AstInstruction.prototype as unknown as { parseVariables: ParseVariables };
const parseVariablesByReading = instructionWithVariables.parseVariables;
instructionWithVariables.parseVariables = function (offset, argument) {
  return argument.includes('$') ? parseVariablesByReading.call(this, offset, argument) : [];
};

/**
 * dockerfile-ast resolves each `$VAR` it reads (to say whether it is defined, and whether it is a
 * build argument) by walking every FROM of the file and then every stage to find the one that
 * contains it: over a file of many stages that is quadratic, and it was the validator's largest
 * cost on long files. Once a file is completely parsed its stages no
 * longer change, so an index of them answers the same questions with a lookup and a binary
 * search. Questions asked while the file is still being parsed take dockerfile-ast's own path.
 */
interface Template {
  getInstructions(): AstInstruction[];
  getComments(): { getRange(): Range }[];
  addComment(comment: { getRange(): Range }): void;
  getRange(): Range;
  addInstruction(instruction: AstInstruction): void;
  resolveVariable(variable: string, line: number): string | null | undefined;
}
interface Range {
  start: { line: number; character: number };
  end: { line: number; character: number };
}
interface Internals extends Template {
  initialInstructions: Template & { getARGs(): AstInstruction[] };
  buildStages: Template[];
  getFROMs(): AstInstruction[];
  getContainingImage(position: Position): Template | null;
  document: { getText(): string; positionAt(offset: number): { line: number; character: number } };
}
type Position = Range['start'];
interface StageIndex {
  /** Lines that a FROM instruction spans: there variables resolve against the ARGs before the first FROM. */
  fromLines: Set<number>;
  initialArgs: Template;
  end: Position;
  initial?: Range;
  stages: { range: Range; stage: Template }[];
}

const indexes = new WeakMap<object, StageIndex>();

function parseComplete(text: string): Dockerfile {
  const ast = parseText(text);
  const file = ast as unknown as Internals;
  const fromLines = new Set<number>();
  for (const from of file.getFROMs()) {
    const { start, end } = from.getRange();
    for (let line = start.line; line <= end.line; line++) fromLines.add(line);
  }
  const TemplateClass = file.initialInstructions.constructor as new () => Template;
  const initialArgs = new TemplateClass();
  for (const arg of file.initialInstructions.getARGs()) initialArgs.addInstruction(arg);
  const initial =
    file.initialInstructions.getComments().length > 0 || file.initialInstructions.getInstructions().length > 0
      ? file.initialInstructions.getRange()
      : undefined;
  for (const template of [file, file.initialInstructions, initialArgs, ...file.buildStages]) completeTemplates.add(template);
  indexes.set(ast, {
    fromLines,
    initialArgs,
    end: file.document.positionAt(file.document.getText().length),
    initial,
    stages: file.buildStages.map((stage) => ({ range: stage.getRange(), stage })),
  });
  return ast;
}

const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character < b.character);
/** The position inside the range, ends included, as dockerfile-ast's Util.isInsideRange has it. */
const inside = (position: Position, range: Range) => !before(position, range.start) && !before(range.end, position);

/** The stage whose range holds the position: the stages are disjoint and in order, so a binary search finds it. */
function stageAt(stages: StageIndex['stages'], position: Position): Template | undefined {
  let low = 0;
  let high = stages.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const candidate = stages[middle];
    if (!candidate) break;
    if (before(position, candidate.range.start)) high = middle - 1;
    else if (before(candidate.range.end, position)) low = middle + 1;
    else return candidate.stage;
  }
  return undefined;
}

/** What dockerfile-ast's getContainingImage returns. */
function containing(file: Internals, index: StageIndex, position: Position): Template | null {
  if (!inside(position, { start: { line: 0, character: 0 }, end: index.end })) return null;
  if (index.initial && inside(position, index.initial)) return file.initialInstructions;
  return stageAt(index.stages, position) ?? file;
}

type Resolve = (this: Internals, variable: string, line: number) => string | null | undefined;
type Contain = (this: Internals, position: Position) => Template | null;
type Organize = (this: Internals) => void;
const dockerfilePrototype = Object.getPrototypeOf(parseText('')) as {
  resolveVariable: Resolve;
  getContainingImage: Contain;
  organizeComments: Organize;
};

/**
 * At the end of a parse dockerfile-ast hands each comment to the stage that contains it by asking
 * every stage, which recomputes its range each time: comments times stages, the largest cost of
 * parsing a long file (a 2 MB file spent over a third of its analysis there). The ranges are
 * taken once and the stage found by binary search, as for any other position; a comment goes to
 * the instructions before the first FROM when it ends inside them, exactly as before.
 */
dockerfilePrototype.organizeComments = function (this: Internals) {
  const initial = this.initialInstructions;
  const initialRange = initial.getRange();
  const stages = this.buildStages.map((stage) => ({ range: stage.getRange(), stage }));
  for (const comment of this.getComments()) {
    const range = comment.getRange();
    if (inside(range.end, initialRange)) initial.addComment(comment);
    else stageAt(stages, range.start)?.addComment(comment);
  }
};
const containingByWalking = dockerfilePrototype.getContainingImage;
dockerfilePrototype.getContainingImage = function (this: Internals, position: Position) {
  const index = indexes.get(this);
  return index ? containing(this, index, position) : containingByWalking.call(this, position);
};
const resolveByWalking = dockerfilePrototype.resolveVariable;

/**
 * A stage answers "which ENV, else which ARG, before this line defines the variable" by listing
 * all its ENVs and ARGs afresh and scanning them backwards, and every `$VAR` the validator reads
 * asks it twice (is it defined, is it a build argument): an ARG chain N deep cost N² (16,000
 * ARGs, 36 s). A stage of a completely parsed file keeps, per name, where it is defined, in
 * order, and answers by binary search. The first property of a name in an ENV wins, as in the
 * scan.
 */
interface Definition {
  line: number;
  property: { getValue(): string | null };
}
interface Definitions {
  env: Map<string, Definition[]>;
  arg: Map<string, Definition[]>;
}
interface DefiningTemplate {
  getENVs(): { getRange(): Range; getProperties(): (Definition['property'] & { getName(): string })[] }[];
  getARGs(): { getRange(): Range; getProperty(): (Definition['property'] & { getName(): string }) | null }[];
}
const completeTemplates = new WeakSet<object>();
const definitionsKept = new WeakMap<object, Definitions>();

function definitionsOf(template: object): Definitions | undefined {
  if (!completeTemplates.has(template)) return undefined;
  let definitions = definitionsKept.get(template);
  if (definitions) return definitions;
  definitions = { env: new Map(), arg: new Map() };
  const add = (map: Map<string, Definition[]>, name: string, definition: Definition) => {
    const list = map.get(name);
    if (list === undefined) map.set(name, [definition]);
    else if (list.at(-1)?.line !== definition.line) list.push(definition);
  };
  for (const env of (template as DefiningTemplate).getENVs()) {
    const line = env.getRange().start.line;
    for (const property of env.getProperties()) add(definitions.env, property.getName(), { line, property });
  }
  for (const arg of (template as DefiningTemplate).getARGs()) {
    const property = arg.getProperty();
    if (property) add(definitions.arg, property.getName(), { line: arg.getRange().start.line, property });
  }
  definitionsKept.set(template, definitions);
  return definitions;
}

/** The last definition that starts on a line before `line`: instructions start in order, so the lines are sorted. */
function latestBefore(list: Definition[] | undefined, line: number): Definition | undefined {
  if (list === undefined) return undefined;
  let low = 0;
  let high = list.length - 1;
  let found: Definition | undefined;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const candidate = list[middle];
    if (!candidate) break;
    if (candidate.line < line) {
      found = candidate;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}

const templatePrototype = Object.getPrototypeOf(dockerfilePrototype) as { resolveVariable: Resolve };
const resolveByScanning = templatePrototype.resolveVariable;
templatePrototype.resolveVariable = function (this: Internals, variable: string, line: number) {
  const definitions = definitionsOf(this);
  if (!definitions) return resolveByScanning.call(this, variable, line);
  const found = latestBefore(definitions.env.get(variable), line) ?? latestBefore(definitions.arg.get(variable), line);
  return found?.property.getValue();
};
const resolveInTemplate = templatePrototype.resolveVariable;

type BuildVariable = (this: { getKeyword(): string; dockerfile: Internals }, variable: string, line: number) => boolean | undefined;
const instructionWithBuildVariables = AstInstruction.prototype as unknown as { isBuildVariable: BuildVariable };
const buildVariableByScanning = instructionWithBuildVariables.isBuildVariable;
instructionWithBuildVariables.isBuildVariable = function (variable, line) {
  const image =
    this.getKeyword() === 'FROM' || !indexes.has(this.dockerfile) ? null : this.dockerfile.getContainingImage({ line, character: 0 });
  const definitions = image === null ? undefined : definitionsOf(image);
  if (!definitions) return buildVariableByScanning.call(this, variable, line);
  if (latestBefore(definitions.env.get(variable), line)) return false;
  return latestBefore(definitions.arg.get(variable), line) ? true : undefined;
};

/**
 * For a line that no stage contains (an indented instruction before the first FROM, say)
 * dockerfile-ast asks the file to resolve the variable again, which asks itself again until the
 * stack overflows: `  ARG A=$B` as the first line crashed the validator. The file answers such a
 * line as the template of all its instructions, then the ARGs before the first FROM, as it would
 * for a line inside a stage.
 */
const walking = new WeakSet<object>();
dockerfilePrototype.resolveVariable = function (this: Internals, variable: string, line: number) {
  const index = indexes.get(this);
  if (!index) {
    if (walking.has(this)) return resolveInTemplate.call(this, variable, line);
    walking.add(this);
    try {
      return resolveByWalking.call(this, variable, line);
    } finally {
      walking.delete(this);
    }
  }
  if (index.fromLines.has(line)) return index.initialArgs.resolveVariable(variable, line);
  const image = containing(this, index, { line, character: 0 });
  if (image === null) return undefined;
  const resolved = image === this ? resolveInTemplate.call(this, variable, line) : image.resolveVariable(variable, line);
  return resolved === null ? index.initialArgs.resolveVariable(variable, line) : resolved;
};
