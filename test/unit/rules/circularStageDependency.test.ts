import { circularStageDependency } from '../../../server/src/engine/rules/circularStageDependency';
import { ruleTests } from '../../support/ruleTester';

ruleTests(circularStageDependency, {
  valid: [
    { name: "forward reference without a cycle", code: "FROM a AS one\nCOPY --from=two /x /x\nFROM b AS two\n" },
  ],
  invalid: [
    { name: "a cycle", code: "FROM alpine AS a\nCOPY --from=b /x /x\n#           ^ Circular dependency: stage \"b\" (line 3) depends on the stage that refers to it here\nFROM a AS b\n", output: null },
  ],
});
