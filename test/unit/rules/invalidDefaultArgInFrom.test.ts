import { invalidDefaultArgInFrom } from '../../../server/src/engine/rules/invalidDefaultArgInFrom';
import { ruleTests } from '../../support/ruleTester';

ruleTests(invalidDefaultArgInFrom, {
  valid: [
    { name: "a build tool's template placeholder (Maven fills it in before BuildKit sees the file)", code: "FROM ${docker.base.image}\nCOPY app.jar /app.jar\n" },
    { name: "a default made by replacement (verified on BuildKit v0.25)", code: "ARG SHA=sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\nARG IMAGE=debian:bookworm-slim\nARG IMAGE=${IMAGE/debian:bookworm-slim/debian@$SHA}\nFROM $IMAGE\n" },
    { name: "a frontend pinned before 1.8 has no build checks", code: "# syntax=docker/dockerfile:1.6.0@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\nARG BASE\nFROM $BASE\n" },
    { name: "a default", code: "ARG V=stable\nFROM busybox:$V\n" },
    { name: "quotes are removed, as the shell does (verified on BuildKit v0.25)", code: "ARG version=24.04\nFROM ubuntu:\"${version}\"\n" },
    { name: "an empty suffix", code: "ARG VARIANT=\"\"\nFROM busybox:stable${VARIANT}\n" },
    { name: "platform args", code: "FROM binaries-$TARGETOS AS x\n" },
  ],
  invalid: [
    { name: "no default", code: "ARG IMAGE\nFROM $IMAGE\n#    ^^^^^^ Default value for ARG $IMAGE results in empty or invalid base image name\n", output: null },
  ],
});
