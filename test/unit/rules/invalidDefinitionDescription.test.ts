import { invalidDefinitionDescription } from '../../../server/src/engine/rules/invalidDefinitionDescription';
import { ruleTests } from '../../support/ruleTester';

ruleTests(invalidDefinitionDescription, {
  valid: [
    { name: "not asked for", code: "# the version\nARG VERSION=1\nFROM a\n" },
    { name: "a matching description", code: "# check=experimental=all\n# VERSION the version\nARG VERSION=1\nFROM a\n" },
    { name: "an empty comment line", code: "# check=experimental=all\nFROM a\n#\nARG X\n" },
  ],
  invalid: [
    { name: "a FROM description without the stage name", code: "# check=experimental=InvalidDefinitionDescription\n# the build stage\nFROM golang AS build\n#^^^ Comment for FROM should follow the format: `# build <description>`\n", output: null },
  ],
});
