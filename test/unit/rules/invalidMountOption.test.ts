import { invalidMountOption } from '../../../server/src/engine/rules/invalidMountOption';
import { ruleTests } from '../../support/ruleTester';

ruleTests(invalidMountOption, {
  valid: [
    { name: "every type with its keys", code: "FROM a\nRUN --mount=type=cache,id=apt,target=/var/cache/apt,sharing=locked,mode=0755,uid=0,gid=0 \\\n    --mount=type=secret,id=npmrc,target=/root/.npmrc,required=true \\\n    --mount=type=bind,from=build,source=/out,target=/in,rw \\\n    --mount=type=ssh --mount=type=tmpfs,target=/tmp,size=64m true\n" },
    { name: "variables are expanded before BuildKit checks the values, and quotes removed (verified on BuildKit v0.25)", code: "FROM a\nENV PUID=911\nARG USER_ID=1000\nRUN --mount=type=cache,target=/c,uid=$PUID,gid=${PGID:-0} true\nRUN --mount=type=cache,target=/d,uid=\"${USER_ID}\",sharing=$SHARING,mode=\"0755\" true\n" },
    { name: "no target: the working directory (verified on BuildKit)", code: "FROM a\nWORKDIR /w\nRUN --mount=type=cache --mount=from=build --mount=type=tmpfs ls\n" },
    { name: "no target and no WORKDIR: the base image may set one (golang's is /go), so nothing is claimed", code: "FROM golang:1.23\nRUN --mount=type=cache go build ./...\n" },
    { name: "the working directory set in the stage built FROM", code: "FROM alpine AS base\nWORKDIR /src\nFROM base\nRUN --mount=type=cache,target=. ls\n" },
    { name: "a secret or ssh mount without target gets a default one; a secret as env= has no file", code: "FROM scratch AS s\nRUN --mount=type=secret,id=npmrc --mount=type=ssh --mount=type=secret,id=t,env=T true\n" },
    { name: "a target built from a variable is not guessed", code: "FROM scratch\nARG DIR=/\nRUN --mount=type=cache,target=$DIR true\n" },
  ],
  invalid: [
    { name: "an unknown type", code: "FROM a\nRUN --mount=type=volume,target=/x true\n#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Invalid --mount: unknown mount type \"volume\" (expected bind, cache, secret, ssh or tmpfs)\n", output: null },
    { name: "a bad sharing value", code: "FROM a\nRUN --mount=type=cache,target=/x,sharing=exclusive true\n#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Invalid --mount: sharing must be shared, private or locked, not \"exclusive\"\n", output: null },
    { name: "sharing on a secret", code: "FROM a\nRUN --mount=type=secret,id=x,sharing=locked true\n#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Invalid --mount: sharing applies only to cache mounts, not type=secret\n", output: null },
    { name: "a non-octal mode", code: "FROM a\nRUN --mount=type=secret,id=x,mode=rw true\n#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Invalid --mount: mode must be an octal permission such as 0644, not \"rw\"\n", output: null },
    { name: "an unknown key", code: "FROM a\nRUN --mount=type=cache,target=/x,bogus=1 true\n#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Invalid --mount: unexpected key \"bogus\"\n", output: null },
    { name: "a bare key that is not a flag", code: "FROM a\nRUN --mount=type=bind,z true\n#   ^^^^^^^^^^^^^^^^^^^ Invalid --mount: \"z\" must be a key=value pair\n", output: null },
    { name: "target=/ on any type (verified on BuildKit v0.25)", code: "FROM a\nRUN --mount=type=cache,target=/ true\n#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^ Invalid --mount: target=/ is the root directory, and BuildKit refuses to mount anything on /; name a target= such as /root/.cache\n", output: null },
    { name: "no target after WORKDIR / (verified on BuildKit v0.25: invalid mount target \"/\")", code: "FROM a\nWORKDIR /\nRUN --mount=type=cache apk add curl\n#   ^^^^^^^^^^^^^^^^^^ Invalid --mount: without target= the mount goes on the working directory, which is / here, and BuildKit refuses to mount anything on /; name a target= such as /root/.cache\n", output: null },
    { name: "a relative target that climbs to /", code: "FROM a\nWORKDIR /app\nRUN --mount=type=bind,target=.. true\n#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^ Invalid --mount: target=.. in the working directory /app is /, and BuildKit refuses to mount anything on /; name a target= such as /root/.cache\n", output: null },
    { name: "a secret without id or target", code: "FROM a\nRUN --mount=type=secret true\n#   ^^^^^^^^^^^^^^^^^^^ Invalid --mount: a secret mount needs id= or target=\n", output: null },
  ],
});
