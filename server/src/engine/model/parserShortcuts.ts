import { DockerfileParser, Instruction as AstInstruction } from 'dockerfile-ast';
import type { Dockerfile } from 'dockerfile-ast';

/*
 * Where dockerfile-ast (pinned to one version in package.json) repeats work, found by profiling
 * the analysis over the corpus, and what Layerlens does instead. Each shortcut gives every reader
 * the answers dockerfile-ast would give; test/unit/model.test.ts compares the validator's findings
 * and every variable's resolution with a process where none of this is loaded.
 */

/**
 * dockerfile-utils' validator (the InvalidSyntax rule) takes text, not a parsed file, and parses
 * it again with the same dockerfile-ast: over the corpus that second parse cost as much as the
 * model's own. The parser therefore remembers the file it parsed last, and hands the validator
 * that result when it asks for the same text, so that a version is parsed once. Neither reader
 * changes the parsed file; a different text is parsed as before.
 */
const parseText = DockerfileParser.parse.bind(DockerfileParser);
let lastParsed: { text: string; ast: Dockerfile } | undefined;
DockerfileParser.parse = (content: string) => (lastParsed?.text === content ? lastParsed.ast : parseComplete(content));

/** Parses the text, the one parse of this version that every reader then shares. */
export function parseOnce(text: string): Dockerfile {
  const ast = parseComplete(text);
  lastParsed = { text, ast };
  return ast;
}

/**
 * dockerfile-ast splits an instruction's arguments afresh, character by character, every time
 * anything asks for them, and the parser itself, the validator and the model ask several times
 * per instruction: in a profile over the corpus that splitting was a third of the whole analysis.
 * An instruction's text never changes after parsing, so each instruction keeps its split. Callers
 * get their own copy of the list, because dockerfile-ast's own callers shift and overwrite it.
 */
const splitKept = Symbol('layerlens.rawArguments');
type SplitArguments = { getRawArguments(): unknown[]; [splitKept]?: unknown[] };
const astInstruction = AstInstruction.prototype as unknown as SplitArguments;
const splitArguments = astInstruction.getRawArguments;
astInstruction.getRawArguments = function (this: SplitArguments) {
  return (this[splitKept] ??= splitArguments.call(this)).slice();
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
  getComments(): unknown[];
  getRange(): Range;
  addInstruction(instruction: AstInstruction): void;
  resolveVariable(variable: string, line: number): string | null | undefined;
}
interface Range { start: { line: number; character: number }; end: { line: number; character: number } }
interface Internals extends Template {
  initialInstructions: Template & { getARGs(): AstInstruction[] };
  buildStages: Template[];
  getFROMs(): AstInstruction[];
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
  const initial = file.initialInstructions.getComments().length > 0 || file.initialInstructions.getInstructions().length > 0
    ? file.initialInstructions.getRange() : undefined;
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

/** What dockerfile-ast's getContainingImage returns: the stages are disjoint and in order, so a binary search finds it. */
function containing(file: Internals, index: StageIndex, position: Position): Template | null {
  if (!inside(position, { start: { line: 0, character: 0 }, end: index.end })) return null;
  if (index.initial && inside(position, index.initial)) return file.initialInstructions;
  let low = 0;
  let high = index.stages.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const { range, stage } = index.stages[middle];
    if (before(position, range.start)) high = middle - 1;
    else if (before(range.end, position)) low = middle + 1;
    else return stage;
  }
  return file;
}

type Resolve = (this: Internals, variable: string, line: number) => string | null | undefined;
type Contain = (this: Internals, position: Position) => Template | null;
const dockerfilePrototype = Object.getPrototypeOf(parseText('')) as { resolveVariable: Resolve; getContainingImage: Contain };
const containingByWalking = dockerfilePrototype.getContainingImage;
dockerfilePrototype.getContainingImage = function (this: Internals, position: Position) {
  const index = indexes.get(this);
  return index ? containing(this, index, position) : containingByWalking.call(this, position);
};
const resolveByWalking = dockerfilePrototype.resolveVariable;
const resolveInTemplate = (Object.getPrototypeOf(dockerfilePrototype) as { resolveVariable: Resolve }).resolveVariable;

/**
 * For a line that no stage contains (an indented instruction before the first FROM, say)
 * dockerfile-ast asks the file to resolve the variable again, which asks itself again until the
 * stack overflows: `  ARG A=$B` as the first line crashed the validator. The file answers such a
 * line as the template of all its instructions, then the ARGs before the first FROM, as it would
 * for a line inside a stage.
 */
let walking: object | undefined;
dockerfilePrototype.resolveVariable = function (this: Internals, variable: string, line: number) {
  const index = indexes.get(this);
  if (!index) {
    if (walking === this) return resolveInTemplate.call(this, variable, line);
    walking = this;
    try {
      return resolveByWalking.call(this, variable, line);
    } finally {
      walking = undefined;
    }
  }
  if (index.fromLines.has(line)) return index.initialArgs.resolveVariable(variable, line);
  const image = containing(this, index, { line, character: 0 });
  if (image === null) return undefined;
  const resolved = image === this ? resolveInTemplate.call(this, variable, line) : image.resolveVariable(variable, line);
  return resolved === null ? index.initialArgs.resolveVariable(variable, line) : resolved;
};
