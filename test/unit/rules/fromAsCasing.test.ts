import { fromAsCasing } from '../../../server/src/engine/rules/fromAsCasing';
import { dockerfile, ruleTests } from '../../support/ruleTester';

ruleTests(fromAsCasing, {
  valid: [
    {
      name: 'matching case',
      code: dockerfile`
        FROM a AS b
        from c as d
      `,
    },
    {
      name: 'mixed-case FROM is not judged',
      code: dockerfile`
        From a as b
      `,
    },
    {
      name: 'the frozen experimental frontend has no build checks',
      code: dockerfile`
        # syntax=docker/dockerfile:experimental
        FROM a as b
      `,
    },
    {
      name: 'nor has 1-experimental',
      code: dockerfile`
        # syntax=docker/dockerfile:1-experimental
        FROM a as b
      `,
    },
  ],
  invalid: [
    {
      name: 'upper FROM, lower as',
      code: dockerfile`
        FROM a as b
        #      ^^ 'as' and 'FROM' keywords' casing do not match
      `,
      output: dockerfile`
        FROM a AS b
      `,
    },
    {
      name: 'lower from, upper AS',
      code: dockerfile`
        from a AS b
        #      ^^ 'AS' and 'from' keywords' casing do not match
      `,
      output: dockerfile`
        from a as b
      `,
    },
  ],
});
