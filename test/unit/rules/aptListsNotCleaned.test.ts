import { aptListsNotCleaned } from '../../../server/src/engine/rules/aptListsNotCleaned';
import { ruleTests } from '../../support/ruleTester';

ruleTests(aptListsNotCleaned, {
  valid: [
    { name: "apt-get dist-clean", code: "FROM debian\nRUN set -eux; apt-get update; apt-get install -y x; apt-get dist-clean\n" },
    { name: "a brace expansion", code: "FROM debian\nRUN apt update && apt install -y x && rm -rf /var/lib/{apt,dpkg,cache,log}/\n" },
    { name: "cleaned", code: "FROM debian\nRUN apt-get update && apt-get install -y x && rm -rf /var/lib/apt/lists/*\n" },
    { name: "cache mounts", code: "FROM debian\nRUN --mount=type=cache,target=/var/lib/apt --mount=type=cache,target=/var/cache/apt apt-get update && apt-get install -y x\n" },
    { name: "a build stage that does not ship", code: "FROM debian AS build\nRUN apt-get update && apt-get install -y gcc\nFROM scratch\n" },
  ],
  invalid: [
    { name: "appended to an && chain", code: "FROM debian\nRUN apt-get update && apt-get install -y curl\n#^^ The package lists from `apt-get update` stay in the image: end this RUN with `&& rm -rf /var/lib/apt/lists/*`, or give it cache mounts on /var/lib/apt and /var/cache/apt\n", output: "FROM debian\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n" },
    { name: "no fix where a later RUN installs with these lists", code: "FROM debian\nRUN apt-get update && apt-get install -y curl\n#^^ The package lists from `apt-get update` stay in the image: end this RUN with `&& rm -rf /var/lib/apt/lists/*`, or give it cache mounts on /var/lib/apt and /var/cache/apt\nRUN apt-get install -y git\n", output: null },
    { name: "a removal in a later RUN is named: it cannot shrink this layer", code: "FROM debian\nRUN apt-get update && apt-get install -y curl\n#^^ The package lists from `apt-get update` stay in the image: end this RUN with `&& rm -rf /var/lib/apt/lists/*`, or give it cache mounts on /var/lib/apt and /var/cache/apt (the `rm` on line 3 runs in a later layer, which cannot take anything out of this one)\nRUN rm -rf /var/lib/apt/lists/*\n", output: "FROM debian\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\nRUN rm -rf /var/lib/apt/lists/*\n" },
  ],
});
