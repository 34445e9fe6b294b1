import { exposeProtoCasing } from '../../../server/src/engine/rules/exposeProtoCasing';
import { ruleTests } from '../../support/ruleTester';

ruleTests(exposeProtoCasing, {
  valid: [
    { name: "lower case", code: "FROM a\nEXPOSE 80/tcp 53/udp 8080\n" },
  ],
  invalid: [
    { name: "upper case", code: "FROM a\nEXPOSE 80/TCP\n#      ^^^^^^ Defined protocol '80/TCP' in EXPOSE instruction should be lowercase\n", output: "FROM a\nEXPOSE 80/tcp\n" },
  ],
});
