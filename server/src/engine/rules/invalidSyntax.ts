import { validate, ValidationCode, ValidationSeverity, ValidatorSettings } from 'dockerfile-utils';
import { instructionOnLine, textOf, withParseShared, withoutBom } from '../model';
import { defineRule } from './types';

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
const ERROR = 1;

/**
 * dockerfile-utils 0.16 decides that an ENV, ARG or LABEL value lacks its closing quote by looking
 * at the value after unquoting, so `"'a' b"` and `'"a" b'`, which BuildKit reads as they are
 * meant, are reported as missing a quote: a value that the other quote encloses whole is not.
 */
const MISREAD_QUOTE: Partial<Record<ValidationCode, string>> = {
  [ValidationCode.SYNTAX_MISSING_SINGLE_QUOTE]: '"',
  [ValidationCode.SYNTAX_MISSING_DOUBLE_QUOTE]: "'",
};
const misreadQuote = (code: ValidationCode, raw: string) => {
  const other = MISREAD_QUOTE[code];
  return other !== undefined && raw.length >= 2 && raw.startsWith(other) && raw.endsWith(other);
};

export const invalidSyntax = defineRule({
  id: 'InvalidSyntax',
  description: 'A syntax or argument error that makes the build fail: unknown instructions and flags, missing or malformed arguments, bad durations and ports. Found by dockerfile-utils, the validator behind the Docker extension.',
  category: 'syntax',
  defaultSeverity: 'error',
  fix: { availability: 'none' },
  aliases: [],
  buildkit: false,
  messages: {
    invalid: (message: string) => message,
  },
  check({ model, messages, report }) {
    // The validator asks the parser for the text again; the parser hands back the model's parse (parse.ts).
    for (const diagnostic of withParseShared(() => validate(withoutBom(model.text), COVERED_SETTINGS))) {
      const code = diagnostic.code as ValidationCode | undefined;
      if (diagnostic.severity !== ERROR || (code !== undefined && (COVERED_CODES.has(code) || misreadQuote(code, textOf(model.text, model.lineStarts, diagnostic.range))))) continue;
      const instruction = instructionOnLine(model, diagnostic.range.start.line);
      const message = typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
      report({ range: diagnostic.range, message: messages.invalid(message), instructionIndex: instruction?.index });
    }
  },
});
