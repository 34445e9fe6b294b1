import { noEmptyContinuation } from '../../../server/src/engine/rules/noEmptyContinuation';
import { ruleTests } from '../../support/ruleTester';

ruleTests(noEmptyContinuation, {
  valid: [
    { name: "continued without gaps", code: "FROM a\nRUN a \\\n  && b\n" },
    { name: "a comment line is not empty", code: "FROM a\nRUN a \\\n# note\n  && b\n" },
    { name: "heredoc bodies may have empty lines", code: "FROM a\nRUN <<EOF\necho a\n\necho b\nEOF\n" },
  ],
  invalid: [
    { name: "one empty line", code: "FROM a\nRUN a \\\n\n  && b\n#^^^^^ Empty continuation line\n", output: "FROM a\nRUN a \\\n  && b\n" },
    { name: "reported on the instruction's last line, where BuildKit v0.25 reports it", code: "FROM a\nRUN echo a \\\n\n    && echo b \\\n    && echo c\n#^^^^^^^^^^^^ Empty continuation line\n", output: "FROM a\nRUN echo a \\\n    && echo b \\\n    && echo c\n" },
  ],
});
