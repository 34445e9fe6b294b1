import { secretFileCopied } from '../../../server/src/engine/rules/secretFileCopied';
import type { Rule } from '../../../server/src/engine';
import { ruleTests } from '../../support/ruleTester';

ruleTests(secretFileCopied as unknown as Rule, {
  valid: [
    { name: "ordinary files", code: "FROM a\nCOPY package.json .env.example app.pub.pem ./\n" },
    { name: "public signing keys and certificates", code: "FROM a\nCOPY repo.gpg.key jenkins-pubkey.key ffdhe4096.pem /keys/\nADD https://example.com/release.key /tmp/\n" },
  ],
  invalid: [
    { name: ".npmrc", code: "FROM a\nCOPY .npmrc ./\n#    ^^^^^^ .npmrc holds credentials and is copied into a layer, where it stays even if a later step deletes it: mount it with --mount=type=secret on the RUN that needs it instead\n", output: null },
    { name: "a TLS private key", code: "FROM a\nCOPY certs/server.key /etc/tls/\n#    ^^^^^^^^^^^^^^^^ certs/server.key holds credentials and is copied into a layer, where it stays even if a later step deletes it: mount it with --mount=type=secret on the RUN that needs it instead\n", output: null },
  ],
});
