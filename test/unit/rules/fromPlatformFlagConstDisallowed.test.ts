import { fromPlatformFlagConstDisallowed } from '../../../server/src/engine/rules/fromPlatformFlagConstDisallowed';
import { dockerfile, ruleTests } from '../../support/ruleTester';

ruleTests(fromPlatformFlagConstDisallowed, {
  valid: [
    {
      name: 'a variable',
      code: dockerfile`
        FROM --platform=$BUILDPLATFORM a
      `,
    },
    {
      name: 'a stage named after its architecture',
      code: dockerfile`
        FROM --platform=linux/arm64 a AS build-arm64
      `,
    },
    {
      name: 'an architecture alone is on Linux: a name with linux matches (tried on BuildKit v0.25)',
      code: dockerfile`
        FROM --platform=amd64 a AS pkg-linux-firmware
      `,
    },
    {
      name: 'x86_64 is read as amd64',
      code: dockerfile`
        FROM --platform=linux/x86_64 a AS build-amd64
      `,
    },
    {
      name: "an OS alone: the builder's architecture may be the one named",
      code: dockerfile`
        FROM --platform=linux a AS foo-amd64
      `,
    },
  ],
  invalid: [
    {
      name: 'a variable FROM that names an image, never a stage: renaming stays the way out',
      code: dockerfile`
        FROM --platform=linux/amd64 a AS builder
        #    ^^^^^^^^^^^^^^^^^^^^^^ FROM --platform flag should not use constant value "linux/amd64": use $BUILDPLATFORM or $TARGETPLATFORM, or, where the pin is deliberate (an image or download that exists for one platform only), name the stage after it (\`AS <name>-amd64\`), which BuildKit accepts
        FROM \${UPSTREAM_REPO:-uselagoon}/commons:\${UPSTREAM_TAG:-latest}
        COPY --from=builder /x /x
      `,
      output: null,
    },
    {
      name: 'a constant',
      code: dockerfile`
        FROM --platform=linux/amd64 golang
        #    ^^^^^^^^^^^^^^^^^^^^^^ FROM --platform flag should not use constant value "linux/amd64": use $BUILDPLATFORM or $TARGETPLATFORM, or, where the pin is deliberate (an image or download that exists for one platform only), name the stage after it (\`AS <name>-amd64\`), which BuildKit accepts
      `,
      output: null,
    },
    {
      name: 'x86_64 in the name is not amd64 to BuildKit',
      code: dockerfile`
        FROM --platform=linux/x86_64 a AS build-x86_64
        #    ^^^^^^^^^^^^^^^^^^^^^^^ FROM --platform flag should not use constant value "linux/x86_64": use $BUILDPLATFORM or $TARGETPLATFORM, or, where the pin is deliberate (an image or download that exists for one platform only), name the stage after it (\`AS <name>-amd64\`), which BuildKit accepts
      `,
      output: null,
    },
    {
      name: 'an architecture alone, a name without it',
      code: dockerfile`
        FROM --platform=arm64 a AS pkg
        #    ^^^^^^^^^^^^^^^^ FROM --platform flag should not use constant value "arm64": use $BUILDPLATFORM or $TARGETPLATFORM, or, where the pin is deliberate (an image or download that exists for one platform only), name the stage after it (\`AS <name>-arm64\`), which BuildKit accepts
      `,
      output: null,
    },
    {
      name: 'a stage a variable FROM picks by name is not told to rename',
      code: dockerfile`
        FROM --platform=linux/arm64 a AS arm
        #    ^^^^^^^^^^^^^^^^^^^^^^ FROM --platform flag should not use constant value "linux/arm64": use $BUILDPLATFORM or $TARGETPLATFORM (a FROM with a variable may pick this stage by its name, so renaming it is no way out here)
        FROM \${TARGETARCH} AS builder
      `,
      output: null,
    },
  ],
});
