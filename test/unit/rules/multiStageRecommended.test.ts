import { multiStageRecommended } from '../../../server/src/engine/rules/multiStageRecommended';
import { dockerfile, ruleTests } from '../../support/ruleTester';

ruleTests(multiStageRecommended, {
  valid: [
    {
      name: 'a dev container',
      code: dockerfile`
        FROM mcr.microsoft.com/devcontainers/python:3.12
        RUN apt-get update && apt-get install -y build-essential
      `,
    },
    {
      name: 'multi-stage already',
      code: dockerfile`
        FROM golang AS build
        RUN go build
        FROM scratch
      `,
    },
    {
      name: 'build deps removed in the same RUN',
      code: dockerfile`
        FROM alpine
        RUN apk add --virtual .build-deps gcc musl-dev && make && apk del .build-deps
      `,
    },
  ],
  invalid: [
    {
      name: 'compilers installed and kept',
      code: dockerfile`
        FROM debian:12-slim
        #    ^^^^^^^^^^^^^^ This single-stage image installs build-essential, libpq-dev to build, and ships them: build in a first stage and copy only the result into a small final stage
        RUN apt-get install -y build-essential libpq-dev curl
      `,
      output: null,
    },
    {
      name: 'a toolchain image',
      code: dockerfile`
        FROM rust:1.80
        #    ^^^^^^^^^ This single-stage image builds on the toolchain image rust:1.80 and ships the whole toolchain: build in a first stage and copy only the result into a small final stage
        RUN cargo build --release
      `,
      output: null,
    },
  ],
});
