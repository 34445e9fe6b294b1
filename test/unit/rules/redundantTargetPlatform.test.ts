import { redundantTargetPlatform } from '../../../server/src/engine/rules/redundantTargetPlatform';
import { dockerfile, ruleTests } from '../../support/ruleTester';

ruleTests(redundantTargetPlatform, {
  valid: [
    {
      name: 'BUILDPLATFORM',
      code: dockerfile`
        FROM --platform=$BUILDPLATFORM a
      `,
    },
  ],
  invalid: [
    {
      name: 'TARGETPLATFORM',
      code: dockerfile`
        FROM --platform=$TARGETPLATFORM alpine AS base
        #    ^^^^^^^^^^^^^^^^^^^^^^^^^^ Setting platform to predefined $TARGETPLATFORM in FROM is redundant as this is the default behavior
      `,
      output: dockerfile`
        FROM alpine AS base
      `,
    },
  ],
});
