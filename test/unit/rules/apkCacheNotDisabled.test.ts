import { apkCacheNotDisabled } from '../../../server/src/engine/rules/apkCacheNotDisabled';
import { ruleTests } from '../../support/ruleTester';

ruleTests(apkCacheNotDisabled, {
  valid: [
    { name: 'a build stage', code: 'FROM alpine AS build\nRUN apk add build-base\nFROM alpine\nCOPY --from=build /out /out\n' },
    { name: "--no-cache", code: "FROM alpine\nRUN apk add --no-cache curl\n" },
    { name: "the index removed in the same RUN", code: "FROM alpine\nRUN apk update && apk add curl && rm -rf /var/cache/apk/*\n" },
    { name: "a cache mount", code: "FROM alpine\nRUN --mount=type=cache,target=/var/cache/apk apk add curl\n" },
  ],
  invalid: [
    { name: "flag inserted after add", code: "FROM alpine\nRUN apk add curl git\n#^^ `apk add` keeps its package index in the image: add `--no-cache`, or mount a cache on /var/cache/apk\n", output: "FROM alpine\nRUN apk add --no-cache curl git\n" },
    { name: "only the command without the flag gets it, so that a second fix changes nothing", code: "FROM alpine\nRUN apk add --no-cache curl && apk add git\n#^^ `apk add` keeps its package index in the image: add `--no-cache`, or mount a cache on /var/cache/apk\n", output: "FROM alpine\nRUN apk add --no-cache curl && apk add --no-cache git\n" },
    { name: "apk update before apk add --no-cache is dropped", code: "FROM alpine\nRUN apk update && apk add --no-cache curl\n#^^ `apk update` keeps its package index in the image: `apk add --no-cache` reads a fresh index without keeping it\n", output: "FROM alpine\nRUN apk add --no-cache curl\n" },
    { name: "both at once, across a line continuation", code: "FROM alpine\nRUN apk update \\\n#^^ `apk add` keeps its package index in the image: add `--no-cache`, or mount a cache on /var/cache/apk\n    && apk add curl\n", output: "FROM alpine\nRUN apk add --no-cache curl\n" },
    { name: "an update another command needs stays, without a fix", code: "FROM alpine\nRUN apk update && apk upgrade\n#^^ `apk update` keeps its package index in the image: `apk add --no-cache` reads a fresh index without keeping it\n", output: null },
    { name: "a removal in a later RUN is named: it cannot shrink this layer", code: "FROM alpine\nRUN apk add curl\n#^^ `apk add` keeps its package index in the image: add `--no-cache`, or mount a cache on /var/cache/apk (the `rm` on line 3 runs in a later layer, which cannot take anything out of this one)\nRUN rm -rf /var/cache/apk/*\n", output: "FROM alpine\nRUN apk add --no-cache curl\nRUN rm -rf /var/cache/apk/*\n" },
  ],
});
