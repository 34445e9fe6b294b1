import { undefinedVar } from '../../../server/src/engine/rules/undefinedVar';
import type { Rule } from '../../../server/src/engine';
import { ruleTests } from '../../support/ruleTester';

ruleTests(undefinedVar as unknown as Rule, {
  valid: [
    { name: "an image's variable extended twice: the base image may set it", code: "FROM nvidia/cuda:8.0-devel\nENV LD_LIBRARY_PATH ${LD_LIBRARY_PATH}:/usr/local/cuda/lib64\nENV LD_LIBRARY_PATH ${LD_LIBRARY_PATH}:/usr/local/lib\n" },
    { name: "declared", code: "FROM alpine\nARG DIR=/srv\nCOPY . $DIR\n" },
    { name: "an unknown base image may define it", code: "FROM golang:1.22\nENV PATH=$GOPATH/bin:$PATH\n" },
    { name: "RUN is the shell's", code: "FROM alpine\nRUN echo $HOME\n" },
    { name: "a default operator", code: "FROM alpine\nCOPY ${SRC:-.} /srv\n" },
  ],
  invalid: [
    { name: "a typo on a known base", code: "FROM alpine\nARG DIR_ASSETS=assets/\nCOPY $DIR_ASSET /srv/\n#    ^^^^^^^^^^ Usage of undefined variable '$DIR_ASSET' (did you mean $DIR_ASSETS?)\n", output: null },
    { name: "declared later in the stage", code: "FROM node:22\nCOPY $SRC /srv\n#    ^^^^ Usage of undefined variable '$SRC'\nARG SRC=.\n", output: null },
    { name: "a global ARG not re-declared", code: "ARG VERSION=1\nFROM node:22\nENV APP_VERSION=$VERSION\n#   ^^^^^^^^^^^^^^^^^^^^ Usage of undefined variable '$VERSION'\n", output: null },
  ],
});
