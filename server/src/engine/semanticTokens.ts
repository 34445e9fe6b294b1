import { DIRECTIVE_LINE, lineBounds, offsetAt, positionAt, withoutBom } from './model';
import type { DockerfileModel, Instruction, Word } from './model';

/**
 * The token types in the order dockerfile-language-service numbers them, so that a theme colours
 * a Dockerfile as it did when the library made the tokens.
 */
export const SEMANTIC_TOKEN_TYPES = [
  'keyword',
  'comment',
  'parameter',
  'property',
  'namespace',
  'class',
  'macro',
  'string',
  'variable',
  'operator',
  'modifier',
] as const;
export const SEMANTIC_TOKEN_MODIFIERS = ['declaration', 'definition', 'deprecated'] as const;

type TokenType = (typeof SEMANTIC_TOKEN_TYPES)[number];
const TYPE_INDEX = new Map<TokenType, number>(SEMANTIC_TOKEN_TYPES.map((type, index) => [type, index]));
const DECLARATION = 1;
const DEPRECATED = 4;

/**
 * The semantic tokens of a Dockerfile in the LSP's relative encoding, read from the model every
 * other feature shares rather than from a parse of its own. They follow dockerfile-language-service's
 * (test/corpus/semanticTokens.test.ts compares the two over the corpus and lists where they part):
 * keywords, flags and their options, ARG and ENV names as declared variables, FROM's image, tag,
 * digest and stage name, quoted strings, `$VAR` and `${VAR:-default}`, the escape character that
 * continues a line, and comments.
 */
export function semanticTokens(model: DockerfileModel): number[] {
  const writer = new TokenWriter(model);
  writer.linesOutsideInstructions();
  for (const instruction of model.instructions) writer.instruction(instruction);
  return writer.encoded();
}

