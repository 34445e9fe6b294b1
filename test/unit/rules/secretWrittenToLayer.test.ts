import { secretWrittenToLayer } from '../../../server/src/engine/rules/secretWrittenToLayer';
import { ruleTests } from '../../support/ruleTester';

ruleTests(secretWrittenToLayer, {
  valid: [
    { name: "read where mounted", code: "FROM a\nRUN --mount=type=secret,id=t cat /run/secrets/t | login\n" },
    { name: "copied and removed in the same RUN", code: "FROM a\nRUN --mount=type=secret,id=npmrc cp /run/secrets/npmrc /root/.npmrc && npm ci && rm /root/.npmrc\n" },
    { name: "written in a builder stage whose output is copied from elsewhere", code: "FROM a AS build\nWORKDIR /app\nRUN --mount=type=secret,id=snk base64 -d /run/secrets/snk > resources/key.snk && make\nFROM b\nCOPY --from=build /app/out /app\n" },
    { name: "written in a builder stage only mounted from", code: "FROM a AS build\nRUN --mount=type=secret,id=t cp /run/secrets/t /etc/t\nFROM b\nRUN --mount=from=build,target=/b ls /b\n" },
  ],
  invalid: [
    { name: "copied and left", code: "FROM a\nRUN --mount=type=secret,id=npmrc cp /run/secrets/npmrc /root/.npmrc && npm ci\n#^^ The secret \"npmrc\" is written into the filesystem by this RUN and not removed before it ends: it is now in the layer. Read it where it is mounted, or delete the copy in the same RUN\n", output: null },
    { name: "written in a builder stage and copied with the folder that holds it", code: "FROM a AS build\nWORKDIR /app\nRUN --mount=type=secret,id=npmrc cp /run/secrets/npmrc .npmrc && npm ci\n#^^ The secret \"npmrc\" is written into the filesystem by this RUN and not removed before it ends: it is now in the layer. Read it where it is mounted, or delete the copy in the same RUN\nFROM b\nCOPY --from=build /app /app\n", output: null },
    { name: "written in a stage the final one is built FROM", code: "FROM a AS base\nRUN --mount=type=secret,id=t cp /run/secrets/t /etc/t\n#^^ The secret \"t\" is written into the filesystem by this RUN and not removed before it ends: it is now in the layer. Read it where it is mounted, or delete the copy in the same RUN\nFROM base\nCMD [\"x\"]\n", output: null },
    { name: "written in a builder stage after a cd, so the path is unknown", code: "FROM a AS build\nRUN --mount=type=secret,id=t cd /src && cp /run/secrets/t key && make\n#^^ The secret \"t\" is written into the filesystem by this RUN and not removed before it ends: it is now in the layer. Read it where it is mounted, or delete the copy in the same RUN\nFROM b\nCOPY --from=build /src/out /out\n", output: null },
    { name: "redirected into a file", code: "FROM a\nRUN --mount=type=secret,id=tok cat /run/secrets/tok > /etc/token\n#^^ The secret \"tok\" is written into the filesystem by this RUN and not removed before it ends: it is now in the layer. Read it where it is mounted, or delete the copy in the same RUN\n", output: null },
  ],
});
