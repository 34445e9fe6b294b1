import { exposeProtoCasing } from '../../../server/src/engine/rules/exposeProtoCasing';
import { dockerfile, ruleTests } from '../../support/ruleTester';

ruleTests(exposeProtoCasing, {
  valid: [
    {
      name: 'lower case',
      code: dockerfile`
        FROM a
        EXPOSE 80/tcp 53/udp 8080
      `,
    },
  ],
  invalid: [
    {
      name: 'upper case',
      code: dockerfile`
        FROM a
        EXPOSE 80/TCP
        #      ^^^^^^ Defined protocol '80/TCP' in EXPOSE instruction should be lowercase
      `,
      output: dockerfile`
        FROM a
        EXPOSE 80/tcp
      `,
    },
  ],
});
