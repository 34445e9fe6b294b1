import { redundantTargetPlatform } from '../../../server/src/engine/rules/redundantTargetPlatform';
import type { Rule } from '../../../server/src/engine';
import { ruleTests } from '../../support/ruleTester';

ruleTests(redundantTargetPlatform as unknown as Rule, {
  valid: [
    { name: "BUILDPLATFORM", code: "FROM --platform=$BUILDPLATFORM a\n" },
  ],
  invalid: [
    { name: "TARGETPLATFORM", code: "FROM --platform=$TARGETPLATFORM alpine AS base\n#    ^^^^^^^^^^^^^^^^^^^^^^^^^^ Setting platform to predefined $TARGETPLATFORM in FROM is redundant as this is the default behavior\n", output: "FROM alpine AS base\n" },
  ],
});
