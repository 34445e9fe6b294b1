import { stageNameCasing } from '../../../server/src/engine/rules/stageNameCasing';
import { dockerfile, ruleTests } from '../../support/ruleTester';

ruleTests(stageNameCasing, {
  valid: [
    {
      name: 'lower-case names',
      code: dockerfile`
        FROM a AS build
        FROM build AS final
      `,
    },
  ],
  invalid: [
    {
      name: 'renames the stage and its references',
      code: dockerfile`
        FROM golang AS Build
        #              ^^^^^ Stage name 'Build' should be lowercase
        RUN go build
        FROM Build AS test
        FROM scratch
        COPY --from=BUILD /app /app
      `,
      output: dockerfile`
        FROM golang AS build
        RUN go build
        FROM build AS test
        FROM scratch
        COPY --from=build /app /app
      `,
    },
  ],
});
