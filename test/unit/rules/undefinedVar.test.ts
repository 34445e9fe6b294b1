import { undefinedVar } from '../../../server/src/engine/rules/undefinedVar';
import { dockerfile, ruleTests } from '../../support/ruleTester';

ruleTests(undefinedVar, {
  valid: [
    {
      name: "an image's path variable extended beside a near name: LIBRARY_PATH is gcc's own, not a typo of LD_LIBRARY_PATH",
      code: dockerfile`
        ARG BASE_IMAGE=quay.io/centos/centos:stream9
        FROM \${BASE_IMAGE}
        ENV LD_LIBRARY_PATH=/usr/lib64
        ENV LIBRARY_PATH="/opt/mpi/lib64:\${LIBRARY_PATH}"
      `,
    },
    {
      name: "an image's variable extended twice: the base image may set it",
      code: dockerfile`
        FROM nvidia/cuda:8.0-devel
        ENV LD_LIBRARY_PATH \${LD_LIBRARY_PATH}:/usr/local/cuda/lib64
        ENV LD_LIBRARY_PATH \${LD_LIBRARY_PATH}:/usr/local/lib
      `,
    },
    {
      name: 'a global ARG out of scope, but the official image sets the same ENV',
      code: dockerfile`
        ARG PYTHON_VERSION=3.11
        FROM python:$PYTHON_VERSION-slim
        ENV UV_PYTHON=$PYTHON_VERSION
      `,
    },
    {
      name: "the .NET SDK image's own variable",
      code: dockerfile`
        ARG DOTNET_VERSION=8.0
        FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build
        LABEL v=$DOTNET_VERSION
      `,
    },
    {
      name: 'declared',
      code: dockerfile`
        FROM alpine
        ARG DIR=/srv
        COPY . $DIR
      `,
    },
    {
      name: 'an unknown base image may define it',
      code: dockerfile`
        FROM golang:1.22
        ENV PATH=$GOPATH/bin:$PATH
      `,
    },
    {
      name: "RUN is the shell's",
      code: dockerfile`
        FROM alpine
        RUN echo $HOME
      `,
    },
    {
      name: 'a default operator',
      code: dockerfile`
        FROM alpine
        COPY \${SRC:-.} /srv
      `,
    },
  ],
  invalid: [
    {
      name: "BuildKit's hint reaches two edits, whatever the name's length (tried on v0.25)",
      code: dockerfile`
        FROM alpine
        ENV XY=1
        ENV A=$AB
        #   ^^^^^ Usage of undefined variable '$AB' (did you mean $XY?)
      `,
      output: null,
    },
    {
      name: 'three edits away is no hint: LIBRARY_PATH beside LD_LIBRARY_PATH (tried on v0.25)',
      code: dockerfile`
        FROM alpine
        ENV LD_LIBRARY_PATH=/usr/lib64
        ENV LIBRARY_PATH="/opt/lib64:\${LIBRARY_PATH}"
        #   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Usage of undefined variable '$LIBRARY_PATH'
      `,
      output: null,
    },
    {
      name: 'a typo on a known base',
      code: dockerfile`
        FROM alpine
        ARG DIR_ASSETS=assets/
        COPY $DIR_ASSET /srv/
        #    ^^^^^^^^^^ Usage of undefined variable '$DIR_ASSET' (did you mean $DIR_ASSETS?)
      `,
      output: null,
    },
    {
      name: 'declared later in the stage',
      code: dockerfile`
        FROM node:22
        COPY $SRC /srv
        #    ^^^^ Usage of undefined variable '$SRC'
        ARG SRC=.
      `,
      output: null,
    },
    {
      name: 'a global ARG not re-declared',
      code: dockerfile`
        ARG VERSION=1
        FROM node:22
        ENV APP_VERSION=$VERSION
        #   ^^^^^^^^^^^^^^^^^^^^ Usage of undefined variable '$VERSION'
      `,
      output: null,
    },
  ],
});
