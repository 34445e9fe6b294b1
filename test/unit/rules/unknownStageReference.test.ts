import { unknownStageReference } from '../../../server/src/engine/rules/unknownStageReference';
import { dockerfile, ruleTests } from '../../support/ruleTester';

ruleTests(unknownStageReference, {
  valid: [
    {
      name: 'earlier stage, any case',
      code: dockerfile`
        FROM a AS Build
        FROM b
        COPY --from=build /x /x
      `,
    },
    {
      name: 'an image with a tag',
      code: dockerfile`
        FROM a
        COPY --from=nginx:1.27 /etc/nginx /etc/nginx
      `,
    },
    {
      name: 'FROM an image named like a stage',
      code: dockerfile`
        FROM debian AS debian2
        FROM debian
      `,
    },
  ],
  invalid: [
    {
      name: 'a typo',
      code: dockerfile`
        FROM a AS builder
        FROM b
        COPY --from=buidler /x /x
        #           ^^^^^^^ "buidler" is not a stage (did you mean "builder"?); BuildKit will try to pull an image of that name
      `,
      output: null,
    },
    {
      name: 'a later stage',
      code: dockerfile`
        FROM a
        COPY --from=tools /x /x
        #           ^^^^^ "tools" is a stage defined later (line 3); here it names an image, which BuildKit will try to pull
        FROM b AS tools
      `,
      output: null,
    },
    {
      name: 'an index that does not exist yet',
      code: dockerfile`
        FROM a
        COPY --from=1 /x /x
        #           ^ Stage index 1 does not exist before this stage (0 earlier stages)
        FROM b
      `,
      output: null,
    },
  ],
});
