import { buildToolsInFinalStage } from '../../../server/src/engine/rules/buildToolsInFinalStage';
import { ruleTests } from '../../support/ruleTester';

ruleTests(buildToolsInFinalStage, {
  valid: [
    { name: 'a debug target needs its tools', code: 'FROM golang AS build\nRUN go build -o /app .\nFROM debian AS debug\nRUN apt-get update && apt-get install -y gdb build-essential\n' },
    { name: "build tools in the build stage", code: "FROM golang AS build\nRUN apt-get install -y gcc\nCOPY . .\nFROM scratch\nCOPY --from=build /app /app\n" },
    { name: "an interpreted program copies its sources", code: "FROM node AS build\nRUN npm ci\nFROM node:22-slim\nCOPY . /app\n" },
    { name: "single stage is MultiStageRecommended's", code: "FROM debian\nRUN apt-get install -y gcc\n" },
  ],
  invalid: [
    { name: "a compiler in the final stage", code: "FROM golang AS build\nFROM debian\n#^^^ The final stage installs gcc, which only building needs: install it in a build stage and copy the result here\nRUN apt-get install -y gcc\n", output: null },
    { name: "the whole context in the final stage after a compile", code: "FROM golang AS build\nRUN go build -o /app .\nFROM debian:12-slim\nCOPY . /app\n#    ^ The final stage copies the whole build context: sources, tests and build files ship with the image. Copy only what runs, from the context or from a build stage\n", output: null },
    { name: "build tools that reach the final image through the stage it is built FROM", code: "FROM debian:bookworm-slim AS base\nRUN apt-get update && apt-get install -y build-essential\nFROM base AS build\nRUN make\nFROM base\n#    ^^^^ The final image gets build-essential from the stage base it is built on, which only building needs: install it in a build stage and copy the result here\nCOPY --from=build /out /out\n", output: null },
  ],
});
