import { invalidDefaultArgInFrom } from '../../../server/src/engine/rules/invalidDefaultArgInFrom';
import { dockerfile, ruleTests } from '../../support/ruleTester';

ruleTests(invalidDefaultArgInFrom, {
  valid: [
    {
      name: "a build tool's template placeholder (Maven fills it in before BuildKit sees the file)",
      code: dockerfile`
        FROM \${docker.base.image}
        COPY app.jar /app.jar
      `,
    },
    {
      name: 'a default made by replacement (verified on BuildKit v0.25)',
      code: dockerfile`
        ARG SHA=sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
        ARG IMAGE=debian:bookworm-slim
        ARG IMAGE=\${IMAGE/debian:bookworm-slim/debian@$SHA}
        FROM $IMAGE
      `,
    },
    {
      name: 'a frontend pinned before 1.8 has no build checks',
      code: dockerfile`
        # syntax=docker/dockerfile:1.6.0@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
        ARG BASE
        FROM $BASE
      `,
    },
    {
      name: 'a default',
      code: dockerfile`
        ARG V=stable
        FROM busybox:$V
      `,
    },
    {
      name: 'quotes are removed, as the shell does (verified on BuildKit v0.25)',
      code: dockerfile`
        ARG version=24.04
        FROM ubuntu:"\${version}"
      `,
    },
    {
      name: 'an empty suffix',
      code: dockerfile`
        ARG VARIANT=""
        FROM busybox:stable\${VARIANT}
      `,
    },
    {
      name: 'platform args',
      code: dockerfile`
        FROM binaries-$TARGETOS AS x
      `,
    },
  ],
  invalid: [
    {
      name: 'no default',
      code: dockerfile`
        ARG IMAGE
        FROM $IMAGE
        #    ^^^^^^ Default value for ARG $IMAGE results in empty or invalid base image name
      `,
      output: null,
    },
  ],
});
