import { undefinedArgInFrom } from '../../../server/src/engine/rules/undefinedArgInFrom';
import { dockerfile, ruleTests } from '../../support/ruleTester';

ruleTests(undefinedArgInFrom, {
  valid: [
    {
      name: 'declared',
      code: dockerfile`
        ARG TAG=1
        FROM a:$TAG
      `,
    },
    {
      name: 'automatic platform args',
      code: dockerfile`
        FROM --platform=$BUILDPLATFORM a:\${TARGETARCH}
      `,
    },
  ],
  invalid: [
    {
      name: 'a typo, with a suggestion',
      code: dockerfile`
        ARG NODE_VERSION=22
        FROM node:\${NODE_VERSON}
        #    ^^^^^^^^^^^^^^^^^^^ FROM argument 'NODE_VERSON' is not declared (did you mean NODE_VERSION?)
      `,
      output: null,
    },
    {
      name: 'declared only inside a stage',
      code: dockerfile`
        FROM a
        ARG V=1
        FROM b:$V
        #    ^^^^ FROM argument 'V' is not declared
      `,
      output: null,
    },
  ],
});
