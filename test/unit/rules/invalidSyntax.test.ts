import { invalidSyntax } from '../../../server/src/engine/rules/invalidSyntax';
import { ruleTests } from '../../support/ruleTester';

ruleTests(invalidSyntax, {
  valid: [
    { name: "a build tool's template placeholder in FROM: the generated file is the one BuildKit builds", code: "FROM ${docker.base.image}\nCOPY logback.xml /config/\n" },
    { name: "a frontend that is not Docker's reads a language of its own (dockerfile-x's INCLUDE)", code: "# syntax = devthefuture/dockerfile-x\nINCLUDE ./base.dockerfile\nRUN make\n" },
    { name: "BuildKit's trimming and replacement in variables (Dockerfile 1.7+)", code: "ARG SHA=sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\nARG IMAGE=debian:bookworm-slim\nARG IMAGE=${IMAGE/debian:bookworm-slim/debian@$SHA}\nFROM $IMAGE\nARG V=1.2.3\nRUN echo ${V%%.*} ${V#1.} ${V//./-}\n" },
    { name: "several sources into . or .. (BuildKit v0.25 builds it)", code: "FROM a\nWORKDIR /w\nCOPY Cargo.toml Cargo.lock .\nCOPY a b ..\n" },
    { name: 'a quoted part followed by more of the word, as BuildKit reads it', code: 'FROM a\nENV PATH="/opt/venv/bin":$PATH A="x"y B=x"y"z\nLABEL c=\'a\'":"b\n' },
    { name: 'a line of the escape character alone continues into the next (BuildKit v0.25 builds it)', code: 'FROM a\n# why\n \\\nRUN echo hi\n' },
    { name: 'several sources into a destination without a trailing slash (BuildKit v0.25 builds it)', code: 'FROM a\nWORKDIR /server\nCOPY index.js package* /server\n' },
    { name: "a Jinja template's control lines (cookiecutter) are rendered away before a build", code: "FROM python:3.12\n{% if cookiecutter.use_celery == 'y' %}\nCOPY ./celery /celery\n{% endif %}\n" },
    { name: "a heredoc with blanks before its name (BuildKit v0.25 builds it)", code: "FROM nginx\nRUN cat << 'EOF' > /usr/share/nginx/html/config.js\nwindow.ENV = {\n};\nEOF\nRUN cat << EOF > /entrypoint.sh\nset -e\nEOF\n" },
    { name: "a correct file", code: "FROM alpine\nRUN apk add --no-cache curl\nHEALTHCHECK --interval=30s CMD wget -q localhost\n" },
    { name: "casing is ConsistentInstructionCasing's", code: "FROM alpine\nrun echo hi\n" },
    { name: "single quotes inside a double-quoted value (dockerfile-utils 0.16 reports a missing quote; BuildKit builds it)", code: "FROM alpine\nLABEL authors=\"'me' <me@example.com>\"\nENV A=\"'a' b\"\n" },
    { name: "double quotes inside a single-quoted value", code: "FROM alpine\nARG B='\"b\" c'\n" },
    { name: "directive names in any case, as BuildKit reads them", code: "# Syntax=docker/dockerfile:1\n# ESCAPE=`\nFROM alpine\nRUN echo a `\n  b\n" },
  ],
  invalid: [
    { name: "a file of comments alone, as BuildKit says it", code: "# FROM python:3.11\n#^^^^^^^^^^^^^^^^^ The Dockerfile has no instructions, only comments or blank lines: BuildKit refuses it (\"file with no instructions\")\n# RUN pip install -r requirements.txt\n", output: null },
    { name: "an unknown instruction", code: "FROM alpine\nRUNN echo hi\n#^^^ Unknown instruction: RUNN\n", output: null },
    { name: "unknown instructions one after another are one mistake, reported once", code: "FROM alpine\nRUNN echo hi\n#^^^ Unknown instruction: RUNN\nCOPPY a b\n", output: null },
    { name: "a heredoc in HEALTHCHECK, which BuildKit does not read: once, saying why", code: "FROM python:3.12\nHEALTHCHECK CMD python3 - <<'PY' || exit 1\nimport os\n#^^^^^ Unknown instruction: IMPORT: BuildKit reads heredocs only in RUN, COPY and ADD, so the heredoc the HEALTHCHECK on line 2 opens is read as instructions from here on\nimport sys\nPY\n", output: null },
    { name: "two unknown instructions apart are two mistakes", code: "FROM alpine\nRUNN a\n#^^^ Unknown instruction: RUNN\nRUN b\nCOPPY a b\n#^^^^ Unknown instruction: COPPY\n", output: null },
    { name: "a single quote left open", code: "FROM alpine\nENV A='a b\n#     ^^^^ failed to process \"'a b\": unexpected end of statement while looking for matching single-quote\n", output: null },
    { name: "a double quote left open", code: "FROM alpine\nENV A=\"'a' b\n#     ^^^^^^ failed to process \"\"'a' b\": unexpected end of statement while looking for matching double-quote\n", output: null },
    { name: "an unknown flag, no known flag near it", code: "FROM alpine\nCOPY --user=1 a /a\n#    ^^^^^^ Unknown flag: user\n", output: null },
    { name: "a misspelt COPY flag becomes the nearest", code: "FROM alpine AS b\nFROM alpine\nCOPY --form=b a /a\n#    ^^^^^^ Unknown flag: form\n", output: "FROM alpine AS b\nFROM alpine\nCOPY --from=b a /a\n" },
    { name: "a misspelt ADD flag", code: "FROM alpine\nADD --chekcsum=sha256:0 https://example.com/a /a\n#   ^^^^^^^^^^ Unknown flag: chekcsum\n", output: "FROM alpine\nADD --checksum=sha256:0 https://example.com/a /a\n" },
    { name: "a misspelt HEALTHCHECK flag", code: "FROM alpine\nHEALTHCHECK --intervall=5s CMD true\n#           ^^^^^^^^^^^ Unknown flag: intervall\n", output: "FROM alpine\nHEALTHCHECK --interval=5s CMD true\n" },
    { name: "a second FROM argument that is not AS", code: "FROM alpine AZ build\n#           ^^ Second argument should be AS\n", output: "FROM alpine AS build\n" },
    { name: "an escape directive BuildKit rejects", code: "# escape=x\n#        ^ invalid ESCAPE 'x'. Must be ` or \\\nFROM alpine\n", output: "# escape=\\\nFROM alpine\n" },
    { name: "an extra argument, with the blanks before it", code: "FROM alpine\nSTOPSIGNAL SIGTERM  now\n#                   ^^^ Instruction has an extra argument\n", output: "FROM alpine\nSTOPSIGNAL SIGTERM\n" },
    { name: "HEALTHCHECK NONE takes nothing more", code: "FROM alpine\nHEALTHCHECK NONE x\n#                ^ HEALTHCHECK NONE takes no arguments\n", output: "FROM alpine\nHEALTHCHECK NONE\n" },
  ],
});
