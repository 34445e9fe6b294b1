import { secretWrittenToLayer } from '../../../server/src/engine/rules/secretWrittenToLayer';
import { dockerfile, ruleTests } from '../../support/ruleTester';

ruleTests(secretWrittenToLayer, {
  valid: [
    {
      name: 'read where mounted',
      code: dockerfile`
        FROM a
        RUN --mount=type=secret,id=t cat /run/secrets/t | login
      `,
    },
    {
      name: 'copied and removed in the same RUN',
      code: dockerfile`
        FROM a
        RUN --mount=type=secret,id=npmrc cp /run/secrets/npmrc /root/.npmrc && npm ci && rm /root/.npmrc
      `,
    },
    {
      name: 'written in a builder stage whose output is copied from elsewhere',
      code: dockerfile`
        FROM a AS build
        WORKDIR /app
        RUN --mount=type=secret,id=snk base64 -d /run/secrets/snk > resources/key.snk && make
        FROM b
        COPY --from=build /app/out /app
      `,
    },
    {
      name: 'written in a builder stage only mounted from',
      code: dockerfile`
        FROM a AS build
        RUN --mount=type=secret,id=t cp /run/secrets/t /etc/t
        FROM b
        RUN --mount=from=build,target=/b ls /b
      `,
    },
  ],
  invalid: [
    {
      name: 'copied and left',
      code: dockerfile`
        FROM a
        RUN --mount=type=secret,id=npmrc cp /run/secrets/npmrc /root/.npmrc && npm ci
        #^^ The secret "npmrc" is written into the filesystem by this RUN and not removed before it ends: it is now in the layer. Read it where it is mounted, or delete the copy in the same RUN
      `,
      output: null,
    },
    {
      name: 'written in a builder stage and copied with the folder that holds it',
      code: dockerfile`
        FROM a AS build
        WORKDIR /app
        RUN --mount=type=secret,id=npmrc cp /run/secrets/npmrc .npmrc && npm ci
        #^^ The secret "npmrc" is written into the filesystem by this RUN and not removed before it ends: it is now in the layer. Read it where it is mounted, or delete the copy in the same RUN
        FROM b
        COPY --from=build /app /app
      `,
      output: null,
    },
    {
      name: 'written in a stage the final one is built FROM',
      code: dockerfile`
        FROM a AS base
        RUN --mount=type=secret,id=t cp /run/secrets/t /etc/t
        #^^ The secret "t" is written into the filesystem by this RUN and not removed before it ends: it is now in the layer. Read it where it is mounted, or delete the copy in the same RUN
        FROM base
        CMD ["x"]
      `,
      output: null,
    },
    {
      name: 'written in a builder stage after a cd, so the path is unknown',
      code: dockerfile`
        FROM a AS build
        RUN --mount=type=secret,id=t cd /src && cp /run/secrets/t key && make
        #^^ The secret "t" is written into the filesystem by this RUN and not removed before it ends: it is now in the layer. Read it where it is mounted, or delete the copy in the same RUN
        FROM b
        COPY --from=build /src/out /out
      `,
      output: null,
    },
    {
      name: 'redirected into a file',
      code: dockerfile`
        FROM a
        RUN --mount=type=secret,id=tok cat /run/secrets/tok > /etc/token
        #^^ The secret "tok" is written into the filesystem by this RUN and not removed before it ends: it is now in the layer. Read it where it is mounted, or delete the copy in the same RUN
      `,
      output: null,
    },
  ],
});
