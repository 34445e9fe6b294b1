import { aptListsNotCleaned } from '../../../server/src/engine/rules/aptListsNotCleaned';
import { dockerfile, ruleTests } from '../../support/ruleTester';

ruleTests(aptListsNotCleaned, {
  valid: [
    {
      name: 'apt-get dist-clean',
      code: dockerfile`
        FROM debian
        RUN set -eux; apt-get update; apt-get install -y x; apt-get dist-clean
      `,
    },
    {
      name: 'a brace expansion',
      code: dockerfile`
        FROM debian
        RUN apt update && apt install -y x && rm -rf /var/lib/{apt,dpkg,cache,log}/
      `,
    },
    {
      name: 'cleaned',
      code: dockerfile`
        FROM debian
        RUN apt-get update && apt-get install -y x && rm -rf /var/lib/apt/lists/*
      `,
    },
    {
      name: 'cache mounts',
      code: dockerfile`
        FROM debian
        RUN --mount=type=cache,target=/var/lib/apt --mount=type=cache,target=/var/cache/apt apt-get update && apt-get install -y x
      `,
    },
    {
      name: 'a build stage that does not ship',
      code: dockerfile`
        FROM debian AS build
        RUN apt-get update && apt-get install -y gcc
        FROM scratch
      `,
    },
  ],
  invalid: [
    {
      name: 'appended to an && chain',
      code: dockerfile`
        FROM debian
        RUN apt-get update && apt-get install -y curl
        #^^ The package lists from \`apt-get update\` stay in the image: end this RUN with \`&& rm -rf /var/lib/apt/lists/*\`, or give it cache mounts on /var/lib/apt and /var/cache/apt
      `,
      output: dockerfile`
        FROM debian
        RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*
      `,
    },
    {
      name: 'no fix where a later RUN installs with these lists',
      code: dockerfile`
        FROM debian
        RUN apt-get update && apt-get install -y curl
        #^^ The package lists from \`apt-get update\` stay in the image: end this RUN with \`&& rm -rf /var/lib/apt/lists/*\`, or give it cache mounts on /var/lib/apt and /var/cache/apt
        RUN apt-get install -y git
      `,
      output: null,
    },
    {
      name: 'a removal in a later RUN is named: it cannot shrink this layer',
      code: dockerfile`
        FROM debian
        RUN apt-get update && apt-get install -y curl
        #^^ The package lists from \`apt-get update\` stay in the image: end this RUN with \`&& rm -rf /var/lib/apt/lists/*\`, or give it cache mounts on /var/lib/apt and /var/cache/apt (the \`rm\` on line 3 runs in a later layer, which cannot take anything out of this one)
        RUN rm -rf /var/lib/apt/lists/*
      `,
      output: dockerfile`
        FROM debian
        RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*
        RUN rm -rf /var/lib/apt/lists/*
      `,
    },
  ],
});
