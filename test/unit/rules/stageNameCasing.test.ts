import { stageNameCasing } from '../../../server/src/engine/rules/stageNameCasing';
import { ruleTests } from '../../support/ruleTester';

ruleTests(stageNameCasing, {
  valid: [
    { name: "lower-case names", code: "FROM a AS build\nFROM build AS final\n" },
  ],
  invalid: [
    { name: "renames the stage and its references", code: "FROM golang AS Build\n#              ^^^^^ Stage name 'Build' should be lowercase\nRUN go build\nFROM Build AS test\nFROM scratch\nCOPY --from=BUILD /app /app\n", output: "FROM golang AS build\nRUN go build\nFROM build AS test\nFROM scratch\nCOPY --from=build /app /app\n" },
  ],
});
