import { secretValueInFile } from '../../../server/src/engine/rules/secretValueInFile';
import { dockerfile, ruleTests } from '../../support/ruleTester';

ruleTests(secretValueInFile, {
  valid: [
    {
      name: 'a variable in the URL',
      code: dockerfile`
        FROM a
        RUN git clone https://ci:$TOKEN@git.example.com/x.git
      `,
    },
    {
      name: 'an AWS-looking word too short',
      code: dockerfile`
        FROM a
        ENV ID=AKIA123
      `,
    },
  ],
  invalid: [
    {
      name: 'an AWS access key id in ENV',
      code: dockerfile`
        FROM a
        ENV AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE
        #                     ^^^^^^^^^^^^^^^^^^^^ A literal AWS access key id is written in the Dockerfile: it ships in the image history or a layer, and in every copy of this file. Revoke it, and pass it with --mount=type=secret instead
      `,
      output: null,
    },
    {
      name: 'a password in a URL',
      code: dockerfile`
        FROM a
        RUN pip install --index-url https://user:s3cret@pypi.example.com/simple app
        #                           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ A literal password in a URL is written in the Dockerfile: it ships in the image history or a layer, and in every copy of this file. Revoke it, and pass it with --mount=type=secret instead
      `,
      output: null,
    },
  ],
});
