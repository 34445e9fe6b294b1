import { exposeInvalidFormat } from '../../../server/src/engine/rules/exposeInvalidFormat';
import { dockerfile, ruleTests } from '../../support/ruleTester';

ruleTests(exposeInvalidFormat, {
  valid: [
    {
      name: 'container ports',
      code: dockerfile`
        FROM a
        EXPOSE 80 443/tcp
      `,
    },
    {
      name: "a default value's colon is not a mapping",
      code: dockerfile`
        FROM a
        ARG PORT
        EXPOSE \${PORT:-3333} \${ADMIN:-9000}/tcp
      `,
    },
  ],
  invalid: [
    {
      name: 'host mapping',
      code: dockerfile`
        FROM a
        EXPOSE 127.0.0.1:8080:80/tcp
        #      ^^^^^^^^^^^^^^^^^^^^^ EXPOSE instruction should not define an IP address or host-port mapping, found '127.0.0.1:8080:80/tcp'
      `,
      output: dockerfile`
        FROM a
        EXPOSE 80/tcp
      `,
    },
  ],
});
