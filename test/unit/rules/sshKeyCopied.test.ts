import { sshKeyCopied } from '../../../server/src/engine/rules/sshKeyCopied';
import { ruleTests } from '../../support/ruleTester';

ruleTests(sshKeyCopied, {
  valid: [
    { name: "a public key", code: "FROM a\nCOPY id_rsa.pub /root/.ssh/authorized_keys\n" },
  ],
  invalid: [
    { name: "a private key", code: "FROM a\nCOPY ./id_ed25519 /root/.ssh/\n#    ^^^^^^^^^^^^ id_ed25519 is an SSH private key copied into a layer, where anyone with the image can read it: use RUN --mount=type=ssh and build with --ssh default\n", output: null },
  ],
});
