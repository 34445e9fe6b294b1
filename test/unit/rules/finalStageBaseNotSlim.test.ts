import { finalStageBaseNotSlim } from '../../../server/src/engine/rules/finalStageBaseNotSlim';
import { dockerfile, ruleTests } from '../../support/ruleTester';

ruleTests(finalStageBaseNotSlim, {
  valid: [
    {
      name: 'already slim',
      code: dockerfile`
        FROM python:3.12-slim
      `,
    },
    {
      name: 'a build stage may be full',
      code: dockerfile`
        FROM python:3.12 AS build
        FROM python:3.12-alpine
      `,
    },
    {
      name: 'an earlier stage on a slim image',
      code: dockerfile`
        FROM python:3.12-slim AS base
        FROM base
      `,
    },
    {
      name: 'a development target keeps its full image',
      code: dockerfile`
        FROM node:lts AS development
        RUN npm ci
        FROM development AS dev-envs
      `,
    },
    {
      name: 'not an image with a slim variant',
      code: dockerfile`
        FROM nginx:1.27
      `,
    },
    {
      name: 'a Windows variant publishes no slim tag',
      code: dockerfile`
        FROM python:3.12-windowsservercore-ltsc2022
      `,
    },
  ],
  invalid: [
    {
      name: 'python version tag',
      code: dockerfile`
        FROM python:3.12-bookworm
        #    ^^^^^^^^^^^^^^^^^^^^ The final image starts from python:3.12-bookworm, which carries compilers and headers the program does not need at run time; python:3.12-slim-bookworm is a fraction of its size
      `,
      output: dockerfile`
        FROM python:3.12-slim-bookworm
      `,
    },
    {
      name: 'a toolchain in the final stage',
      code: dockerfile`
        FROM node AS web
        FROM golang:1.22
        #    ^^^^^^^^^^^ The final image starts from the toolchain image golang:1.22: build in an earlier stage and ship a static binary on gcr.io/distroless/static or scratch
      `,
      output: null,
    },
    {
      name: 'node writes slim after the Debian suite',
      code: dockerfile`
        FROM node:22-bookworm
        #    ^^^^^^^^^^^^^^^^ The final image starts from node:22-bookworm, which carries compilers and headers the program does not need at run time; node:22-bookworm-slim is a fraction of its size
      `,
      output: dockerfile`
        FROM node:22-bookworm-slim
      `,
    },
    {
      name: 'a release line keeps its line',
      code: dockerfile`
        FROM node:lts
        #    ^^^^^^^^ The final image starts from node:lts, which carries compilers and headers the program does not need at run time; node:lts-slim is a fraction of its size
      `,
      output: dockerfile`
        FROM node:lts-slim
      `,
    },
    {
      name: 'a digest pins the full image: named, not rewritten',
      code: dockerfile`
        FROM python:3.12@sha256:0123
        #    ^^^^^^^^^^^^^^^^^^^^^^^ The final image starts from python:3.12@sha256:0123, which carries compilers and headers the program does not need at run time; python:3.12-slim is a fraction of its size
      `,
      output: null,
    },
    {
      name: 'the deprecated openjdk JDK image',
      code: dockerfile`
        FROM openjdk:17
        #    ^^^^^^^^^^ The final image starts from openjdk:17, a deprecated JDK image: run the program on eclipse-temurin:<version>-jre
      `,
      output: null,
    },
    {
      name: 'the full image reaches the final stage through an earlier stage',
      code: dockerfile`
        FROM python:3.12 AS base
        RUN pip install flask
        FROM base
        #    ^^^^ The final image starts from python:3.12 (through the stage base), which carries compilers and headers the program does not need at run time; python:3.12-slim is a fraction of its size
      `,
      output: null,
    },
  ],
});
