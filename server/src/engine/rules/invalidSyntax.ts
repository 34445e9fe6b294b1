import { ValidationCode, ValidationSeverity, ValidatorSettings } from 'dockerfile-utils';
import { INSTRUCTION_FLAGS, instructionOnLine, reusingValidator, TEMPLATE_PLACEHOLDER, textOf } from '../model';
import type { DockerfileModel, Range } from '../model';
import { suggestName } from './suggest';
import { defineRule } from './types';
import type { Fix } from './types';

/** Checks that Layerlens rules already make, with BuildKit's names: the validator is told to skip them. */
const COVERED_SETTINGS: ValidatorSettings = {
  deprecatedMaintainer: ValidationSeverity.IGNORE,
  directiveCasing: ValidationSeverity.IGNORE,
  emptyContinuationLine: ValidationSeverity.IGNORE,
  instructionCasing: ValidationSeverity.IGNORE,
  instructionCmdMultiple: ValidationSeverity.IGNORE,
  instructionEntrypointMultiple: ValidationSeverity.IGNORE,
  instructionHealthcheckMultiple: ValidationSeverity.IGNORE,
  instructionJSONInSingleQuotes: ValidationSeverity.IGNORE,
  instructionWorkdirRelative: ValidationSeverity.IGNORE,
};
const COVERED_CODES = new Set<ValidationCode>([ValidationCode.DUPLICATE_BUILD_STAGE_NAME]);
const validate = reusingValidator(COVERED_SETTINGS);
const ERROR = 1;

/**
 * dockerfile-utils 0.16 decides that an ENV, ARG or LABEL value lacks its closing quote by looking
 * at the value after unquoting, so `"'a' b"`, `"/opt/venv/bin":$PATH` and `x"y"z`, which BuildKit
 * reads as they are meant, are reported as missing a quote. The value is read again here as
 * BuildKit's lexer reads it: a quote the escape character escapes does not count, and inside
 * single quotes nothing is escaped.
 */
const MISSING_QUOTE = new Set<ValidationCode>([ValidationCode.SYNTAX_MISSING_SINGLE_QUOTE, ValidationCode.SYNTAX_MISSING_DOUBLE_QUOTE]);

function quotesClose(raw: string, escapeChar: string): boolean {
  let quote: string | undefined;
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i];
    if (quote === "'") {
      if (ch === "'") quote = undefined;
    } else if (ch === escapeChar) {
      i++;
    } else if (ch === '"' || ch === "'") {
      if (quote === undefined) quote = ch;
      else if (quote === ch) quote = undefined;
    }
  }
  return quote === undefined;
}

