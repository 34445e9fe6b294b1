import { consistentInstructionCasing } from '../../../server/src/engine/rules/consistentInstructionCasing';
import { dockerfile, ruleTests } from '../../support/ruleTester';

ruleTests(consistentInstructionCasing, {
  valid: [
    {
      name: 'all upper',
      code: dockerfile`
        FROM a
        RUN b
      `,
    },
    {
      name: 'all lower',
      code: dockerfile`
        from a
        run b
      `,
    },
  ],
  invalid: [
    {
      name: 'minority lower case',
      code: dockerfile`
        FROM a
        run b
        #^^ Command 'run' should match the case of the command majority (uppercase)
        COPY . .
      `,
      output: dockerfile`
        FROM a
        RUN b
        COPY . .
      `,
    },
    {
      name: 'minority upper case',
      code: dockerfile`
        from a
        RUN b
        #^^ Command 'RUN' should match the case of the command majority (lowercase)
        copy . .
      `,
      output: dockerfile`
        from a
        run b
        copy . .
      `,
    },
  ],
});
