import { frontendFeatureWithoutSyntax } from '../../../server/src/engine/rules/frontendFeatureWithoutSyntax';
import type { Rule } from '../../../server/src/engine';
import { ruleTests } from '../../support/ruleTester';

ruleTests(frontendFeatureWithoutSyntax as unknown as Rule, {
  valid: [
    { name: "with a syntax line", code: "# syntax=docker/dockerfile:1.7\nFROM a\nCOPY --link . /src\n" },
    { name: "features of the built-in frontend", code: "FROM a\nRUN --mount=type=cache,target=/x --mount=type=secret,id=t true\nCOPY --chmod=755 --chown=1:1 a /a\n" },
  ],
  invalid: [
    { name: "COPY --link", code: "FROM a\nCOPY --link . /src\n#    ^^^^^^ COPY --link needs Dockerfile frontend 1.4 or newer: engines whose built-in frontend is older (Docker 20.10) reject this file. Add `# syntax=docker/dockerfile:1` (the frontend is then pulled from a registry) or build with Docker 23 or newer\n", output: "# syntax=docker/dockerfile:1\nFROM a\nCOPY --link . /src\n" },
    { name: "a secret as an environment variable", code: "FROM a\nRUN --mount=type=secret,id=t,env=TOKEN true\n#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ RUN --mount=type=secret,env= needs Dockerfile frontend 1.10 or newer: engines whose built-in frontend is older (Docker 20.10) reject this file. Add `# syntax=docker/dockerfile:1` (the frontend is then pulled from a registry) or build with Docker 23 or newer\n", output: "# syntax=docker/dockerfile:1\nFROM a\nRUN --mount=type=secret,id=t,env=TOKEN true\n" },
  ],
});
