import { redundantAliasStage } from '../../../server/src/engine/rules/redundantAliasStage';
import { dockerfile, ruleTests } from '../../support/ruleTester';

ruleTests(redundantAliasStage, {
  valid: [
    {
      name: 'a stage with steps',
      code: dockerfile`
        FROM ubuntu AS base
        RUN apt-get update
        FROM base
      `,
    },
    {
      name: 'used by two stages',
      code: dockerfile`
        FROM ubuntu:22.04@sha256:abc AS base
        FROM base AS one
        FROM base
      `,
    },
    {
      name: 'used by COPY --from',
      code: dockerfile`
        FROM busybox AS bb
        FROM alpine
        COPY --from=bb /bin/busybox /bin/
      `,
    },
  ],
  invalid: [
    {
      name: 'the alias is inlined and removed',
      code: dockerfile`
        FROM ubuntu:22.04 AS base
        #                    ^^^^ Stage "base" only renames ubuntu:22.04; write \`FROM ubuntu:22.04\` where it is used
        FROM base AS app
        RUN echo hi
      `,
      output: dockerfile`
        FROM ubuntu:22.04 AS app
        RUN echo hi
      `,
    },
  ],
});
