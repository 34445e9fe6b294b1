import { maintainerDeprecated } from '../../../server/src/engine/rules/maintainerDeprecated';
import { ruleTests } from '../../support/ruleTester';

ruleTests(maintainerDeprecated, {
  valid: [
    { name: "LABEL instead", code: "FROM a\nLABEL org.opencontainers.image.authors=\"me\"\n" },
  ],
  invalid: [
    { name: "becomes the OCI authors label", code: "FROM a\nMAINTAINER Jane Doe <jane@example.com>\n#^^^^^^^^^ Maintainer instruction is deprecated in favor of using label\n", output: "FROM a\nLABEL org.opencontainers.image.authors=\"Jane Doe <jane@example.com>\"\n" },
    { name: "quotes: no fix", code: "FROM a\nMAINTAINER \"Jane\"\n#^^^^^^^^^ Maintainer instruction is deprecated in favor of using label\n", output: null },
  ],
});
