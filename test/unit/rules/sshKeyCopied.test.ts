import { sshKeyCopied } from '../../../server/src/engine/rules/sshKeyCopied';
import { dockerfile, ruleTests } from '../../support/ruleTester';

ruleTests(sshKeyCopied, {
  valid: [
    {
      name: 'a public key',
      code: dockerfile`
        FROM a
        COPY id_rsa.pub /root/.ssh/authorized_keys
      `,
    },
  ],
  invalid: [
    {
      name: 'a private key',
      code: dockerfile`
        FROM a
        COPY ./id_ed25519 /root/.ssh/
        #    ^^^^^^^^^^^^ id_ed25519 is an SSH private key copied into a layer, where anyone with the image can read it: use RUN --mount=type=ssh and build with --ssh default
      `,
      output: null,
    },
  ],
});
