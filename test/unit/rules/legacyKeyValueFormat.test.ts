import { legacyKeyValueFormat } from '../../../server/src/engine/rules/legacyKeyValueFormat';
import { dockerfile, ruleTests } from '../../support/ruleTester';

ruleTests(legacyKeyValueFormat, {
  valid: [
    {
      name: 'key=value',
      code: dockerfile`
        FROM a
        ENV A=1 B="two words"
        LABEL x=y
        ARG V
      `,
    },
    {
      name: 'ARG with several names is not legacy',
      code: dockerfile`
        FROM a
        ARG TARGETOS TARGETARCH
      `,
    },
  ],
  invalid: [
    {
      name: 'ENV with spaces in the value',
      code: dockerfile`
        FROM a
        ENV GREETING hello world
        #^^^^^^^^^^^^^^^^^^^^^^^ "ENV key=value" should be used instead of legacy "ENV key value" format
      `,
      output: dockerfile`
        FROM a
        ENV GREETING="hello world"
      `,
    },
  ],
});
