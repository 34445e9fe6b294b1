import { invalidMountOption } from '../../../server/src/engine/rules/invalidMountOption';
import { dockerfile, ruleTests } from '../../support/ruleTester';

ruleTests(invalidMountOption, {
  valid: [
    {
      name: 'every type with its keys',
      code: dockerfile`
        FROM a
        RUN --mount=type=cache,id=apt,target=/var/cache/apt,sharing=locked,mode=0755,uid=0,gid=0 \\
            --mount=type=secret,id=npmrc,target=/root/.npmrc,required=true \\
            --mount=type=bind,from=build,source=/out,target=/in,rw \\
            --mount=type=ssh --mount=type=tmpfs,target=/tmp,size=64m true
      `,
    },
    {
      name: 'variables are expanded before BuildKit checks the values, and quotes removed (verified on BuildKit v0.25)',
      code: dockerfile`
        FROM a
        ENV PUID=911
        ARG USER_ID=1000
        RUN --mount=type=cache,target=/c,uid=$PUID,gid=\${PGID:-0} true
        RUN --mount=type=cache,target=/d,uid="\${USER_ID}",sharing=$SHARING,mode="0755" true
      `,
    },
    {
      name: 'no target: the working directory (verified on BuildKit)',
      code: dockerfile`
        FROM a
        WORKDIR /w
        RUN --mount=type=cache --mount=from=build --mount=type=tmpfs ls
      `,
    },
    {
      name: "no target and no WORKDIR: the base image may set one (golang's is /go), so nothing is claimed",
      code: dockerfile`
        FROM golang:1.23
        RUN --mount=type=cache go build ./...
      `,
    },
    {
      name: 'the working directory set in the stage built FROM',
      code: dockerfile`
        FROM alpine AS base
        WORKDIR /src
        FROM base
        RUN --mount=type=cache,target=. ls
      `,
    },
    {
      name: 'a secret or ssh mount without target gets a default one; a secret as env= has no file',
      code: dockerfile`
        FROM scratch AS s
        RUN --mount=type=secret,id=npmrc --mount=type=ssh --mount=type=secret,id=t,env=T true
      `,
    },
    {
      name: 'a target built from a variable is not guessed',
      code: dockerfile`
        FROM scratch
        ARG DIR=/
        RUN --mount=type=cache,target=$DIR true
      `,
    },
  ],
  invalid: [
    {
      name: 'an unknown type',
      code: dockerfile`
        FROM a
        RUN --mount=type=volume,target=/x true
        #   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Invalid --mount: unknown mount type "volume" (expected bind, cache, secret, ssh or tmpfs)
      `,
      output: null,
    },
    {
      name: 'a bad sharing value',
      code: dockerfile`
        FROM a
        RUN --mount=type=cache,target=/x,sharing=exclusive true
        #   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Invalid --mount: sharing must be shared, private or locked, not "exclusive"
      `,
      output: null,
    },
    {
      name: 'sharing on a secret',
      code: dockerfile`
        FROM a
        RUN --mount=type=secret,id=x,sharing=locked true
        #   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Invalid --mount: sharing applies only to cache mounts, not type=secret
      `,
      output: null,
    },
    {
      name: 'a non-octal mode',
      code: dockerfile`
        FROM a
        RUN --mount=type=secret,id=x,mode=rw true
        #   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Invalid --mount: mode must be an octal permission such as 0644, not "rw"
      `,
      output: null,
    },
    {
      name: 'an unknown key',
      code: dockerfile`
        FROM a
        RUN --mount=type=cache,target=/x,bogus=1 true
        #   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Invalid --mount: unexpected key "bogus"
      `,
      output: null,
    },
    {
      name: 'a bare key that is not a flag',
      code: dockerfile`
        FROM a
        RUN --mount=type=bind,z true
        #   ^^^^^^^^^^^^^^^^^^^ Invalid --mount: "z" must be a key=value pair
      `,
      output: null,
    },
    {
      name: 'target=/ on any type (verified on BuildKit v0.25)',
      code: dockerfile`
        FROM a
        RUN --mount=type=cache,target=/ true
        #   ^^^^^^^^^^^^^^^^^^^^^^^^^^^ Invalid --mount: target=/ is the root directory, and BuildKit refuses to mount anything on /; name a target= such as /root/.cache
      `,
      output: null,
    },
    {
      name: 'no target after WORKDIR / (verified on BuildKit v0.25: invalid mount target "/")',
      code: dockerfile`
        FROM a
        WORKDIR /
        RUN --mount=type=cache apk add curl
        #   ^^^^^^^^^^^^^^^^^^ Invalid --mount: without target= the mount goes on the working directory, which is / here, and BuildKit refuses to mount anything on /; name a target= such as /root/.cache
      `,
      output: null,
    },
    {
      name: 'a relative target that climbs to /',
      code: dockerfile`
        FROM a
        WORKDIR /app
        RUN --mount=type=bind,target=.. true
        #   ^^^^^^^^^^^^^^^^^^^^^^^^^^^ Invalid --mount: target=.. in the working directory /app is /, and BuildKit refuses to mount anything on /; name a target= such as /root/.cache
      `,
      output: null,
    },
    {
      name: 'a secret without id or target',
      code: dockerfile`
        FROM a
        RUN --mount=type=secret true
        #   ^^^^^^^^^^^^^^^^^^^ Invalid --mount: a secret mount needs id= or target=
      `,
      output: null,
    },
  ],
});
