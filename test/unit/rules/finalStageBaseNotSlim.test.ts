import { finalStageBaseNotSlim } from '../../../server/src/engine/rules/finalStageBaseNotSlim';
import type { Rule } from '../../../server/src/engine';
import { ruleTests } from '../../support/ruleTester';

ruleTests(finalStageBaseNotSlim as unknown as Rule, {
  valid: [
    { name: "already slim", code: "FROM python:3.12-slim\n" },
    { name: "a build stage may be full", code: "FROM python:3.12 AS build\nFROM python:3.12-alpine\n" },
    { name: "not an image with a slim variant", code: "FROM nginx:1.27\n" },
  ],
  invalid: [
    { name: "python version tag", code: "FROM python:3.12-bookworm\n#    ^^^^^^^^^^^^^^^^^^^^ The final image starts from python:3.12-bookworm, which carries compilers and headers the program does not need at run time; python:3.12-slim-bookworm is a fraction of its size\n", output: "FROM python:3.12-slim-bookworm\n" },
    { name: "a toolchain in the final stage", code: "FROM node AS web\nFROM golang:1.22\n#    ^^^^^^^^^^^ The final image starts from the toolchain image golang:1.22: build in an earlier stage and ship a static binary on gcr.io/distroless/static or scratch\n", output: null },
  ],
});
