import { secretWrittenToLayer } from '../../../server/src/engine/rules/secretWrittenToLayer';
import type { Rule } from '../../../server/src/engine';
import { ruleTests } from '../../support/ruleTester';

ruleTests(secretWrittenToLayer as unknown as Rule, {
  valid: [
    { name: "read where mounted", code: "FROM a\nRUN --mount=type=secret,id=t cat /run/secrets/t | login\n" },
    { name: "copied and removed in the same RUN", code: "FROM a\nRUN --mount=type=secret,id=npmrc cp /run/secrets/npmrc /root/.npmrc && npm ci && rm /root/.npmrc\n" },
  ],
  invalid: [
    { name: "copied and left", code: "FROM a\nRUN --mount=type=secret,id=npmrc cp /run/secrets/npmrc /root/.npmrc && npm ci\n#^^ The secret \"npmrc\" is written into the filesystem by this RUN and not removed before it ends: it is now in the layer. Read it where it is mounted, or delete the copy in the same RUN\n", output: null },
    { name: "redirected into a file", code: "FROM a\nRUN --mount=type=secret,id=tok cat /run/secrets/tok > /etc/token\n#^^ The secret \"tok\" is written into the filesystem by this RUN and not removed before it ends: it is now in the layer. Read it where it is mounted, or delete the copy in the same RUN\n", output: null },
  ],
});
