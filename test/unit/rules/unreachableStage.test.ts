import { unreachableStage } from '../../../server/src/engine/rules/unreachableStage';
import { dockerfile, ruleTests } from '../../support/ruleTester';

ruleTests(unreachableStage, {
  valid: [
    {
      name: 'every stage needed',
      code: dockerfile`
        FROM a AS deps
        FROM b
        COPY --from=deps /x /x
      `,
    },
  ],
  invalid: [
    {
      name: 'a stage nobody uses',
      code: dockerfile`
        FROM a AS tools
        #         ^^^^^ Stage "tools" is not needed by the last stage: \`docker build\` without \`--target\` never builds it
        FROM b
      `,
      output: null,
    },
  ],
});
