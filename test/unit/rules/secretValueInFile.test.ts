import { secretValueInFile } from '../../../server/src/engine/rules/secretValueInFile';
import { ruleTests } from '../../support/ruleTester';

ruleTests(secretValueInFile, {
  valid: [
    { name: "a variable in the URL", code: "FROM a\nRUN git clone https://ci:$TOKEN@git.example.com/x.git\n" },
    { name: "an AWS-looking word too short", code: "FROM a\nENV ID=AKIA123\n" },
  ],
  invalid: [
    { name: "an AWS access key id in ENV", code: "FROM a\nENV AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n#                     ^^^^^^^^^^^^^^^^^^^^ A literal AWS access key id is written in the Dockerfile: it ships in the image history or a layer, and in every copy of this file. Revoke it, and pass it with --mount=type=secret instead\n", output: null },
    { name: "a password in a URL", code: "FROM a\nRUN pip install --index-url https://user:s3cret@pypi.example.com/simple app\n#                           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ A literal password in a URL is written in the Dockerfile: it ships in the image history or a layer, and in every copy of this file. Revoke it, and pass it with --mount=type=secret instead\n", output: null },
  ],
});
