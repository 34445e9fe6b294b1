import { circularStageDependency } from '../../../server/src/engine/rules/circularStageDependency';
import { dockerfile, ruleTests } from '../../support/ruleTester';

ruleTests(circularStageDependency, {
  valid: [
    {
      name: 'forward reference without a cycle',
      code: dockerfile`
        FROM a AS one
        COPY --from=two /x /x
        FROM b AS two
      `,
    },
  ],
  invalid: [
    {
      name: 'a cycle',
      code: dockerfile`
        FROM alpine AS a
        COPY --from=b /x /x
        #           ^ Circular dependency: stage "b" (line 3) depends on the stage that refers to it here
        FROM a AS b
      `,
      output: null,
    },
  ],
});
