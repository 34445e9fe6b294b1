import { cacheBustingArgTooEarly } from '../../../server/src/engine/rules/cacheBustingArgTooEarly';
import { ruleTests } from '../../support/ruleTester';

ruleTests(cacheBustingArgTooEarly, {
  valid: [
    { name: "declared where used", code: "FROM a\nRUN npm ci\nARG GIT_SHA\nLABEL rev=$GIT_SHA\n" },
    { name: "a script may read it", code: "FROM a\nARG VERSION\nRUN ./build.sh\n" },
    { name: "an ordinary ARG", code: "FROM a\nARG NODE_ENV=production\nRUN npm ci\n" },
  ],
  invalid: [
    { name: "moved to its first use", code: "FROM node\nARG GIT_SHA\n#   ^^^^^^^ ARG GIT_SHA usually changes on every build, and every RUN after it has its value in its cache key: lines 3, 4 re-run on each build although they do not use it. Declare it just before its first use (line 5)\nRUN npm ci\nRUN npm test\nLABEL rev=$GIT_SHA\n", output: "FROM node\nRUN npm ci\nRUN npm test\nARG GIT_SHA\nLABEL rev=$GIT_SHA\n" },
    { name: "never used: no fix", code: "FROM node\nARG BUILD_DATE\n#   ^^^^^^^^^^ ARG BUILD_DATE usually changes on every build, and every RUN after it has its value in its cache key: line 3 re-run on each build although it does not use it. Declare it only where it is used\nRUN npm ci\n", output: null },
  ],
});
