import { maintainerDeprecated } from '../../../server/src/engine/rules/maintainerDeprecated';
import { dockerfile, ruleTests } from '../../support/ruleTester';

ruleTests(maintainerDeprecated, {
  valid: [
    {
      name: 'LABEL instead',
      code: dockerfile`
        FROM a
        LABEL org.opencontainers.image.authors="me"
      `,
    },
  ],
  invalid: [
    {
      name: 'becomes the OCI authors label',
      code: dockerfile`
        FROM a
        MAINTAINER Jane Doe <jane@example.com>
        #^^^^^^^^^ Maintainer instruction is deprecated in favor of using label
      `,
      output: dockerfile`
        FROM a
        LABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"
      `,
    },
    {
      name: 'quotes: no fix',
      code: dockerfile`
        FROM a
        MAINTAINER "Jane"
        #^^^^^^^^^ Maintainer instruction is deprecated in favor of using label
      `,
      output: null,
    },
  ],
});
