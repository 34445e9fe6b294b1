import { remoteAddWithoutChecksum } from '../../../server/src/engine/rules/remoteAddWithoutChecksum';
import { ruleTests } from '../../support/ruleTester';

ruleTests(remoteAddWithoutChecksum, {
  valid: [
    { name: "with a checksum", code: "FROM a\nADD --checksum=sha256:abc https://example.com/x /x\n" },
    { name: "a local file", code: "FROM a\nADD app.tar.gz /opt/\n" },
  ],
  invalid: [
    { name: "an https URL", code: "FROM a\nADD https://example.com/x.tgz /opt/\n#   ^^^^^^^^^^^^^^^^^^^^^^^^^ ADD of https://example.com/x.tgz without --checksum: the download is not verified, and it is fetched on every build to decide whether the step is cached\n", output: null },
  ],
});
