import { reservedStageName } from '../../../server/src/engine/rules/reservedStageName';
import { ruleTests } from '../../support/ruleTester';

ruleTests(reservedStageName, {
  valid: [
    { name: "ordinary name", code: "FROM a AS base\n" },
  ],
  invalid: [
    { name: "context", code: "FROM a AS context\n#         ^^^^^^^ Stage name should not use the same name as reserved stage \"context\"\n", output: null },
  ],
});
