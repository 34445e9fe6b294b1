import { invalidDefinitionDescription } from '../../../server/src/engine/rules/invalidDefinitionDescription';
import { dockerfile, ruleTests } from '../../support/ruleTester';

ruleTests(invalidDefinitionDescription, {
  valid: [
    {
      name: 'not asked for',
      code: dockerfile`
        # the version
        ARG VERSION=1
        FROM a
      `,
    },
    {
      name: 'a matching description',
      code: dockerfile`
        # check=experimental=all
        # VERSION the version
        ARG VERSION=1
        FROM a
      `,
    },
    {
      name: 'an empty comment line',
      code: dockerfile`
        # check=experimental=all
        FROM a
        #
        ARG X
      `,
    },
  ],
  invalid: [
    {
      name: 'a FROM description without the stage name',
      code: dockerfile`
        # check=experimental=InvalidDefinitionDescription
        # the build stage
        FROM golang AS build
        #^^^ Comment for FROM should follow the format: \`# build <description>\`
      `,
      output: null,
    },
  ],
});
