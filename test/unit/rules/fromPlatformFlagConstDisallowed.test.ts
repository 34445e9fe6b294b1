import { fromPlatformFlagConstDisallowed } from '../../../server/src/engine/rules/fromPlatformFlagConstDisallowed';
import { ruleTests } from '../../support/ruleTester';

ruleTests(fromPlatformFlagConstDisallowed, {
  valid: [
    { name: "a variable", code: "FROM --platform=$BUILDPLATFORM a\n" },
    { name: "a stage named after its architecture", code: "FROM --platform=linux/arm64 a AS build-arm64\n" },
    { name: "an architecture alone is on Linux: a name with linux matches (tried on BuildKit v0.25)", code: "FROM --platform=amd64 a AS pkg-linux-firmware\n" },
    { name: "x86_64 is read as amd64", code: "FROM --platform=linux/x86_64 a AS build-amd64\n" },
    { name: "an OS alone: the builder's architecture may be the one named", code: "FROM --platform=linux a AS foo-amd64\n" },
  ],
  invalid: [
    { name: "a variable FROM that names an image, never a stage: renaming stays the way out", code: "FROM --platform=linux/amd64 a AS builder\n#    ^^^^^^^^^^^^^^^^^^^^^^ FROM --platform flag should not use constant value \"linux/amd64\": use $BUILDPLATFORM or $TARGETPLATFORM, or, where the pin is deliberate (an image or download that exists for one platform only), name the stage after it (`AS <name>-amd64`), which BuildKit accepts\nFROM ${UPSTREAM_REPO:-uselagoon}/commons:${UPSTREAM_TAG:-latest}\nCOPY --from=builder /x /x\n", output: null },
    { name: "a constant", code: "FROM --platform=linux/amd64 golang\n#    ^^^^^^^^^^^^^^^^^^^^^^ FROM --platform flag should not use constant value \"linux/amd64\": use $BUILDPLATFORM or $TARGETPLATFORM, or, where the pin is deliberate (an image or download that exists for one platform only), name the stage after it (`AS <name>-amd64`), which BuildKit accepts\n", output: null },
    { name: "x86_64 in the name is not amd64 to BuildKit", code: "FROM --platform=linux/x86_64 a AS build-x86_64\n#    ^^^^^^^^^^^^^^^^^^^^^^^ FROM --platform flag should not use constant value \"linux/x86_64\": use $BUILDPLATFORM or $TARGETPLATFORM, or, where the pin is deliberate (an image or download that exists for one platform only), name the stage after it (`AS <name>-amd64`), which BuildKit accepts\n", output: null },
    { name: "an architecture alone, a name without it", code: "FROM --platform=arm64 a AS pkg\n#    ^^^^^^^^^^^^^^^^ FROM --platform flag should not use constant value \"arm64\": use $BUILDPLATFORM or $TARGETPLATFORM, or, where the pin is deliberate (an image or download that exists for one platform only), name the stage after it (`AS <name>-arm64`), which BuildKit accepts\n", output: null },
    { name: "a stage a variable FROM picks by name is not told to rename", code: "FROM --platform=linux/arm64 a AS arm\n#    ^^^^^^^^^^^^^^^^^^^^^^ FROM --platform flag should not use constant value \"linux/arm64\": use $BUILDPLATFORM or $TARGETPLATFORM (a FROM with a variable may pick this stage by its name, so renaming it is no way out here)\nFROM ${TARGETARCH} AS builder\n", output: null },
  ],
});
