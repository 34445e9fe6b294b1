import { consistentInstructionCasing } from '../../../server/src/engine/rules/consistentInstructionCasing';
import { ruleTests } from '../../support/ruleTester';

ruleTests(consistentInstructionCasing, {
  valid: [
    { name: "all upper", code: "FROM a\nRUN b\n" },
    { name: "all lower", code: "from a\nrun b\n" },
  ],
  invalid: [
    { name: "minority lower case", code: "FROM a\nrun b\n#^^ Command 'run' should match the case of the command majority (uppercase)\nCOPY . .\n", output: "FROM a\nRUN b\nCOPY . .\n" },
    { name: "minority upper case", code: "from a\nRUN b\n#^^ Command 'RUN' should match the case of the command majority (lowercase)\ncopy . .\n", output: "from a\nrun b\ncopy . .\n" },
  ],
});
