import { aptRecommendsInstalled } from '../../../server/src/engine/rules/aptRecommendsInstalled';
import { ruleTests } from '../../support/ruleTester';

ruleTests(aptRecommendsInstalled, {
  valid: [
    { name: 'one or two packages bring little along', code: 'FROM debian\nRUN apt-get update && apt-get install -y ca-certificates tzdata\n' },
    { name: 'a build stage', code: 'FROM debian AS build\nRUN apt-get update && apt-get install -y build-essential\nFROM debian\nCOPY --from=build /out /out\n' },
    { name: 'recommends turned off in apt.conf.d', code: 'FROM debian\nRUN echo \'APT::Install-Recommends "0";\' > /etc/apt/apt.conf.d/99norecommends\nRUN apt-get update && apt-get install -y curl\n' },
    { name: "with the flag", code: "FROM debian\nRUN apt-get install -y --no-install-recommends curl\n" },
  ],
  invalid: [
    { name: "flag inserted after install", code: "FROM debian\nRUN apt-get -qq install -y curl git python3\n#^^ `apt-get install` also installs recommended packages: add `--no-install-recommends` and list what the image needs\n", output: "FROM debian\nRUN apt-get -qq install --no-install-recommends -y curl git python3\n" },
    { name: "apt install as well as apt-get install", code: "FROM debian\nRUN apt update && apt install -y curl git python3\n#^^ `apt install` also installs recommended packages: add `--no-install-recommends` and list what the image needs\n", output: "FROM debian\nRUN apt update && apt install --no-install-recommends -y curl git python3\n" },
  ],
});
