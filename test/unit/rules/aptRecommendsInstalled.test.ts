import { aptRecommendsInstalled } from '../../../server/src/engine/rules/aptRecommendsInstalled';
import { dockerfile, ruleTests } from '../../support/ruleTester';

ruleTests(aptRecommendsInstalled, {
  valid: [
    {
      name: 'one or two packages bring little along',
      code: dockerfile`
        FROM debian
        RUN apt-get update && apt-get install -y ca-certificates tzdata
      `,
    },
    {
      name: 'a build stage',
      code: dockerfile`
        FROM debian AS build
        RUN apt-get update && apt-get install -y build-essential
        FROM debian
        COPY --from=build /out /out
      `,
    },
    {
      name: 'recommends turned off in apt.conf.d',
      code: dockerfile`
        FROM debian
        RUN echo 'APT::Install-Recommends "0";' > /etc/apt/apt.conf.d/99norecommends
        RUN apt-get update && apt-get install -y curl
      `,
    },
    {
      name: 'with the flag',
      code: dockerfile`
        FROM debian
        RUN apt-get install -y --no-install-recommends curl
      `,
    },
  ],
  invalid: [
    {
      name: 'flag inserted after install',
      code: dockerfile`
        FROM debian
        RUN apt-get -qq install -y curl git python3
        #^^ \`apt-get install\` also installs recommended packages: add \`--no-install-recommends\` and list what the image needs
      `,
      output: dockerfile`
        FROM debian
        RUN apt-get -qq install --no-install-recommends -y curl git python3
      `,
    },
    {
      name: 'apt install as well as apt-get install',
      code: dockerfile`
        FROM debian
        RUN apt update && apt install -y curl git python3
        #^^ \`apt install\` also installs recommended packages: add \`--no-install-recommends\` and list what the image needs
      `,
      output: dockerfile`
        FROM debian
        RUN apt update && apt install --no-install-recommends -y curl git python3
      `,
    },
  ],
});
