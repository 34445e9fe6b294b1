import {
  Copy,
  Instruction as AstInstruction,
  ModifiableInstruction,
  PropertyInstruction,
  Run,
  Flag as AstFlag,
  Heredoc as AstHeredoc,
} from 'dockerfile-ast';
import { readDirectives, readSuppressions } from './directives';
import { readMount } from './mounts';
import { parseOnce } from './parserShortcuts';
import { splitCommands } from './shell';
import { unquote } from './variables';
import { buildStages } from './stages';
import { argumentsRange, computeLineStarts, comparePositions, offsetAt, positionAt, textOf } from './text';
import type {
  CopyDetails,
  DockerfileModel,
  Flag,
  Heredoc,
  Instruction,
  Mount,
  Problem,
  Property,
  Range,
  RunDetails,
  TextEncoding,
  Word,
} from './types';

const BOM = '\uFEFF';

/**
 * The text as parsers should read it: a byte-order mark would be read as part of the first
 * line's keyword, hiding a parser directive there; a space in its place keeps every offset
 * where the editor has it.
 */
export function withoutBom(text: string): string {
  return text.startsWith(BOM) ? ' ' + text.slice(1) : text;
}

/**
 * Parses a Dockerfile once into the model every feature reads. Never throws: whatever
 * dockerfile-ast cannot make sense of is left out and reported in `problems`.
 *
 * Given the model of the document's version before, an instruction that starts where one of
 * that version started and reads the same is taken from it rather than read again: a keystroke
 * changes one instruction, and reading the others was a tenth of every analysis.
 */
export function parseDockerfile(text: string, previous?: DockerfileModel): DockerfileModel {
  const source = withoutBom(text);
  const lineStarts = computeLineStarts(source);
  const problems: Problem[] = [];
  const ast = parseOnce(source);
  const escapeChar = ast.getEscapeCharacter();
  const previousVersions = previous && versions.get(previous);
  const version = previousVersions ? previousVersions.version + 1 : 0;
  const readIn: number[] = [];
  const readBefore = previous?.directives.escape.char === escapeChar ? instructionsByStart(previous) : undefined;
  const instructions = ast.getInstructions().map((node, index) => {
    const range = node.getRange();
    const before = readBefore?.get(offsetAt(lineStarts, source, range.start));
    const beforeReadIn = before && previousVersions?.readIn[before.index];
    if (
      before &&
      beforeReadIn !== undefined &&
      version - beforeReadIn < READ_AGAIN_AFTER &&
      comparePositions(before.range.start, range.start) === 0 &&
      before.text === textOf(source, lineStarts, range)
    ) {
      readIn.push(beforeReadIn);
      return instructionAgain(before, index, problems);
    }
    readIn.push(version);
    return readInstruction(node, index, source, lineStarts, escapeChar, problems);
  });
  const directives = readDirectives(ast.getDirectives(), escapeChar);
  const { stages, globalArgs, dependencies } = buildStages(instructions, escapeChar);
  const model: DockerfileModel = {
    text,
    encoding: readEncoding(source, lineStarts),
    lineStarts,
    eol: source.includes('\r\n') ? '\r\n' : '\n',
    directives,
    instructions,
    stages,
    globalArgs,
    dependencies,
    inlineSuppressions: readSuppressions(ast.getComments(), instructions),
    problems,
  };
  versions.set(model, { version, readIn });
  return model;
}

/**
 * How many versions an instruction is taken over before it is read again. What it was read into
 * holds slices of that version's whole text (V8 keeps the text a slice was cut from), so without
 * a bound a document edited one instruction after another would keep one old text per instruction.
 */
export const READ_AGAIN_AFTER = 16;
/**
 * Each model's version, counted from the model made without one before it, and the version each
 * of its instructions was read in, by index: one entry per model, not per instruction.
 */
const versions = new WeakMap<DockerfileModel, { version: number; readIn: number[] }>();

/**
 * UTF-16 decoded as UTF-8 (the way PowerShell's `>` writes a file) reads as a NUL after every
 * other character; any other NUL means the file is not text at all.
 */
function readEncoding(text: string, lineStarts: number[]): TextEncoding {
  const nul = text.indexOf('\0');
  if (nul >= 0) {
    const head = text.slice(0, 200);
    let alternate = 0;
    for (let i = 1; i < head.length; i++) if (head[i] === '\0' && head[i - 1] !== '\0') alternate++;
    return { kind: alternate >= head.length / 3 ? 'utf16' : 'binary', at: positionAt(lineStarts, nul) };
  }
  const replaced = text.indexOf('\uFFFD');
  return replaced >= 0 ? { kind: 'notUtf8', at: positionAt(lineStarts, replaced) } : { kind: 'utf8' };
}

function instructionsByStart(model: DockerfileModel): Map<number, Instruction> {
  const byStart = new Map<number, Instruction>();
  for (const instruction of model.instructions) byStart.set(offsetAt(model.lineStarts, model.text, instruction.range.start), instruction);
  return byStart;
}

