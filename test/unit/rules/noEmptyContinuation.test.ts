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
      name: 'two gaps in one instruction: the fix removes both, so that a second fix-all finds nothing',
      code: dockerfile`
        FROM a
        RUN a \\

          && b \\

          && c
        #^^^^^ Empty continuation line
      `,
      output: dockerfile`
        FROM a
        RUN a \\
          && b \\
          && c
      `,
    },
    {
      name: 'an indented argument that happens to be an instruction name, or starts like one, is an argument',
      code: dockerfile`
        FROM a
        RUN useradd \\

            user \\
            && apt-get install \\

            expose-tool
        #^^^^^^^^^^^^^^ Empty continuation line
      `,
      output: dockerfile`
        FROM a
        RUN useradd \\
            user \\
            && apt-get install \\
            expose-tool
      `,
    },
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
    {
      name: 'an instruction after the gap (and a comment) is read as more arguments: the message says so',
      code: dockerfile`
        FROM a
        COPY a \\
          b/ \\

        # the version
        ENV V=1
        #^^^^^^ Empty continuation line: the COPY on line 2 goes on past it, so line 6 (ENV …) is part of that COPY, not an instruction of its own
      `,
      output: dockerfile`
        FROM a
        COPY a \\
          b/ \\
        # the version
        ENV V=1
      `,
    },
  ],
});
