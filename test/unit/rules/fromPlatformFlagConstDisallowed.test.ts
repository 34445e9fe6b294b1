import { fromPlatformFlagConstDisallowed } from '../../../server/src/engine/rules/fromPlatformFlagConstDisallowed';
import type { Rule } from '../../../server/src/engine';
import { ruleTests } from '../../support/ruleTester';

ruleTests(fromPlatformFlagConstDisallowed as unknown as Rule, {
  valid: [
    { name: "a variable", code: "FROM --platform=$BUILDPLATFORM a\n" },
    { name: "a stage named after its architecture", code: "FROM --platform=linux/arm64 a AS build-arm64\n" },
  ],
  invalid: [
    { name: "a constant", code: "FROM --platform=linux/amd64 golang\n#    ^^^^^^^^^^^^^^^^^^^^^^ FROM --platform flag should not use constant value \"linux/amd64\"\n", output: null },
  ],
});