/**
 * An instruction of the version before, for this version. Everything read from its text holds:
 * the same text at the same offset and position reads the same with the same escape character,
 * and its words work out their ranges from the line table of that version, which agrees with
 * this one up to the instruction's end. Only its place among the instructions is new (its stage
 * is set by `buildStages`), and the problems its mounts have are reported again.
 */
function instructionAgain(before: Instruction, index: number, problems: Problem[]): Instruction {
  for (const mount of before.run?.mounts ?? []) reportMountProblems(mount, problems);
  return { ...before, index, stage: -1 };
}

function reportMountProblems(mount: Mount, problems: Problem[]): void {
  for (const message of mount.problems) problems.push({ message: `--mount: ${message}`, range: mount.range });
}

function readInstruction(
  node: AstInstruction,
  index: number,
  text: string,
  lineStarts: number[],
  escapeChar: string,
  problems: Problem[],
): Instruction {
  const keyword = node.getKeyword().toUpperCase();
  const range = node.getRange();
  const heredocs = node instanceof Run || node instanceof Copy ? readHeredocs(node.getHeredocs(), text, lineStarts, range) : [];
  const inHeredoc = (r: Range): boolean =>
    heredocs.some(
      (h) => h.contentRange !== null && comparePositions(h.contentRange.start, r.start) <= 0 && comparePositions(r.start, h.range.end) <= 0,
    );
  const flags = node instanceof ModifiableInstruction ? node.getFlags().map(readFlag) : [];
  const args: Word[] = [];
  for (const argument of node.getArguments()) {
    const argumentRange = argument.getRange();
    if (inHeredoc(argumentRange)) continue;
    const start = offsetAt(lineStarts, text, argumentRange.start);
    const end = offsetAt(lineStarts, text, argumentRange.end);
    const written = text.slice(start, end);
    const value = argument.getValue();
    args.push(new TextWord(written === value ? written : value, start, end, lineStarts));
  }
  const instruction: Instruction = {
    keyword,
    rawKeyword: node.getInstruction(),
    index,
    stage: -1,
    range,
    keywordRange: node.getInstructionRange(),
    text: textOf(text, lineStarts, range),
    flags,
    // V8 grows a list by half and sixteen more slots as it is pushed to; the model keeps this one,
    // so it keeps a copy of the list's own length.
    args: args.slice(),
    heredocs,
    properties:
      keyword === 'ARG'
        ? argProperties(args, text, lineStarts, escapeChar)
        : node instanceof PropertyInstruction
          ? readProperties(node)
          : [],
  };
  if (keyword === 'RUN') instruction.run = readRun(node, instruction, text, lineStarts, escapeChar, problems);
  if (keyword === 'COPY' || keyword === 'ADD') instruction.copy = readCopy(instruction, text, lineStarts, escapeChar);
  return instruction;
}

/**
 * A word of the text whose range is worked out when asked. The model keeps every word of every
 * open document, and a range as three objects was half of a word's memory; two offsets and the
 * shared line table are a third of it.
 *
 * Its value is the text's own slice when the text reads the same there: dockerfile-ast builds a
 * word a character at a time, and such a string is a V8 rope of one node per character.
 */
class TextWord implements Word {
  constructor(
    readonly value: string,
    private readonly start: number,
    private readonly end: number,
    private readonly lineStarts: number[],
  ) {}

  get range(): Range {
    return { start: positionAt(this.lineStarts, this.start), end: positionAt(this.lineStarts, this.end) };
  }

  /** Serialised as the plain word it stands for, wherever a model's parts are sent or written out. */
  toJSON(): Word {
    return { value: this.value, range: this.range };
  }
}

function readFlag(flag: AstFlag): Flag {
  return { name: flag.getName(), value: flag.getValue(), range: flag.getRange(), valueRange: flag.getValueRange() };
}

function readHeredocs(nodes: AstHeredoc[], text: string, lineStarts: number[], instructionRange: Range): Heredoc[] {
  return nodes.map((h) => {
    const contentRange = h.getContentRange();
    const end = h.getDelimiterRange()?.end ?? contentRange?.end ?? instructionRange.end;
    return {
      name: h.getName(),
      content: contentRange ? textOf(text, lineStarts, contentRange).replace(/\r?\n$/, '') : '',
      contentRange,
      range: { start: h.getStartRange().start, end },
    };
  });
}

function readProperties(node: PropertyInstruction): Property[] {
  return node.getProperties().map((p) => ({
    name: p.getName(),
    value: p.getValue(),
    range: p.getRange(),
    nameRange: p.getNameRange(),
  }));
}

/**
 * ARG declares one name per word, each `NAME` or `NAME=default`, as BuildKit reads it
 * (dockerfile-ast would read `ARG A B` as the legacy `A` = `B`). A quoted default keeps its
 * blanks, as in BuildKit: `ARG REPO="http://host/ suite main"` declares REPO alone, while
 * dockerfile-ast splits its words at every blank.
 */
