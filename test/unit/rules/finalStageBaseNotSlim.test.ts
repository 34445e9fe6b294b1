import { finalStageBaseNotSlim } from '../../../server/src/engine/rules/finalStageBaseNotSlim';
import { ruleTests } from '../../support/ruleTester';

ruleTests(finalStageBaseNotSlim, {
  valid: [
    { name: "already slim", code: "FROM python:3.12-slim\n" },
    { name: "a build stage may be full", code: "FROM python:3.12 AS build\nFROM python:3.12-alpine\n" },
    { name: "an earlier stage on a slim image", code: "FROM python:3.12-slim AS base\nFROM base\n" },
    { name: "a development target keeps its full image", code: "FROM node:lts AS development\nRUN npm ci\nFROM development AS dev-envs\n" },
    { name: "not an image with a slim variant", code: "FROM nginx:1.27\n" },
    { name: "a Windows variant publishes no slim tag", code: "FROM python:3.12-windowsservercore-ltsc2022\n" },
  ],
  invalid: [
    { name: "python version tag", code: "FROM python:3.12-bookworm\n#    ^^^^^^^^^^^^^^^^^^^^ The final image starts from python:3.12-bookworm, which carries compilers and headers the program does not need at run time; python:3.12-slim-bookworm is a fraction of its size\n", output: "FROM python:3.12-slim-bookworm\n" },
    { name: "a toolchain in the final stage", code: "FROM node AS web\nFROM golang:1.22\n#    ^^^^^^^^^^^ The final image starts from the toolchain image golang:1.22: build in an earlier stage and ship a static binary on gcr.io/distroless/static or scratch\n", output: null },
    { name: "node writes slim after the Debian suite", code: "FROM node:22-bookworm\n#    ^^^^^^^^^^^^^^^^ The final image starts from node:22-bookworm, which carries compilers and headers the program does not need at run time; node:22-bookworm-slim is a fraction of its size\n", output: "FROM node:22-bookworm-slim\n" },
    { name: "a release line keeps its line", code: "FROM node:lts\n#    ^^^^^^^^ The final image starts from node:lts, which carries compilers and headers the program does not need at run time; node:lts-slim is a fraction of its size\n", output: "FROM node:lts-slim\n" },
    { name: "a digest pins the full image: named, not rewritten", code: "FROM python:3.12@sha256:0123\n#    ^^^^^^^^^^^^^^^^^^^^^^^ The final image starts from python:3.12@sha256:0123, which carries compilers and headers the program does not need at run time; python:3.12-slim is a fraction of its size\n", output: null },
    { name: "the deprecated openjdk JDK image", code: "FROM openjdk:17\n#    ^^^^^^^^^^ The final image starts from openjdk:17, a deprecated JDK image: run the program on eclipse-temurin:<version>-jre\n", output: null },
    { name: "the full image reaches the final stage through an earlier stage", code: "FROM python:3.12 AS base\nRUN pip install flask\nFROM base\n#    ^^^^ The final image starts from python:3.12 (through the stage base), which carries compilers and headers the program does not need at run time; python:3.12-slim is a fraction of its size\n", output: null },
  ],
});
