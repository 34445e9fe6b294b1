import { frontendFeatureWithoutSyntax } from '../../../server/src/engine/rules/frontendFeatureWithoutSyntax';
import { ruleTests } from '../../support/ruleTester';

ruleTests(frontendFeatureWithoutSyntax, {
  valid: [
    { name: "with a syntax line", code: "# syntax=docker/dockerfile:1.7\nFROM a\nCOPY --link . /src\n" },
    { name: "features of the built-in frontend", code: "FROM a\nRUN --mount=type=cache,target=/x --mount=type=secret,id=t true\nCOPY --chmod=755 --chown=1:1 a /a\n" },
    { name: "a secret as an environment variable on Docker 27.3, whose frontend is 1.10", engineVersion: "27.3.1", code: "FROM a\nRUN --mount=type=secret,id=t,env=TOKEN true\nCOPY --link . /src\n" },
    { name: "an engine newer than the table knows may accept anything", engineVersion: "31.0.0", code: "FROM a\nCOPY --parents a/*/b /src/\n" },
    { name: "what Docker 28 builds without the line (verified on BuildKit v0.25)", code: "FROM a\nCOPY --link . /src\nRUN --mount=type=secret,id=t,env=TOKEN true\nRUN <<EOF\necho hi\nEOF\nCOPY --exclude=*.log . /src\nADD --checksum=sha256:0000000000000000000000000000000000000000000000000000000000000000 https://example.com/a /a\n" },
  ],
  invalid: [
    { name: "COPY --parents, once per file", code: "FROM a\nCOPY --parents a/*/b /src/\n#    ^^^^^^^^^ COPY --parents needs Dockerfile frontend 1.20 or newer: the frontend built into Docker 28.5 (Dockerfile 1.19) and older engines reject this file. Add `# syntax=docker/dockerfile:1` (the frontend is then pulled from a registry)\nRUN --security=insecure true\n", output: "# syntax=docker/dockerfile:1\nFROM a\nCOPY --parents a/*/b /src/\nRUN --security=insecure true\n" },
    { name: "heredocs on Docker 20.10 (verified on 20.10.24)", engineVersion: "20.10.24+dfsg1", code: "FROM a\nRUN <<EOF\n#^^ heredocs needs Dockerfile frontend 1.4 or newer: the frontend built into Docker 20.10.24+dfsg1 (Dockerfile 1.2) and older engines reject this file. Add `# syntax=docker/dockerfile:1` (the frontend is then pulled from a registry)\necho hi\nEOF\n", output: "# syntax=docker/dockerfile:1\nFROM a\nRUN <<EOF\necho hi\nEOF\n" },
    { name: "ADD --checksum on Docker 24, whose frontend is 1.5", engineVersion: "24.0.7", code: "FROM a\nCOPY --link . /src\nADD --checksum=sha256:0000000000000000000000000000000000000000000000000000000000000000 https://example.com/a /a\n#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ ADD --checksum needs Dockerfile frontend 1.6 or newer: the frontend built into Docker 24.0.7 (Dockerfile 1.5) and older engines reject this file. Add `# syntax=docker/dockerfile:1` (the frontend is then pulled from a registry)\n", output: "# syntax=docker/dockerfile:1\nFROM a\nCOPY --link . /src\nADD --checksum=sha256:0000000000000000000000000000000000000000000000000000000000000000 https://example.com/a /a\n" },
    { name: "a secret as an environment variable on Docker 27.2 (frontend 1.9)", engineVersion: "27.2", code: "FROM a\nRUN --mount=type=secret,id=t,env=TOKEN true\n#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ RUN --mount=type=secret,env= needs Dockerfile frontend 1.10 or newer: the frontend built into Docker 27.2 (Dockerfile 1.9) and older engines reject this file. Add `# syntax=docker/dockerfile:1` (the frontend is then pulled from a registry)\n", output: "# syntax=docker/dockerfile:1\nFROM a\nRUN --mount=type=secret,id=t,env=TOKEN true\n" },
  ],
});
