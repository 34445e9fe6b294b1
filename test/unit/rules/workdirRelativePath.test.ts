import { workdirRelativePath } from '../../../server/src/engine/rules/workdirRelativePath';
import { dockerfile, ruleTests } from '../../support/ruleTester';

ruleTests(workdirRelativePath, {
  valid: [
    {
      name: 'absolute',
      code: dockerfile`
        FROM a
        WORKDIR /app
        WORKDIR sub
      `,
    },
    {
      name: 'quoted absolute',
      code: dockerfile`
        FROM a
        WORKDIR "/opt/app"
      `,
    },
    {
      name: 'Windows drive (backtick escape)',
      code: dockerfile`
        # escape=\`
        FROM a
        WORKDIR C:\\app
      `,
    },
    {
      name: 'a variable',
      code: dockerfile`
        FROM a
        WORKDIR $HOME/app
      `,
    },
    {
      name: 'inherited through FROM stage',
      code: dockerfile`
        FROM a AS base
        WORKDIR /src
        FROM base
        WORKDIR build
      `,
    },
  ],
  invalid: [
    {
      name: 'relative first',
      code: dockerfile`
        FROM a
        WORKDIR app/
        #       ^^^^ Relative workdir "app/" can have unexpected results if the base image changes
      `,
      output: null,
    },
  ],
});
