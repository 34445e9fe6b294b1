import { fromAsCasing } from '../../../server/src/engine/rules/fromAsCasing';
import { ruleTests } from '../../support/ruleTester';

ruleTests(fromAsCasing, {
  valid: [
    { name: "matching case", code: "FROM a AS b\nfrom c as d\n" },
    { name: "mixed-case FROM is not judged", code: "From a as b\n" },
    { name: "the frozen experimental frontend has no build checks", code: "# syntax=docker/dockerfile:experimental\nFROM a as b\n" },
    { name: "nor has 1-experimental", code: "# syntax=docker/dockerfile:1-experimental\nFROM a as b\n" },
  ],
  invalid: [
    { name: "upper FROM, lower as", code: "FROM a as b\n#      ^^ 'as' and 'FROM' keywords' casing do not match\n", output: "FROM a AS b\n" },
    { name: "lower from, upper AS", code: "from a AS b\n#      ^^ 'AS' and 'from' keywords' casing do not match\n", output: "from a as b\n" },
  ],
});
