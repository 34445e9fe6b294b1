import { legacyKeyValueFormat } from '../../../server/src/engine/rules/legacyKeyValueFormat';
import { ruleTests } from '../../support/ruleTester';

ruleTests(legacyKeyValueFormat, {
  valid: [
    { name: "key=value", code: "FROM a\nENV A=1 B=\"two words\"\nLABEL x=y\nARG V\n" },
    { name: "ARG with several names is not legacy", code: "FROM a\nARG TARGETOS TARGETARCH\n" },
  ],
  invalid: [
    { name: "ENV with spaces in the value", code: "FROM a\nENV GREETING hello world\n#^^^^^^^^^^^^^^^^^^^^^^^ \"ENV key=value\" should be used instead of legacy \"ENV key value\" format\n", output: "FROM a\nENV GREETING=\"hello world\"\n" },
  ],
});