/** A template engine's tag on a line of its own (Jinja's `{% if %}`, Go's `{{ if }}`), rendered away before a build. */
const TEMPLATE_TAG = /^\s*(\{%|\{\{)/;

/** The instructions whose heredocs BuildKit reads; elsewhere `<<EOF` is plain text and the body becomes instructions. */
const HEREDOC_INSTRUCTIONS = new Set(['RUN', 'COPY', 'ADD']);
const HEREDOC_START = /<<-?\s*(["']?)[A-Za-z_][A-Za-z0-9_]*\1/;

const UNKNOWN_FLAG: Partial<Record<ValidationCode, string>> = {
  [ValidationCode.UNKNOWN_ADD_FLAG]: 'ADD',
  [ValidationCode.UNKNOWN_COPY_FLAG]: 'COPY',
  [ValidationCode.UNKNOWN_HEALTHCHECK_FLAG]: 'HEALTHCHECK',
};

/**
 * The fixes rcjsuen's language server offers for these findings, so that a user who drops it
 * keeps them: a misspelt flag becomes the nearest one the instruction takes (none when no flag
 * is near), a second FROM argument becomes AS, an invalid escape character the default `\`,
 * an argument too many goes. Each guesses what was meant, so none is safe.
 */
function fixFor(model: DockerfileModel, code: ValidationCode, range: Range, found: string): Fix | undefined {
  const replace = (title: string, newText: string, at = range): Fix => ({ title, safety: 'unsafe', edits: [{ range: at, newText }] });
  const keyword = UNKNOWN_FLAG[code];
  if (keyword) {
    const nearest = suggestName(
      found.replace(/^--/, ''),
      (INSTRUCTION_FLAGS[keyword] ?? []).map((f) => f.name),
    );
    return nearest ? replace(`Change ${found} to --${nearest}`, `--${nearest}`) : undefined;
  }
  switch (code) {
    case ValidationCode.INVALID_AS:
      return replace(`Change ${found} to AS`, 'AS');
    case ValidationCode.INVALID_ESCAPE_DIRECTIVE:
      return replace('Use the default escape character \\', '\\');
    case ValidationCode.ARGUMENT_EXTRA:
    case ValidationCode.ARGUMENT_UNNECESSARY: {
      // The blanks before the argument go with it.
      const line = textOf(model.text, model.lineStarts, { start: { line: range.start.line, character: 0 }, end: range.start });
      const start = { line: range.start.line, character: line.trimEnd().length };
      return replace(`Remove the extra argument ${found}`, '', { start, end: range.end });
    }
    default:
      return undefined;
  }
}

export const invalidSyntax = defineRule({
  id: 'InvalidSyntax',
  description:
    'A syntax or argument error that makes the build fail: unknown instructions and flags, missing or malformed arguments, bad durations and ports. Found by dockerfile-utils, the validator behind the Docker extension.',
  category: 'syntax',
  defaultSeverity: 'error',
  fix: { availability: 'sometimes', safety: 'unsafe' },
  aliases: [],
  buildkit: false,
  messages: {
    invalid: (message: string) => message,
    heredocOutsideRun: (message: string, keyword: string, line: number) =>
      `${message}: BuildKit reads heredocs only in RUN, COPY and ADD, so the heredoc the ${keyword} on line ${line} opens is read as instructions from here on`,
    noInstructions: () =>
      'The Dockerfile has no instructions, only comments or blank lines: BuildKit refuses it ("file with no instructions")',
  },
  check({ model, messages, report }) {
    // BuildKit stops at the first unknown instruction; the lines that follow one (a heredoc BuildKit
    // does not read, say) are one mistake, reported once.
    let lastUnknown = -2;
    for (const diagnostic of validate(model)) {
      const code = diagnostic.code as ValidationCode | undefined;
      if (diagnostic.severity !== ERROR) continue;
      const found = textOf(model.text, model.lineStarts, diagnostic.range);
      if (code !== undefined && (COVERED_CODES.has(code) || (MISSING_QUOTE.has(code) && quotesClose(found, model.directives.escape.char))))
        continue;
      // BuildKit trims and replaces in variables (`${V%%.*}`, `${IMAGE/debian/debian@$SHA}`, Dockerfile 1.7+);
      // dockerfile-utils 0.16 predates that.
      const said = typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
      if (/unsupported modifier/.test(said) && /\$\{[A-Za-z_][A-Za-z0-9_]*(##?|%%?|\/\/?)/.test(said)) continue;
      // The classic builder's rule that several sources need a destination ending in `/`: BuildKit
      // builds such a COPY whatever the destination (checked on BuildKit v0.25 with `COPY a b /dir`).
      if (code === ValidationCode.INVALID_DESTINATION) continue;
      // A line of blanks and the escape character alone continues into the next line for BuildKit,
      // which builds `# comment` / ` \` / `RUN …` as the RUN (checked on BuildKit v0.25).
      if (code === ValidationCode.UNKNOWN_INSTRUCTION && found.trim() === model.directives.escape.char) continue;
      const instruction = instructionOnLine(model, diagnostic.range.start.line);
      // A build tool's template (`FROM ${docker.base.image}`, a Jinja `{% if %}` line) is filled in before BuildKit sees it.
      if (instruction && (TEMPLATE_PLACEHOLDER.test(instruction.text) || TEMPLATE_TAG.test(instruction.text))) continue;
      const message = typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
      if (code === ValidationCode.UNKNOWN_INSTRUCTION && instruction) {
        const follows = lastUnknown === instruction.index - 1;
        lastUnknown = instruction.index;
        if (follows) continue;
        const before = model.instructions[instruction.index - 1];
        if (before && !HEREDOC_INSTRUCTIONS.has(before.keyword) && HEREDOC_START.test(before.text)) {
          report({
            range: diagnostic.range,
            message: messages.heredocOutsideRun(message, before.keyword, before.range.start.line + 1),
            instructionIndex: instruction.index,
          });
          continue;
        }
      }
      // The validator's "No source image provided with `FROM`" points at nothing in a file of comments
      // alone, where BuildKit's own words say more: the squiggle goes under its first line.
      if (code === ValidationCode.NO_SOURCE_IMAGE && model.instructions.length === 0) {
        const firstLineEnd = (model.lineStarts[1] ?? model.text.length + 1) - 1;
        const width = model.text.slice(0, Math.max(0, firstLineEnd)).replace(/\r$/, '').length;
        report({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: width } }, message: messages.noInstructions() });
        continue;
      }
      const fix = code === undefined ? undefined : fixFor(model, code, diagnostic.range, found);
      report({ range: diagnostic.range, message: messages.invalid(message), instructionIndex: instruction?.index, fix });
    }
  },
});
