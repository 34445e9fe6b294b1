import { undefinedArgInFrom } from '../../../server/src/engine/rules/undefinedArgInFrom';
import { ruleTests } from '../../support/ruleTester';

ruleTests(undefinedArgInFrom, {
  valid: [
    { name: "declared", code: "ARG TAG=1\nFROM a:$TAG\n" },
    { name: "automatic platform args", code: "FROM --platform=$BUILDPLATFORM a:${TARGETARCH}\n" },
  ],
  invalid: [
    { name: "a typo, with a suggestion", code: "ARG NODE_VERSION=22\nFROM node:${NODE_VERSON}\n#    ^^^^^^^^^^^^^^^^^^^ FROM argument 'NODE_VERSON' is not declared (did you mean NODE_VERSION?)\n", output: null },
    { name: "declared only inside a stage", code: "FROM a\nARG V=1\nFROM b:$V\n#    ^^^^ FROM argument 'V' is not declared\n", output: null },
  ],
});