function argProperties(args: Word[], text: string, lineStarts: number[], escapeChar: string): Property[] {
  const properties: Property[] = [];
  for (let i = 0; i < args.length; i++) {
    const first = args[i] as Word;
    let last = first;
    while (i + 1 < args.length && quoteLeftOpen(textOf(text, lineStarts, { start: first.range.start, end: last.range.end }))) {
      last = args[++i] as Word;
    }
    const range = last === first ? first.range : { start: first.range.start, end: last.range.end };
    const written = last === first ? first.value : joinContinuationLines(textOf(text, lineStarts, range), escapeChar);
    const eq = written.indexOf('=');
    const name = eq < 0 ? written : written.slice(0, eq);
    const nameRange = {
      start: range.start,
      end: { line: range.start.line, character: range.start.character + name.length },
    };
    properties.push({ name, value: eq < 0 ? null : unquote(written.slice(eq + 1)), range, nameRange });
  }
  return properties;
}

/** Whether a quote opened in the text is still open at its end. */
function quoteLeftOpen(written: string): boolean {
  let quote: string | undefined;
  for (const ch of written) {
    if (ch === quote) quote = undefined;
    else if (!quote && (ch === '"' || ch === "'")) quote = ch;
  }
  return quote !== undefined;
}

/** The arguments' text as the frontend sees it: continuation lines joined, comment lines inside them dropped. */
function joinedArguments(args: Word[], text: string, lineStarts: number[], escapeChar: string): string {
  const span = argumentsRange(args);
  return span ? joinContinuationLines(textOf(text, lineStarts, span), escapeChar) : '';
}

/** An instruction's text after its keyword as the frontend reads it: continuations joined, comment lines inside dropped. */
export function joinContinuationLines(raw: string, escapeChar: string): string {
  const lines = raw.split(/\r?\n/);
  let joined = '';
  lines.forEach((line, i) => {
    if (i > 0 && /^\s*#/.test(line)) return;
    const continued = i < lines.length - 1 && line.trimEnd().endsWith(escapeChar);
    joined += continued ? line.trimEnd().slice(0, -escapeChar.length) : line;
  });
  return joined.trim();
}

/** The words of the exec (JSON) form, as BuildKit reads it: an array of strings and nothing else; undefined otherwise. */
export function parseJsonForm(command: string): string[] | undefined {
  if (!command.startsWith('[')) return undefined;
  try {
    const parsed: unknown = JSON.parse(command);
    return Array.isArray(parsed) && parsed.every((p) => typeof p === 'string') ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function readRun(
  node: AstInstruction,
  instruction: Instruction,
  text: string,
  lineStarts: number[],
  escapeChar: string,
  problems: Problem[],
): RunDetails {
  const command = joinedArguments(instruction.args, text, lineStarts, escapeChar);
  const form = parseJsonForm(command) ? 'exec' : 'shell';
  const commands = form === 'shell' ? [command, ...instruction.heredocs.map((h) => h.content)].flatMap(splitCommands) : [];
  const details: RunDetails = { mounts: [], form, command, commands };
  const astFlags = node instanceof ModifiableInstruction ? node.getFlags() : [];
  for (const flag of astFlags) {
    const name = flag.getName().toLowerCase();
    if (name === 'mount') {
      const options = flag.getOptions().map((o) => ({ key: o.getName(), value: o.getValue() }));
      const mount = readMount(options, flag.getRange());
      details.mounts.push(mount);
      reportMountProblems(mount, problems);
    } else if (name === 'network') {
      details.network = flag.getValue() ?? '';
    } else if (name === 'security') {
      details.security = flag.getValue() ?? '';
    }
  }
  return details;
}

function readCopy(instruction: Instruction, text: string, lineStarts: number[], escapeChar: string): CopyDetails {
  const flag = (name: string): string | undefined => {
    const found = instruction.flags.find((f) => f.name.toLowerCase() === name);
    return found ? (found.value ?? '') : undefined;
  };
  const boolFlag = (name: string): boolean => {
    const value = flag(name);
    return value !== undefined && value.toLowerCase() !== 'false';
  };
  const joined = joinedArguments(instruction.args, text, lineStarts, escapeChar);
  const json = parseJsonForm(joined);
  const span = argumentsRange(instruction.args);
  const words: Word[] = json && span ? json.map((value) => ({ value, range: span })) : instruction.args;
  return {
    from: flag('from'),
    chown: flag('chown'),
    chmod: flag('chmod'),
    link: boolFlag('link'),
    parents: boolFlag('parents'),
    exclude: instruction.flags.filter((f) => f.name.toLowerCase() === 'exclude').map((f) => f.value ?? ''),
    checksum: flag('checksum'),
    keepGitDir: boolFlag('keep-git-dir'),
    sources: words.slice(0, -1),
    destination: words.length > 1 ? words[words.length - 1] : undefined,
  };
}
