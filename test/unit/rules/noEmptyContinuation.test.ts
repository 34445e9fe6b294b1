import { noEmptyContinuation } from '../../../server/src/engine/rules/noEmptyContinuation';
import { dockerfile, ruleTests } from '../../support/ruleTester';

ruleTests(noEmptyContinuation, {
  valid: [
    {
      name: 'continued without gaps',
      code: dockerfile`
        FROM a
        RUN a \\
          && b
      `,
    },
    {
      name: 'a comment line is not empty',
      code: dockerfile`
        FROM a
        RUN a \\
        # note
          && b
      `,
    },
    {
      name: 'heredoc bodies may have empty lines',
      code: dockerfile`
        FROM a
        RUN <<EOF
        echo a

        echo b
        EOF
      `,
    },
  ],
  invalid: [
    {
      name: 'one empty line',
      code: dockerfile`
        FROM a
        RUN a \\

          && b
        #^^^^^ Empty continuation line
      `,
      output: dockerfile`
        FROM a
        RUN a \\
          && b
      `,
    },
    {
      name: "reported on the instruction's last line, where BuildKit v0.25 reports it",
      code: dockerfile`
        FROM a
        RUN echo a \\

            && echo b \\
            && echo c
        #^^^^^^^^^^^^ Empty continuation line
      `,
      output: dockerfile`
        FROM a
        RUN echo a \\
            && echo b \\
            && echo c
      `,
    },
  ],
});
