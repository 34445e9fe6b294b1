import { redundantAliasStage } from '../../../server/src/engine/rules/redundantAliasStage';
import { ruleTests } from '../../support/ruleTester';

ruleTests(redundantAliasStage, {
  valid: [
    { name: "a stage with steps", code: "FROM ubuntu AS base\nRUN apt-get update\nFROM base\n" },
    { name: "used by two stages", code: "FROM ubuntu:22.04@sha256:abc AS base\nFROM base AS one\nFROM base\n" },
    { name: "used by COPY --from", code: "FROM busybox AS bb\nFROM alpine\nCOPY --from=bb /bin/busybox /bin/\n" },
  ],
  invalid: [
    { name: "the alias is inlined and removed", code: "FROM ubuntu:22.04 AS base\n#                    ^^^^ Stage \"base\" only renames ubuntu:22.04; write `FROM ubuntu:22.04` where it is used\nFROM base AS app\nRUN echo hi\n", output: "FROM ubuntu:22.04 AS app\nRUN echo hi\n" },
  ],
});
