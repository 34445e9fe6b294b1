import { undefinedVar } from '../../../server/src/engine/rules/undefinedVar';
import { ruleTests } from '../../support/ruleTester';

ruleTests(undefinedVar, {
  valid: [
    { name: "an image's path variable extended beside a near name: LIBRARY_PATH is gcc's own, not a typo of LD_LIBRARY_PATH", code: "ARG BASE_IMAGE=quay.io/centos/centos:stream9\nFROM ${BASE_IMAGE}\nENV LD_LIBRARY_PATH=/usr/lib64\nENV LIBRARY_PATH=\"/opt/mpi/lib64:${LIBRARY_PATH}\"\n" },
    { name: "an image's variable extended twice: the base image may set it", code: "FROM nvidia/cuda:8.0-devel\nENV LD_LIBRARY_PATH ${LD_LIBRARY_PATH}:/usr/local/cuda/lib64\nENV LD_LIBRARY_PATH ${LD_LIBRARY_PATH}:/usr/local/lib\n" },
    { name: "a global ARG out of scope, but the official image sets the same ENV", code: "ARG PYTHON_VERSION=3.11\nFROM python:$PYTHON_VERSION-slim\nENV UV_PYTHON=$PYTHON_VERSION\n" },
    { name: "the .NET SDK image's own variable", code: "ARG DOTNET_VERSION=8.0\nFROM mcr.microsoft.com/dotnet/sdk:8.0 AS build\nLABEL v=$DOTNET_VERSION\n" },
    { name: "declared", code: "FROM alpine\nARG DIR=/srv\nCOPY . $DIR\n" },
    { name: "an unknown base image may define it", code: "FROM golang:1.22\nENV PATH=$GOPATH/bin:$PATH\n" },
    { name: "RUN is the shell's", code: "FROM alpine\nRUN echo $HOME\n" },
    { name: "a default operator", code: "FROM alpine\nCOPY ${SRC:-.} /srv\n" },
  ],
  invalid: [
    { name: "BuildKit's hint reaches two edits, whatever the name's length (tried on v0.25)", code: "FROM alpine\nENV XY=1\nENV A=$AB\n#   ^^^^^ Usage of undefined variable '$AB' (did you mean $XY?)\n", output: null },
    { name: "three edits away is no hint: LIBRARY_PATH beside LD_LIBRARY_PATH (tried on v0.25)", code: "FROM alpine\nENV LD_LIBRARY_PATH=/usr/lib64\nENV LIBRARY_PATH=\"/opt/lib64:${LIBRARY_PATH}\"\n#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Usage of undefined variable '$LIBRARY_PATH'\n", output: null },
    { name: "a typo on a known base", code: "FROM alpine\nARG DIR_ASSETS=assets/\nCOPY $DIR_ASSET /srv/\n#    ^^^^^^^^^^ Usage of undefined variable '$DIR_ASSET' (did you mean $DIR_ASSETS?)\n", output: null },
    { name: "declared later in the stage", code: "FROM node:22\nCOPY $SRC /srv\n#    ^^^^ Usage of undefined variable '$SRC'\nARG SRC=.\n", output: null },
    { name: "a global ARG not re-declared", code: "ARG VERSION=1\nFROM node:22\nENV APP_VERSION=$VERSION\n#   ^^^^^^^^^^^^^^^^^^^^ Usage of undefined variable '$VERSION'\n", output: null },
  ],
});
