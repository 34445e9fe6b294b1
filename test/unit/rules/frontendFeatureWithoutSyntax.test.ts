import { frontendFeatureWithoutSyntax } from '../../../server/src/engine/rules/frontendFeatureWithoutSyntax';
import { dockerfile, ruleTests } from '../../support/ruleTester';

ruleTests(frontendFeatureWithoutSyntax, {
  valid: [
    {
      name: 'with a syntax line',
      code: dockerfile`
        # syntax=docker/dockerfile:1.7
        FROM a
        COPY --link . /src
      `,
    },
    {
      name: 'features of the built-in frontend',
      code: dockerfile`
        FROM a
        RUN --mount=type=cache,target=/x --mount=type=secret,id=t true
        COPY --chmod=755 --chown=1:1 a /a
      `,
    },
    {
      name: 'a secret as an environment variable on Docker 27.3, whose frontend is 1.10',
      engineVersion: '27.3.1',
      code: dockerfile`
        FROM a
        RUN --mount=type=secret,id=t,env=TOKEN true
        COPY --link . /src
      `,
    },
    {
      name: 'an engine newer than the table knows may accept anything',
      engineVersion: '31.0.0',
      code: dockerfile`
        FROM a
        COPY --parents a/*/b /src/
      `,
    },
    {
      name: 'what Docker 28 builds without the line (verified on BuildKit v0.25)',
      code: dockerfile`
        FROM a
        COPY --link . /src
        RUN --mount=type=secret,id=t,env=TOKEN true
        RUN <<EOF
        echo hi
        EOF
        COPY --exclude=*.log . /src
        ADD --checksum=sha256:0000000000000000000000000000000000000000000000000000000000000000 https://example.com/a /a
      `,
    },
  ],
  invalid: [
    {
      name: 'COPY --parents, once per file',
      code: dockerfile`
        FROM a
        COPY --parents a/*/b /src/
        #    ^^^^^^^^^ COPY --parents needs Dockerfile frontend 1.20 or newer: the frontend built into Docker 28.5 (Dockerfile 1.19) and older engines reject this file. Add \`# syntax=docker/dockerfile:1\` (the frontend is then pulled from a registry)
        RUN --security=insecure true
      `,
      output: dockerfile`
        # syntax=docker/dockerfile:1
        FROM a
        COPY --parents a/*/b /src/
        RUN --security=insecure true
      `,
    },
    {
      name: 'heredocs on Docker 20.10 (verified on 20.10.24)',
      engineVersion: '20.10.24+dfsg1',
      code: dockerfile`
        FROM a
        RUN <<EOF
        #^^ heredocs needs Dockerfile frontend 1.4 or newer: the frontend built into Docker 20.10.24+dfsg1 (Dockerfile 1.2) and older engines reject this file. Add \`# syntax=docker/dockerfile:1\` (the frontend is then pulled from a registry)
        echo hi
        EOF
      `,
      output: dockerfile`
        # syntax=docker/dockerfile:1
        FROM a
        RUN <<EOF
        echo hi
        EOF
      `,
    },
    {
      name: 'ADD --checksum on Docker 24, whose frontend is 1.5',
      engineVersion: '24.0.7',
      code: dockerfile`
        FROM a
        COPY --link . /src
        ADD --checksum=sha256:0000000000000000000000000000000000000000000000000000000000000000 https://example.com/a /a
        #   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ ADD --checksum needs Dockerfile frontend 1.6 or newer: the frontend built into Docker 24.0.7 (Dockerfile 1.5) and older engines reject this file. Add \`# syntax=docker/dockerfile:1\` (the frontend is then pulled from a registry)
      `,
      output: dockerfile`
        # syntax=docker/dockerfile:1
        FROM a
        COPY --link . /src
        ADD --checksum=sha256:0000000000000000000000000000000000000000000000000000000000000000 https://example.com/a /a
      `,
    },
    {
      name: 'a secret as an environment variable on Docker 27.2 (frontend 1.9)',
      engineVersion: '27.2',
      code: dockerfile`
        FROM a
        RUN --mount=type=secret,id=t,env=TOKEN true
        #   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ RUN --mount=type=secret,env= needs Dockerfile frontend 1.10 or newer: the frontend built into Docker 27.2 (Dockerfile 1.9) and older engines reject this file. Add \`# syntax=docker/dockerfile:1\` (the frontend is then pulled from a registry)
      `,
      output: dockerfile`
        # syntax=docker/dockerfile:1
        FROM a
        RUN --mount=type=secret,id=t,env=TOKEN true
      `,
    },
  ],
});
