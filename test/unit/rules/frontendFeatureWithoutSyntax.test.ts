import { frontendFeatureWithoutSyntax } from '../../../server/src/engine/rules/frontendFeatureWithoutSyntax';
import type { Rule } from '../../../server/src/engine';
import { ruleTests } from '../../support/ruleTester';

ruleTests(frontendFeatureWithoutSyntax as unknown as Rule, {
  valid: [
    { name: "with a syntax line", code: "# syntax=docker/dockerfile:1.7\nFROM a\nCOPY --link . /src\n" },
    { name: "features of the built-in frontend", code: "FROM a\nRUN --mount=type=cache,target=/x --mount=type=secret,id=t true\nCOPY --chmod=755 --chown=1:1 a /a\n" },
    { name: "what Docker 28 builds without the line (verified on BuildKit v0.25)", code: "FROM a\nCOPY --link . /src\nRUN --mount=type=secret,id=t,env=TOKEN true\nRUN <<EOF\necho hi\nEOF\nCOPY --exclude=*.log . /src\nADD --checksum=sha256:0000000000000000000000000000000000000000000000000000000000000000 https://example.com/a /a\n" },
  ],
  invalid: [
    { name: "COPY --parents, once per file", code: "FROM a\nCOPY --parents a/*/b /src/\n#    ^^^^^^^^^ COPY --parents needs Dockerfile frontend 1.20 or newer: the frontend built into Docker 28 (BuildKit v0.25) and older engines reject this file (unknown flag). Add `# syntax=docker/dockerfile:1` (the frontend is then pulled from a registry)\nRUN --security=insecure true\n", output: "# syntax=docker/dockerfile:1\nFROM a\nCOPY --parents a/*/b /src/\nRUN --security=insecure true\n" },
  ],
});