const VARIABLE_NAME = /[A-Za-z0-9_]/;
/** The shell's own parameters: `$?`, `$@`, `$#`, `$$`, `$!`, `$*` and `$-`. */
const SPECIAL_PARAMETER = /[?@#$!*-]/;

/**
 * Where an image reference's tag (after the last `:` of its last path part) and digest (after `@`)
 * start, -1 where it has none; a `:` or `@` inside `${...}` is the variable's.
 */
function imageParts(written: string): { tag: number; digest: number } {
  let tag = -1;
  let digest = -1;
  let depth = 0;
  for (let i = 0; i < written.length; i++) {
    const c = written[i];
    if (c === '$' && written[i + 1] === '{') depth++;
    else if (c === '}' && depth > 0) depth--;
    else if (depth > 0 || digest >= 0) continue;
    else if (c === '/') tag = -1;
    else if (c === ':') tag = i;
    else if (c === '@') digest = i;
  }
  return { tag, digest };
}

class TokenWriter {
  private readonly text: string;
  private readonly lineStarts: number[];
  private readonly escape: string;
  /** Tokens as offset, length, type and modifiers, four numbers each. */
  private readonly tokens: number[] = [];
  /** The quote a string opened in an earlier word of the same instruction is still waiting for. */
  private quote: string | null = null;

  constructor(private readonly model: DockerfileModel) {
    this.text = withoutBom(model.text);
    this.lineStarts = model.lineStarts;
    this.escape = model.directives.escape.char;
  }

  /** The parser directives at the top of the file and the comments between instructions. */
  linesOutsideInstructions(): void {
    const inInstruction = new Uint8Array(this.lineStarts.length);
    for (const instruction of this.model.instructions) inInstruction.fill(1, instruction.range.start.line, instruction.range.end.line + 1);
    let directives = true;
    for (let line = 0; line < this.lineStarts.length; line++) {
      if (inInstruction[line]) {
        directives = false;
        continue;
      }
      const [start, end] = this.lineBounds(line);
      const content = this.text.slice(start, end);
      const hash = content.search(/\S/);
      if (hash < 0 || content[hash] !== '#') {
        directives = false;
        continue;
      }
      const directive = directives ? DIRECTIVE_LINE.exec(content.slice(hash)) : null;
      if (!directive) {
        directives = false;
        this.add(start + hash, end, 'comment');
        continue;
      }
      const name = start + hash + content.slice(hash).indexOf(directive[1] as string);
      const operator = this.text.indexOf('=', name);
      this.add(start + hash, name, 'comment');
      this.add(name, name + (directive[1] as string).length, 'property');
      this.add(operator, operator + 1, 'operator');
      const value = directive[2] as string;
      if (value) {
        const valueStart = this.text.indexOf(value, operator + 1);
        this.add(valueStart, valueStart + value.length, 'parameter');
      }
    }
  }

  instruction(instruction: Instruction): void {
    this.quote = null;
    const keyword = this.offsets(instruction.keywordRange);
    // A line holding nothing but the escape character reads to dockerfile-ast as an instruction;
    // BuildKit reads it as what it is, a continuation onto the next line.
    if (instruction.rawKeyword === this.escape) this.add(keyword[0], keyword[1], 'macro');
    else this.add(keyword[0], keyword[1], 'keyword', instruction.keyword === 'MAINTAINER' ? DEPRECATED : 0);
    for (const flag of instruction.flags) this.flagText(...this.offsets(flag.range));
    const args = instruction.args;
    switch (instruction.keyword) {
      case 'ARG':
      case 'ENV':
        this.properties(instruction);
        break;
      case 'FROM':
        this.from(args);
        break;
      case 'HEALTHCHECK':
        // CMD or NONE.
        if (args[0]) this.add(...this.offsets(args[0].range), 'keyword');
        this.words(args.slice(1));
        break;
      case 'ONBUILD':
        this.trigger(args);
        break;
      default:
        this.words(args);
    }
    this.heredocBodies(instruction);
    this.lineBreaks(instruction);
  }

  /** `--name`, `=` and its value, or the value's `key=value` options (`--mount=type=cache,target=/x`). */
  private flagText(start: number, end: number): void {
    const equals = this.text.indexOf('=', start);
    if (equals < 0 || equals >= end) {
      this.add(start, end, 'parameter');
      return;
    }
    this.add(start, equals, 'parameter');
    this.add(equals, equals + 1, 'operator');
    const value = this.text.slice(equals + 1, end);
    if (!value.includes('=')) {
      this.plain(equals + 1, end, 'property');
      return;
    }
    let optionStart = equals + 1;
    for (const option of value.split(',')) {
      const optionEquals = option.indexOf('=');
      if (optionEquals < 0) {
        this.add(optionStart, optionStart + option.length, 'parameter');
      } else {
        this.add(optionStart, optionStart + optionEquals, 'parameter');
        this.add(optionStart + optionEquals, optionStart + optionEquals + 1, 'operator');
        this.plain(optionStart + optionEquals + 1, optionStart + option.length, 'property');
      }
      optionStart += option.length + 1;
    }
  }

  /**
   * ONBUILD's trigger: its keyword, its own flags (`ONBUILD COPY --from=build`), and for ARG and ENV
   * each `NAME` or `NAME=value` as a declaration.
   */
  private trigger(args: Word[]): void {
    const [keyword, ...rest] = args;
    if (!keyword) return;
    this.add(...this.offsets(keyword.range), 'keyword');
    let first = 0;
    for (const arg of rest) {
      if (!arg.value.startsWith('--')) break;
      this.flagText(...this.offsets(arg.range));
      first++;
    }
    const words = rest.slice(first);
    if (!/^(ARG|ENV)$/i.test(keyword.value)) {
      this.words(words);
      return;
    }
    for (const word of words) {
      const [start, end] = this.offsets(word.range);
      const equals = this.text.indexOf('=', start);
      const nameEnd = equals < 0 || equals >= end ? end : equals;
      this.add(start, nameEnd, 'variable', DECLARATION);
      if (nameEnd === end) continue;
      this.add(nameEnd, nameEnd + 1, 'operator');
      this.quoted(nameEnd + 1, end, 'parameter');
    }
  }

  /** ARG and ENV: each name a declared variable, `=`, and the value. */
  private properties(instruction: Instruction): void {
    for (const property of instruction.properties) {
      const [nameStart, nameEnd] = this.offsets(property.nameRange);
      const [, end] = this.offsets(property.range);
      this.add(nameStart, nameEnd, 'variable', DECLARATION);
      let valueStart = nameEnd;
      if (this.text[valueStart] === '=') {
        this.add(valueStart, valueStart + 1, 'operator');
        valueStart++;
      }
      while (valueStart < end && /\s/.test(this.text[valueStart] as string)) valueStart++;
      if (valueStart < end) this.quoted(valueStart, end, 'parameter');
    }
  }

  /** FROM's image (its name, tag and digest), `AS` and the stage's name. */
  private from(args: Word[]): void {
    const image = args[0];
    if (!image) return;
    const [start, end] = this.offsets(image.range);
    const { tag, digest } = imageParts(this.text.slice(start, end));
    const nameAndTagEnd = digest < 0 ? end : start + digest;
    this.plain(start, tag < 0 ? nameAndTagEnd : start + tag, 'class');
    if (tag >= 0) this.plain(start + tag + 1, nameAndTagEnd, 'property');
    if (digest >= 0) this.plain(start + digest + 1, end, 'property');
    const as = args[1];
    if (as?.value.toUpperCase() === 'AS') {
      this.add(...this.offsets(as.range), 'keyword');
      const name = args[2];
      if (name) this.add(...this.offsets(name.range), 'namespace');
      this.words(args.slice(3));
    } else {
      this.words(args.slice(1));
    }
  }

  private words(words: readonly Word[]): void {
    for (const word of words) this.quoted(...this.offsets(word.range), 'parameter');
  }

  /** A heredoc's lines, word by word, as the library reads them: the script's words as parameters. */
  private heredocBodies(instruction: Instruction): void {
    for (const heredoc of instruction.heredocs) {
      if (!heredoc.contentRange) continue;
      const [start] = this.offsets(heredoc.contentRange);
      const [, end] = this.offsets(heredoc.range);
      this.quote = null;
      const words = /\S+/g;
      const body = this.text.slice(start, end);
      for (let match = words.exec(body); match; match = words.exec(body)) {
        const wordStart = start + match.index;
        const wordEnd = wordStart + match[0].length;
        // The script's own line continuation reads as the Dockerfile's does.
        if (match[0] === this.escape && /^[ \t]*(\r?\n|\r|$)/.test(this.text.slice(wordEnd, wordEnd + 3)))
          this.add(wordStart, wordEnd, 'macro');
        else this.quoted(wordStart, wordEnd, 'parameter');
      }
    }
  }

  /** The escape character that continues a line, and the comment lines inside an instruction. */
  private lineBreaks(instruction: Instruction): void {
    const { start, end } = instruction.range;
    const body = instruction.heredocs.find((h) => h.contentRange)?.contentRange?.start.line ?? end.line + 1;
    for (let line = start.line; line <= Math.min(end.line, body - 1); line++) {
      const [lineStart, lineEnd] = this.lineBounds(line);
      const content = this.text.slice(lineStart, lineEnd);
      const first = content.search(/\S/);
      if (first < 0) continue;
      if (line > start.line && content[first] === '#') {
        this.add(lineStart + first, lineEnd, 'comment');
        continue;
      }
      // Even on an instruction's last line: BuildKit reads it as a continuation (onto the next instruction, or the end of the file).
      const last = content.trimEnd().length - 1;
      if (content[last] === this.escape) this.add(lineStart + last, lineStart + last + 1, 'macro');
    }
  }

  /**
   * A word with its quoted parts as strings and its variables as variables. A quote left open
   * runs on into the instruction's next words, as the shell reads them.
   */
  private quoted(start: number, end: number, type: TokenType, modifiers = 0): void {
    let chunk = start;
    const close = (at: number, as: TokenType) => {
      this.add(chunk, at, as, as === type ? modifiers : 0);
      chunk = at;
    };
    for (let i = start; i < end; i++) {
      const c = this.text[i];
      if (this.quote === null) {
        if (c === this.escape) i++;
        else if (c === '"' || c === "'") {
          close(i, type);
          this.quote = c;
        } else if (c === '$') {
          const variableEnd = this.variableEnd(i, end);
          if (variableEnd > i) {
            close(i, type);
            this.variable(i, variableEnd);
            chunk = variableEnd;
            i = variableEnd - 1;
          }
        }
      } else if (c === this.quote) {
        close(i + 1, 'string');
        this.quote = null;
      } else if (this.quote === '"' && c === this.escape) {
        i++;
      } else if (this.quote === '"' && c === '$') {
        const variableEnd = this.variableEnd(i, end);
        if (variableEnd > i) {
          close(i, 'string');
          this.variable(i, variableEnd);
          chunk = variableEnd;
          i = variableEnd - 1;
        }
      }
    }
    close(end, this.quote === null ? type : 'string');
  }

  /** Variables in a value read as such, quotes and all else as the value's own type. */
  private plain(start: number, end: number, type: TokenType): void {
    let chunk = start;
    for (let i = start; i < end; i++) {
      if (this.text[i] === this.escape) {
        i++;
        continue;
      }
      if (this.text[i] !== '$') continue;
      const variableEnd = this.variableEnd(i, end);
      if (variableEnd <= i) continue;
      this.add(chunk, i, type);
      this.variable(i, variableEnd);
      chunk = variableEnd;
      i = variableEnd - 1;
    }
    this.add(chunk, end, type);
  }

  /** Where `$NAME`, `$?` or `${...}` starting at `dollar` ends, or `dollar` itself when none does. */
  private variableEnd(dollar: number, end: number): number {
    if (this.text[dollar + 1] === '{') {
      const close = this.text.indexOf('}', dollar + 2);
      return close >= 0 && close < end ? close + 1 : dollar;
    }
    if (dollar + 1 < end && SPECIAL_PARAMETER.test(this.text[dollar + 1] as string)) return dollar + 2;
    let i = dollar + 1;
    while (i < end && VARIABLE_NAME.test(this.text[i] as string)) i++;
    return i > dollar + 1 ? i : dollar;
  }

  /** `$NAME` and `${NAME}` as one variable; `${NAME:-default}` as `${NAME`, `:`, the modifier and the rest. */
  private variable(start: number, end: number): void {
    const colon = this.text[start + 1] === '{' ? this.text.indexOf(':', start + 2) : -1;
    if (colon < 0 || colon >= end) {
      this.add(start, end, 'variable');
      return;
    }
    this.add(start, colon, 'variable');
    this.add(colon, colon + 1, 'operator');
    const modifier = /[-+?]/.test(this.text[colon + 1] as string) ? colon + 2 : colon + 1;
    this.add(colon + 1, modifier, 'modifier');
    this.add(modifier, end, 'variable');
  }

  /**
   * Adds a token; one that runs over a line break (a word continued on the next line) is cut into
   * a token per line, without the escape character, the blanks around the break and the comment
   * lines BuildKit drops from a continued instruction.
   */
  private add(start: number, end: number, type: TokenType, modifiers = 0): void {
    let line = positionAt(this.lineStarts, start).line;
    while (start < end) {
      const [, lineEnd] = this.lineBounds(line);
      if (end <= lineEnd) {
        this.push(start, end, type, modifiers);
        return;
      }
      let pieceEnd = lineEnd;
      while (pieceEnd > start && /[ \t]/.test(this.text[pieceEnd - 1] as string)) pieceEnd--;
      if (this.text[pieceEnd - 1] === this.escape) pieceEnd--;
      while (pieceEnd > start && /[ \t]/.test(this.text[pieceEnd - 1] as string)) pieceEnd--;
      this.push(start, pieceEnd, type, modifiers);
      do {
        line++;
        start = this.lineStarts[line] ?? end;
        while (start < end && /[ \t]/.test(this.text[start] as string)) start++;
      } while (start < end && this.text[start] === '#');
    }
  }

  private push(start: number, end: number, type: TokenType, modifiers: number): void {
    if (end <= start) return;
    // One value per push, here and in encoded(): Node's V8 runs a push of several values in a generic
    // builtin, and on the largest corpus file that made these tokens take 5.0 ms rather than 3.4.
    this.tokens.push(start);
    this.tokens.push(end - start);
    this.tokens.push(TYPE_INDEX.get(type) as number);
    this.tokens.push(modifiers);
  }

  /** The tokens in document order, each as its line and start relative to the one before, length, type and modifiers. */
  encoded(): number[] {
    const order = Array.from({ length: this.tokens.length / 4 }, (_, i) => i * 4).sort(
      (a, b) => (this.tokens[a] as number) - (this.tokens[b] as number),
    );
    const data: number[] = [];
    let line = 0;
    let character = 0;
    let covered = 0;
    for (const at of order) {
      // Tokens may not overlap: where two parts claim a character (an escape character that ends a
      // word and the line), the first one keeps it.
      const start = this.tokens[at] as number;
      if (start < covered) continue;
      covered = start + (this.tokens[at + 1] as number);
      const position = positionAt(this.lineStarts, start);
      data.push(position.line - line);
      data.push(position.line === line ? position.character - character : position.character);
      data.push(this.tokens[at + 1] as number);
      data.push(this.tokens[at + 2] as number);
      data.push(this.tokens[at + 3] as number);
      line = position.line;
      character = position.character;
    }
    return data;
  }

  private lineBounds(line: number): [number, number] {
    return lineBounds(this.lineStarts, this.text, line);
  }

  private offsets(range: Word['range']): [number, number] {
    return [offsetAt(this.lineStarts, this.text, range.start), offsetAt(this.lineStarts, this.text, range.end)];
  }
}
