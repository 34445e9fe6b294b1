import { invalidSyntax } from '../../../server/src/engine/rules/invalidSyntax';
import type { Rule } from '../../../server/src/engine';
import { ruleTests } from '../../support/ruleTester';

ruleTests(invalidSyntax as unknown as Rule, {
  valid: [
    { name: "a correct file", code: "FROM alpine\nRUN apk add --no-cache curl\nHEALTHCHECK --interval=30s CMD wget -q localhost\n" },
    { name: "casing is ConsistentInstructionCasing's", code: "FROM alpine\nrun echo hi\n" },
  ],
  invalid: [
    { name: "an unknown instruction", code: "FROM alpine\nRUNN echo hi\n#^^^ Unknown instruction: RUNN\n", output: null },
    { name: "an unknown flag", code: "FROM alpine\nCOPY --user=1 a /a\n#    ^^^^^^ Unknown flag: user\n", output: null },
  ],
});
