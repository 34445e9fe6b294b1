import { packageIndexUpdateAlone } from '../../../server/src/engine/rules/packageIndexUpdateAlone';
import { dockerfile, ruleTests } from '../../support/ruleTester';

const MESSAGE = (command: string) =>
  `\`${command}\` runs in a step of its own: BuildKit caches its result, so a later change to the install step installs from a stale package index. Run it in the same RUN as the install`;

ruleTests(packageIndexUpdateAlone, {
  valid: [
    {
      name: 'update and install together',
      code: dockerfile`
        FROM debian
        RUN apt-get update && apt-get install -y curl
      `,
    },
    {
      name: 'apk add --no-cache',
      code: dockerfile`
        FROM alpine
        RUN apk add --no-cache curl
      `,
    },
  ],
  invalid: [
    {
      name: 'apt-get update merged into the next RUN',
      code: `FROM debian\nRUN apt-get update -qq\n#^^^^^^^^^^^^^^^^^^^^^ ${MESSAGE('apt-get update -qq')}\nRUN apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n`,
      output: dockerfile`
        FROM debian
        RUN apt-get update -qq && apt-get install -y curl && rm -rf /var/lib/apt/lists/*
      `,
    },
    {
      name: 'a next RUN with || is grouped',
      code: `FROM alpine\nRUN apk update\n#^^^^^^^^^^^^^ ${MESSAGE('apk update')}\nRUN apk add curl || true\n`,
      output: dockerfile`
        FROM alpine
        RUN apk update && { apk add curl || true; }
      `,
    },
    {
      name: 'nothing after it: no fix',
      code: `FROM fedora\nRUN dnf makecache\n#^^^^^^^^^^^^^^^^ ${MESSAGE('dnf makecache')}\n`,
      output: null,
    },
  ],
});
