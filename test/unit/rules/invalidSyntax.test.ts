import { invalidSyntax } from '../../../server/src/engine/rules/invalidSyntax';
import { dockerfile, ruleTests } from '../../support/ruleTester';

ruleTests(invalidSyntax, {
  valid: [
    {
      name: "a build tool's template placeholder in FROM: the generated file is the one BuildKit builds",
      code: dockerfile`
        FROM \${docker.base.image}
        COPY logback.xml /config/
      `,
    },
    {
      name: "a frontend that is not Docker's reads a language of its own (dockerfile-x's INCLUDE)",
      code: dockerfile`
        # syntax = devthefuture/dockerfile-x
        INCLUDE ./base.dockerfile
        RUN make
      `,
    },
    {
      name: "BuildKit's trimming and replacement in variables (Dockerfile 1.7+)",
      code: dockerfile`
        ARG SHA=sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
        ARG IMAGE=debian:bookworm-slim
        ARG IMAGE=\${IMAGE/debian:bookworm-slim/debian@$SHA}
        FROM $IMAGE
        ARG V=1.2.3
        RUN echo \${V%%.*} \${V#1.} \${V//./-}
      `,
    },
    {
      name: 'several sources into . or .. (BuildKit v0.25 builds it)',
      code: dockerfile`
        FROM a
        WORKDIR /w
        COPY Cargo.toml Cargo.lock .
        COPY a b ..
      `,
    },
    {
      name: 'a quoted part followed by more of the word, as BuildKit reads it',
      code: dockerfile`
        FROM a
        ENV PATH="/opt/venv/bin":$PATH A="x"y B=x"y"z
        LABEL c='a'":"b
      `,
    },
    {
      name: 'a line of the escape character alone continues into the next (BuildKit v0.25 builds it)',
      code: dockerfile`
        FROM a
        # why
         \\
        RUN echo hi
      `,
    },
    {
      name: 'several sources into a destination without a trailing slash (BuildKit v0.25 builds it)',
      code: dockerfile`
        FROM a
        WORKDIR /server
        COPY index.js package* /server
      `,
    },
    {
      name: "a Jinja template's control lines (cookiecutter) are rendered away before a build",
      code: dockerfile`
        FROM python:3.12
        {% if cookiecutter.use_celery == 'y' %}
        COPY ./celery /celery
        {% endif %}
      `,
    },
    {
      name: 'a heredoc with blanks before its name (BuildKit v0.25 builds it)',
      code: dockerfile`
        FROM nginx
        RUN cat << 'EOF' > /usr/share/nginx/html/config.js
        window.ENV = {
        };
        EOF
        RUN cat << EOF > /entrypoint.sh
        set -e
        EOF
      `,
    },
    {
      name: 'a correct file',
      code: dockerfile`
        FROM alpine
        RUN apk add --no-cache curl
        HEALTHCHECK --interval=30s CMD wget -q localhost
      `,
    },
    {
      name: "casing is ConsistentInstructionCasing's",
      code: dockerfile`
        FROM alpine
        run echo hi
      `,
    },
    {
      name: 'single quotes inside a double-quoted value (dockerfile-utils 0.16 reports a missing quote; BuildKit builds it)',
      code: dockerfile`
        FROM alpine
        LABEL authors="'me' <me@example.com>"
        ENV A="'a' b"
      `,
    },
    {
      name: 'double quotes inside a single-quoted value',
      code: dockerfile`
        FROM alpine
        ARG B='"b" c'
      `,
    },
    {
      name: 'directive names in any case, as BuildKit reads them',
      code: dockerfile`
        # Syntax=docker/dockerfile:1
        # ESCAPE=\`
        FROM alpine
        RUN echo a \`
          b
      `,
    },
  ],
  invalid: [
    {
      name: 'a file of comments alone, as BuildKit says it',
      code: dockerfile`
        # FROM python:3.11
        #^^^^^^^^^^^^^^^^^ The Dockerfile has no instructions, only comments or blank lines: BuildKit refuses it ("file with no instructions")
        # RUN pip install -r requirements.txt
      `,
      output: null,
    },
    {
      name: 'an unknown instruction',
      code: dockerfile`
        FROM alpine
        RUNN echo hi
        #^^^ Unknown instruction: RUNN
      `,
      output: null,
    },
    {
      name: 'unknown instructions one after another are one mistake, reported once',
      code: dockerfile`
        FROM alpine
        RUNN echo hi
        #^^^ Unknown instruction: RUNN
        COPPY a b
      `,
      output: null,
    },
    {
      name: 'a heredoc in HEALTHCHECK, which BuildKit does not read: once, saying why',
      code: dockerfile`
        FROM python:3.12
        HEALTHCHECK CMD python3 - <<'PY' || exit 1
        import os
        #^^^^^ Unknown instruction: IMPORT: BuildKit reads heredocs only in RUN, COPY and ADD, so the heredoc the HEALTHCHECK on line 2 opens is read as instructions from here on
        import sys
        PY
      `,
      output: null,
    },
    {
      name: 'two unknown instructions apart are two mistakes',
      code: dockerfile`
        FROM alpine
        RUNN a
        #^^^ Unknown instruction: RUNN
        RUN b
        COPPY a b
        #^^^^ Unknown instruction: COPPY
      `,
      output: null,
    },
    {
      name: 'a single quote left open',
      code: dockerfile`
        FROM alpine
        ENV A='a b
        #     ^^^^ failed to process "'a b": unexpected end of statement while looking for matching single-quote
      `,
      output: null,
    },
    {
      name: 'a double quote left open',
      code: dockerfile`
        FROM alpine
        ENV A="'a' b
        #     ^^^^^^ failed to process ""'a' b": unexpected end of statement while looking for matching double-quote
      `,
      output: null,
    },
    {
      name: 'an unknown flag, no known flag near it',
      code: dockerfile`
        FROM alpine
        COPY --user=1 a /a
        #    ^^^^^^ Unknown flag: user
      `,
      output: null,
    },
    {
      name: 'a misspelt COPY flag becomes the nearest',
      code: dockerfile`
        FROM alpine AS b
        FROM alpine
        COPY --form=b a /a
        #    ^^^^^^ Unknown flag: form
      `,
      output: dockerfile`
        FROM alpine AS b
        FROM alpine
        COPY --from=b a /a
      `,
    },
    {
      name: 'a misspelt ADD flag',
      code: dockerfile`
        FROM alpine
        ADD --chekcsum=sha256:0 https://example.com/a /a
        #   ^^^^^^^^^^ Unknown flag: chekcsum
      `,
      output: dockerfile`
        FROM alpine
        ADD --checksum=sha256:0 https://example.com/a /a
      `,
    },
    {
      name: 'a misspelt HEALTHCHECK flag',
      code: dockerfile`
        FROM alpine
        HEALTHCHECK --intervall=5s CMD true
        #           ^^^^^^^^^^^ Unknown flag: intervall
      `,
      output: dockerfile`
        FROM alpine
        HEALTHCHECK --interval=5s CMD true
      `,
    },
    {
      name: 'a second FROM argument that is not AS',
      code: dockerfile`
        FROM alpine AZ build
        #           ^^ Second argument should be AS
      `,
      output: dockerfile`
        FROM alpine AS build
      `,
    },
    {
      name: 'an escape directive BuildKit rejects',
      code: dockerfile`
        # escape=x
        #        ^ invalid ESCAPE 'x'. Must be \` or \\
        FROM alpine
      `,
      output: dockerfile`
        # escape=\\
        FROM alpine
      `,
    },
    {
      name: 'an extra argument, with the blanks before it',
      code: dockerfile`
        FROM alpine
        STOPSIGNAL SIGTERM  now
        #                   ^^^ Instruction has an extra argument
      `,
      output: dockerfile`
        FROM alpine
        STOPSIGNAL SIGTERM
      `,
    },
    {
      name: 'HEALTHCHECK NONE takes nothing more',
      code: dockerfile`
        FROM alpine
        HEALTHCHECK NONE x
        #                ^ HEALTHCHECK NONE takes no arguments
      `,
      output: dockerfile`
        FROM alpine
        HEALTHCHECK NONE
      `,
    },
  ],
});
