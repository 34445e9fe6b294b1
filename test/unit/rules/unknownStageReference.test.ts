import { unknownStageReference } from '../../../server/src/engine/rules/unknownStageReference';
import { ruleTests } from '../../support/ruleTester';

ruleTests(unknownStageReference, {
  valid: [
    { name: "earlier stage, any case", code: "FROM a AS Build\nFROM b\nCOPY --from=build /x /x\n" },
    { name: "an image with a tag", code: "FROM a\nCOPY --from=nginx:1.27 /etc/nginx /etc/nginx\n" },
    { name: "FROM an image named like a stage", code: "FROM debian AS debian2\nFROM debian\n" },
  ],
  invalid: [
    { name: "a typo", code: "FROM a AS builder\nFROM b\nCOPY --from=buidler /x /x\n#           ^^^^^^^ \"buidler\" is not a stage (did you mean \"builder\"?); BuildKit will try to pull an image of that name\n", output: null },
    { name: "a later stage", code: "FROM a\nCOPY --from=tools /x /x\n#           ^^^^^ \"tools\" is a stage defined later (line 3); here it names an image, which BuildKit will try to pull\nFROM b AS tools\n", output: null },
    { name: "an index that does not exist yet", code: "FROM a\nCOPY --from=1 /x /x\n#           ^ Stage index 1 does not exist before this stage (0 earlier stages)\nFROM b\n", output: null },
  ],
});
