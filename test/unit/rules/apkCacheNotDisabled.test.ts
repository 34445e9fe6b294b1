import { apkCacheNotDisabled } from '../../../server/src/engine/rules/apkCacheNotDisabled';
import { dockerfile, ruleTests } from '../../support/ruleTester';

ruleTests(apkCacheNotDisabled, {
  valid: [
    {
      name: 'a build stage',
      code: dockerfile`
        FROM alpine AS build
        RUN apk add build-base
        FROM alpine
        COPY --from=build /out /out
      `,
    },
    {
      name: '--no-cache',
      code: dockerfile`
        FROM alpine
        RUN apk add --no-cache curl
      `,
    },
    {
      name: 'the index removed in the same RUN',
      code: dockerfile`
        FROM alpine
        RUN apk update && apk add curl && rm -rf /var/cache/apk/*
      `,
    },
    {
      name: 'a cache mount',
      code: dockerfile`
        FROM alpine
        RUN --mount=type=cache,target=/var/cache/apk apk add curl
      `,
    },
  ],
  invalid: [
    {
      name: 'flag inserted after add',
      code: dockerfile`
        FROM alpine
        RUN apk add curl git
        #^^ \`apk add\` keeps its package index in the image: add \`--no-cache\`, or mount a cache on /var/cache/apk
      `,
      output: dockerfile`
        FROM alpine
        RUN apk add --no-cache curl git
      `,
    },
    {
      name: 'only the command without the flag gets it, so that a second fix changes nothing',
      code: dockerfile`
        FROM alpine
        RUN apk add --no-cache curl && apk add git
        #^^ \`apk add\` keeps its package index in the image: add \`--no-cache\`, or mount a cache on /var/cache/apk
      `,
      output: dockerfile`
        FROM alpine
        RUN apk add --no-cache curl && apk add --no-cache git
      `,
    },
    {
      name: 'apk update before apk add --no-cache is dropped',
      code: dockerfile`
        FROM alpine
        RUN apk update && apk add --no-cache curl
        #^^ \`apk update\` keeps its package index in the image: \`apk add --no-cache\` reads a fresh index without keeping it
      `,
      output: dockerfile`
        FROM alpine
        RUN apk add --no-cache curl
      `,
    },
    {
      name: 'both at once, across a line continuation',
      code: dockerfile`
        FROM alpine
        RUN apk update \\
        #^^ \`apk add\` keeps its package index in the image: add \`--no-cache\`, or mount a cache on /var/cache/apk
            && apk add curl
      `,
      output: dockerfile`
        FROM alpine
        RUN apk add --no-cache curl
      `,
    },
    {
      name: 'an update another command needs stays, without a fix',
      code: dockerfile`
        FROM alpine
        RUN apk update && apk upgrade
        #^^ \`apk update\` keeps its package index in the image: \`apk add --no-cache\` reads a fresh index without keeping it
      `,
      output: null,
    },
    {
      name: 'a removal in a later RUN is named: it cannot shrink this layer',
      code: dockerfile`
        FROM alpine
        RUN apk add curl
        #^^ \`apk add\` keeps its package index in the image: add \`--no-cache\`, or mount a cache on /var/cache/apk (the \`rm\` on line 3 runs in a later layer, which cannot take anything out of this one)
        RUN rm -rf /var/cache/apk/*
      `,
      output: dockerfile`
        FROM alpine
        RUN apk add --no-cache curl
        RUN rm -rf /var/cache/apk/*
      `,
    },
  ],
});
