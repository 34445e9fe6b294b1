import { reservedStageName } from '../../../server/src/engine/rules/reservedStageName';
import { dockerfile, ruleTests } from '../../support/ruleTester';

ruleTests(reservedStageName, {
  valid: [
    {
      name: 'ordinary name',
      code: dockerfile`
        FROM a AS base
      `,
    },
  ],
  invalid: [
    {
      name: 'context',
      code: dockerfile`
        FROM a AS context
        #         ^^^^^^^ Stage name should not use the same name as reserved stage "context"
      `,
      output: null,
    },
  ],
});
