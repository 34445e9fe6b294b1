import { buildToolsInFinalStage } from '../../../server/src/engine/rules/buildToolsInFinalStage';
import { dockerfile, ruleTests } from '../../support/ruleTester';

ruleTests(buildToolsInFinalStage, {
  valid: [
    {
      name: 'a debug target needs its tools',
      code: dockerfile`
        FROM golang AS build
        RUN go build -o /app .
        FROM debian AS debug
        RUN apt-get update && apt-get install -y gdb build-essential
      `,
    },
    {
      name: 'build tools in the build stage',
      code: dockerfile`
        FROM golang AS build
        RUN apt-get install -y gcc
        COPY . .
        FROM scratch
        COPY --from=build /app /app
      `,
    },
    {
      name: 'an interpreted program copies its sources',
      code: dockerfile`
        FROM node AS build
        RUN npm ci
        FROM node:22-slim
        COPY . /app
      `,
    },
    {
      name: "single stage is MultiStageRecommended's",
      code: dockerfile`
        FROM debian
        RUN apt-get install -y gcc
      `,
    },
  ],
  invalid: [
    {
      name: 'a compiler in the final stage',
      code: dockerfile`
        FROM golang AS build
        FROM debian
        #^^^ The final stage installs gcc, which only building needs: install it in a build stage and copy the result here
        RUN apt-get install -y gcc
      `,
      output: null,
    },
    {
      name: 'the whole context in the final stage after a compile',
      code: dockerfile`
        FROM golang AS build
        RUN go build -o /app .
        FROM debian:12-slim
        COPY . /app
        #    ^ The final stage copies the whole build context: sources, tests and build files ship with the image. Copy only what runs, from the context or from a build stage
      `,
      output: null,
    },
    {
      name: 'build tools that reach the final image through the stage it is built FROM',
      code: dockerfile`
        FROM debian:bookworm-slim AS base
        RUN apt-get update && apt-get install -y build-essential
        FROM base AS build
        RUN make
        FROM base
        #    ^^^^ The final image gets build-essential from the stage base it is built on, which only building needs: install it in a build stage and copy the result here
        COPY --from=build /out /out
      `,
      output: null,
    },
  ],
});
