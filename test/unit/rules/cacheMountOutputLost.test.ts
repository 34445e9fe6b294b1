import { cacheMountOutputLost } from '../../../server/src/engine/rules/cacheMountOutputLost';
import { dockerfile, ruleTests } from '../../support/ruleTester';

ruleTests(cacheMountOutputLost, {
  valid: [
    {
      name: 'a real cache',
      code: dockerfile`
        FROM node AS build
        RUN --mount=type=cache,target=/root/.npm npm ci
        FROM nginx
        COPY --from=build /app/dist /html
      `,
    },
    {
      name: 'the same mount again',
      code: dockerfile`
        FROM golang
        RUN --mount=type=cache,target=/cache go build -o /cache/app
        RUN --mount=type=cache,target=/cache cp /cache/app /usr/local/bin/app
      `,
    },
    {
      name: 'a later RUN only deletes the cache folder',
      code: dockerfile`
        FROM python
        RUN --mount=type=cache,target=/root/.cache/uv uv pip install -r requirements.txt
        RUN uv cache clean && rm -rf /tmp/* /root/.cache/uv/*
      `,
    },
    {
      name: 'the cache copied out in the mounting RUN, then moved back over its folder (mapfish-print)',
      code: dockerfile`
        FROM gradle
        RUN --mount=type=cache,target=/home/gradle/.gradle gradle build
        RUN --mount=type=cache,target=/home/gradle/.gradle cp -r /home/gradle/.gradle /home/gradle/.gradle-backup
        RUN mv /home/gradle/.gradle-backup /home/gradle/.gradle
      `,
    },
    {
      name: 'a later RUN deletes it and reads another folder',
      code: dockerfile`
        FROM node
        RUN --mount=type=cache,target=/root/.npm npm install -g pnpm
        RUN rm -rf /root/.npm && ls /usr/local/lib
      `,
    },
  ],
  invalid: [
    {
      name: 'COPY --from reads under the mount',
      code: dockerfile`
        FROM node AS build
        RUN --mount=type=cache,target=/app/dist npm run build
        #   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Files under the cache mount /app/dist exist only while this RUN runs, but the COPY --from at line 4 reads /app/dist: it will not be in the layer. Build into another folder, or copy the output out of /app/dist before the RUN ends
        FROM nginx
        COPY --from=build /app/dist /usr/share/nginx/html
      `,
      output: null,
    },
    {
      name: 'CMD runs a file from the mount',
      code: dockerfile`
        FROM golang
        RUN --mount=type=cache,target=/out go build -o /out/app .
        #   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Files under the cache mount /out exist only while this RUN runs, but the CMD at line 3 reads /out/app: it will not be in the layer. Build into another folder, or copy the output out of /out before the RUN ends
        CMD ["/out/app"]
      `,
      output: null,
    },
  ],
});
