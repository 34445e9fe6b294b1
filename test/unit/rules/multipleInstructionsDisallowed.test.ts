import { multipleInstructionsDisallowed } from '../../../server/src/engine/rules/multipleInstructionsDisallowed';
import { ruleTests } from '../../support/ruleTester';

ruleTests(multipleInstructionsDisallowed, {
  valid: [
    { name: "one per stage", code: "FROM a AS one\nCMD [\"a\"]\nFROM one\nCMD [\"b\"]\n" },
  ],
  invalid: [
    { name: "the replaced CMD is removed", code: "FROM a\nCMD [\"one\"]\n#^^^^^^^^^^ Multiple CMD instructions should not be used in the same stage because only the last one will be used\nCMD [\"two\"]\n", output: "FROM a\nCMD [\"two\"]\n" },
  ],
});
