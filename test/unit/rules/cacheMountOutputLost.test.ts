import { cacheMountOutputLost } from '../../../server/src/engine/rules/cacheMountOutputLost';
import type { Rule } from '../../../server/src/engine';
import { ruleTests } from '../../support/ruleTester';

ruleTests(cacheMountOutputLost as unknown as Rule, {
  valid: [
    { name: "a real cache", code: "FROM node AS build\nRUN --mount=type=cache,target=/root/.npm npm ci\nFROM nginx\nCOPY --from=build /app/dist /html\n" },
    { name: "the same mount again", code: "FROM golang\nRUN --mount=type=cache,target=/cache go build -o /cache/app\nRUN --mount=type=cache,target=/cache cp /cache/app /usr/local/bin/app\n" },
  ],
  invalid: [
    { name: "COPY --from reads under the mount", code: "FROM node AS build\nRUN --mount=type=cache,target=/app/dist npm run build\n#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Files under the cache mount /app/dist exist only while this RUN runs, but the COPY --from at line 4 reads /app/dist: it will not be in the layer. Build into another folder, or copy the output out of /app/dist before the RUN ends\nFROM nginx\nCOPY --from=build /app/dist /usr/share/nginx/html\n", output: null },
    { name: "CMD runs a file from the mount", code: "FROM golang\nRUN --mount=type=cache,target=/out go build -o /out/app .\n#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Files under the cache mount /out exist only while this RUN runs, but the CMD at line 3 reads /out/app: it will not be in the layer. Build into another folder, or copy the output out of /out before the RUN ends\nCMD [\"/out/app\"]\n", output: null },
  ],
});
