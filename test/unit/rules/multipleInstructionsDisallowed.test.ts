import { multipleInstructionsDisallowed } from '../../../server/src/engine/rules/multipleInstructionsDisallowed';
import { dockerfile, ruleTests } from '../../support/ruleTester';

ruleTests(multipleInstructionsDisallowed, {
  valid: [
    {
      name: 'one per stage',
      code: dockerfile`
        FROM a AS one
        CMD ["a"]
        FROM one
        CMD ["b"]
      `,
    },
  ],
  invalid: [
    {
      name: 'the replaced CMD is removed',
      code: dockerfile`
        FROM a
        CMD ["one"]
        #^^^^^^^^^^ Multiple CMD instructions should not be used in the same stage because only the last one will be used
        CMD ["two"]
      `,
      output: dockerfile`
        FROM a
        CMD ["two"]
      `,
    },
  ],
});
