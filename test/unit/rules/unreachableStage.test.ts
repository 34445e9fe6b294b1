import { unreachableStage } from '../../../server/src/engine/rules/unreachableStage';
import { ruleTests } from '../../support/ruleTester';

ruleTests(unreachableStage, {
  valid: [
    { name: "every stage needed", code: "FROM a AS deps\nFROM b\nCOPY --from=deps /x /x\n" },
  ],
  invalid: [
    { name: "a stage nobody uses", code: "FROM a AS tools\n#         ^^^^^ Stage \"tools\" is not needed by the last stage: `docker build` without `--target` never builds it\nFROM b\n", output: null },
  ],
});
