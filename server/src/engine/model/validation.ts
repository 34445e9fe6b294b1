import type { Instruction as AstInstruction } from 'dockerfile-ast';
import type { validate, ValidatorSettings } from 'dockerfile-utils';
import { Validator } from 'dockerfile-utils/lib/dockerValidator';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { withoutBom } from './parse';
import { copyRange, withParseShared } from './parserShortcuts';
import type { DockerfileModel, Range } from './types';

type ValidatorFindings = ReturnType<typeof validate>;

/** The two checks dockerfile-utils' validator makes of each instruction on its own (private in its types). */
interface InstructionChecks {
  validateInstruction(
    document: TextDocument,
    escapeChar: string,
    instruction: AstInstruction,
    keyword: string,
    isTrigger: boolean,
    problems: ValidatorFindings,
  ): void;
  checkVariables(instruction: AstInstruction, problems: ValidatorFindings): void;
}

const copyFinding = (finding: ValidatorFindings[number]): ValidatorFindings[number] => ({ ...finding, range: copyRange(finding.range) });

/**
 * dockerfile-utils' validator (the InvalidSyntax rule) checks every instruction of the file again
 * for every version, though a keystroke changes one: in a profile of the server over the bench's
 * typing, those checks were an eighth of all its work. What they find in an instruction depends on
 * its text, where it starts and the escape character alone (and on the settings, fixed per
 * validator), and that is what the model compares before it takes an instruction over from the
 * version before, keeping its `range` object. So what the checks found when an instruction was read
 * is kept against that range, for as long as a model holds it, and handed out again (as copies,
 * which their reader may change) for every version that takes the instruction over. The checks of
 * the whole file (directives, a missing FROM, ignore comments) run for every version as before, and
 * so do those of ONBUILD's triggers, which are rare. test/corpus/model.test.ts compares what this
 * finds, version after version of edited corpus files, with what the validator finds alone.
 */
export function reusingValidator(settings?: ValidatorSettings): (model: DockerfileModel) => ValidatorFindings {
  const validator = new Validator(settings);
  const checks = validator as unknown as InstructionChecks;
  const validateInstruction = checks.validateInstruction.bind(validator);
  const checkVariables = checks.checkVariables.bind(validator);
  // Both checks' findings are kept in one table: V8 never shrinks a WeakMap's table when the
  // collector empties it, so each held room for as many instructions as were ever alive at once
  // (0.26 MB apiece after the benchmark's typing, for the life of the server).
  const kept = new WeakMap<Range, { validated?: ValidatorFindings; variablesChecked?: ValidatorFindings }>();
  /** The ranges of the model being validated, by the line each instruction starts on. */
  let rangesByLine = new Map<number, Range>();

  const reuse = (
    which: 'validated' | 'variablesChecked',
    instruction: AstInstruction,
    problems: ValidatorFindings,
    check: (into: ValidatorFindings) => void,
  ): void => {
    const { start } = instruction.getRange();
    const range = rangesByLine.get(start.line);
    if (range?.start.character !== start.character) return check(problems);
    let entry = kept.get(range);
    if (!entry) kept.set(range, (entry = { validated: undefined, variablesChecked: undefined }));
    let found = entry[which];
    if (!found) {
      found = [];
      check(found);
      entry[which] = found;
    }
    for (const finding of found) problems.push(copyFinding(finding));
  };
  checks.validateInstruction = (document, escapeChar, instruction, keyword, isTrigger, problems) =>
    isTrigger
      ? validateInstruction(document, escapeChar, instruction, keyword, isTrigger, problems)
      : reuse('validated', instruction, problems, (into) =>
          validateInstruction(document, escapeChar, instruction, keyword, isTrigger, into),
        );
  checks.checkVariables = (instruction, problems) =>
    reuse('variablesChecked', instruction, problems, (into) => checkVariables(instruction, into));

  return (model) => {
    rangesByLine = new Map(model.instructions.map((instruction) => [instruction.range.start.line, instruction.range]));
    try {
      // The validator asks the parser for the text again; the parser hands back the model's parse (parserShortcuts.ts).
      return withParseShared(() => validator.validate(TextDocument.create('', '', 0, withoutBom(model.text))));
    } finally {
      rangesByLine = new Map();
    }
  };
}
