import { cacheMountOutputLost } from '../../../server/src/engine/rules/cacheMountOutputLost';
import { ruleTests } from '../../support/ruleTester';

ruleTests(cacheMountOutputLost, {
  valid: [
    { name: "a real cache", code: "FROM node AS build\nRUN --mount=type=cache,target=/root/.npm npm ci\nFROM nginx\nCOPY --from=build /app/dist /html\n" },
    { name: "the same mount again", code: "FROM golang\nRUN --mount=type=cache,target=/cache go build -o /cache/app\nRUN --mount=type=cache,target=/cache cp /cache/app /usr/local/bin/app\n" },
    { name: "a later RUN only deletes the cache folder", code: "FROM python\nRUN --mount=type=cache,target=/root/.cache/uv uv pip install -r requirements.txt\nRUN uv cache clean && rm -rf /tmp/* /root/.cache/uv/*\n" },
    { name: "the cache copied out in the mounting RUN, then moved back over its folder (mapfish-print)", code: "FROM gradle\nRUN --mount=type=cache,target=/home/gradle/.gradle gradle build\nRUN --mount=type=cache,target=/home/gradle/.gradle cp -r /home/gradle/.gradle /home/gradle/.gradle-backup\nRUN mv /home/gradle/.gradle-backup /home/gradle/.gradle\n" },
    { name: "a later RUN deletes it and reads another folder", code: "FROM node\nRUN --mount=type=cache,target=/root/.npm npm install -g pnpm\nRUN rm -rf /root/.npm && ls /usr/local/lib\n" },
  ],
  invalid: [
    { name: "COPY --from reads under the mount", code: "FROM node AS build\nRUN --mount=type=cache,target=/app/dist npm run build\n#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Files under the cache mount /app/dist exist only while this RUN runs, but the COPY --from at line 4 reads /app/dist: it will not be in the layer. Build into another folder, or copy the output out of /app/dist before the RUN ends\nFROM nginx\nCOPY --from=build /app/dist /usr/share/nginx/html\n", output: null },
    { name: "CMD runs a file from the mount", code: "FROM golang\nRUN --mount=type=cache,target=/out go build -o /out/app .\n#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Files under the cache mount /out exist only while this RUN runs, but the CMD at line 3 reads /out/app: it will not be in the layer. Build into another folder, or copy the output out of /out before the RUN ends\nCMD [\"/out/app\"]\n", output: null },
  ],
});
