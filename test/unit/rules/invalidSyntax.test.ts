import { invalidSyntax } from '../../../server/src/engine/rules/invalidSyntax';
import type { Rule } from '../../../server/src/engine';
import { ruleTests } from '../../support/ruleTester';

ruleTests(invalidSyntax as unknown as Rule, {
  valid: [
    { name: "a correct file", code: "FROM alpine\nRUN apk add --no-cache curl\nHEALTHCHECK --interval=30s CMD wget -q localhost\n" },
    { name: "casing is ConsistentInstructionCasing's", code: "FROM alpine\nrun echo hi\n" },
    { name: "single quotes inside a double-quoted value (dockerfile-utils 0.16 reports a missing quote; BuildKit builds it)", code: "FROM alpine\nLABEL authors=\"'me' <me@example.com>\"\nENV A=\"'a' b\"\n" },
    { name: "double quotes inside a single-quoted value", code: "FROM alpine\nARG B='\"b\" c'\n" },
  ],
  invalid: [
    { name: "an unknown instruction", code: "FROM alpine\nRUNN echo hi\n#^^^ Unknown instruction: RUNN\n", output: null },
    { name: "a single quote left open", code: "FROM alpine\nENV A='a b\n#     ^^^^ failed to process \"'a b\": unexpected end of statement while looking for matching single-quote\n", output: null },
    { name: "a double quote left open", code: "FROM alpine\nENV A=\"'a' b\n#     ^^^^^^ failed to process \"\"'a' b\": unexpected end of statement while looking for matching double-quote\n", output: null },
    { name: "an unknown flag", code: "FROM alpine\nCOPY --user=1 a /a\n#    ^^^^^^ Unknown flag: user\n", output: null },
  ],
});
