import { aptRecommendsInstalled } from '../../../server/src/engine/rules/aptRecommendsInstalled';
import type { Rule } from '../../../server/src/engine';
import { ruleTests } from '../../support/ruleTester';

ruleTests(aptRecommendsInstalled as unknown as Rule, {
  valid: [
    { name: "with the flag", code: "FROM debian\nRUN apt-get install -y --no-install-recommends curl\n" },
  ],
  invalid: [
    { name: "flag inserted after install", code: "FROM debian\nRUN apt-get -qq install -y curl\n#^^ `apt-get install` also installs recommended packages: add `--no-install-recommends` and list what the image needs\n", output: "FROM debian\nRUN apt-get -qq install --no-install-recommends -y curl\n" },
  ],
});
