import { redundantTargetPlatform } from '../../../server/src/engine/rules/redundantTargetPlatform';
import { ruleTests } from '../../support/ruleTester';

ruleTests(redundantTargetPlatform, {
  valid: [
    { name: "BUILDPLATFORM", code: "FROM --platform=$BUILDPLATFORM a\n" },
  ],
  invalid: [
    { name: "TARGETPLATFORM", code: "FROM --platform=$TARGETPLATFORM alpine AS base\n#    ^^^^^^^^^^^^^^^^^^^^^^^^^^ Setting platform to predefined $TARGETPLATFORM in FROM is redundant as this is the default behavior\n", output: "FROM alpine AS base\n" },
  ],
});
