import { exposeInvalidFormat } from '../../../server/src/engine/rules/exposeInvalidFormat';
import { ruleTests } from '../../support/ruleTester';

ruleTests(exposeInvalidFormat, {
  valid: [
    { name: "container ports", code: "FROM a\nEXPOSE 80 443/tcp\n" },
    { name: "a default value's colon is not a mapping", code: "FROM a\nARG PORT\nEXPOSE ${PORT:-3333} ${ADMIN:-9000}/tcp\n" },
  ],
  invalid: [
    { name: "host mapping", code: "FROM a\nEXPOSE 127.0.0.1:8080:80/tcp\n#      ^^^^^^^^^^^^^^^^^^^^^ EXPOSE instruction should not define an IP address or host-port mapping, found '127.0.0.1:8080:80/tcp'\n", output: "FROM a\nEXPOSE 80/tcp\n" },
  ],
});
