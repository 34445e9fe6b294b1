import { multiStageRecommended } from '../../../server/src/engine/rules/multiStageRecommended';
import { ruleTests } from '../../support/ruleTester';

ruleTests(multiStageRecommended, {
  valid: [
    { name: 'a dev container', code: 'FROM mcr.microsoft.com/devcontainers/python:3.12\nRUN apt-get update && apt-get install -y build-essential\n' },
    { name: "multi-stage already", code: "FROM golang AS build\nRUN go build\nFROM scratch\n" },
    { name: "build deps removed in the same RUN", code: "FROM alpine\nRUN apk add --virtual .build-deps gcc musl-dev && make && apk del .build-deps\n" },
  ],
  invalid: [
    { name: "compilers installed and kept", code: "FROM debian:12-slim\n#    ^^^^^^^^^^^^^^ This single-stage image installs build-essential, libpq-dev to build, and ships them: build in a first stage and copy only the result into a small final stage\nRUN apt-get install -y build-essential libpq-dev curl\n", output: null },
    { name: "a toolchain image", code: "FROM rust:1.80\n#    ^^^^^^^^^ This single-stage image builds on the toolchain image rust:1.80 and ships the whole toolchain: build in a first stage and copy only the result into a small final stage\nRUN cargo build --release\n", output: null },
  ],
});
