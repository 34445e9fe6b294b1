import { duplicateStageName } from '../../../server/src/engine/rules/duplicateStageName';
import { dockerfile, ruleTests } from '../../support/ruleTester';

ruleTests(duplicateStageName, {
  valid: [
    {
      name: 'distinct names',
      code: dockerfile`
        FROM a AS one
        FROM a AS two
      `,
    },
  ],
  invalid: [
    {
      name: 'same name in another case',
      code: dockerfile`
        FROM a AS base
        FROM a AS Base
        #         ^^^^ Duplicate stage name "base", stage names should be unique
      `,
      output: null,
    },
  ],
});
