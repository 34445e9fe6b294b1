import { remoteAddWithoutChecksum } from '../../../server/src/engine/rules/remoteAddWithoutChecksum';
import { dockerfile, ruleTests } from '../../support/ruleTester';

ruleTests(remoteAddWithoutChecksum, {
  valid: [
    {
      name: 'with a checksum',
      code: dockerfile`
        FROM a
        ADD --checksum=sha256:abc https://example.com/x /x
      `,
    },
    {
      name: 'a local file',
      code: dockerfile`
        FROM a
        ADD app.tar.gz /opt/
      `,
    },
  ],
  invalid: [
    {
      name: 'an https URL',
      code: dockerfile`
        FROM a
        ADD https://example.com/x.tgz /opt/
        #   ^^^^^^^^^^^^^^^^^^^^^^^^^ ADD of https://example.com/x.tgz without --checksum: the download is not verified, and it is fetched on every build to decide whether the step is cached
      `,
      output: null,
    },
  ],
});
