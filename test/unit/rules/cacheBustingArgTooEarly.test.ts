import { cacheBustingArgTooEarly } from '../../../server/src/engine/rules/cacheBustingArgTooEarly';
import { dockerfile, ruleTests } from '../../support/ruleTester';

ruleTests(cacheBustingArgTooEarly, {
  valid: [
    {
      name: 'declared where used',
      code: dockerfile`
        FROM a
        RUN npm ci
        ARG GIT_SHA
        LABEL rev=$GIT_SHA
      `,
    },
    {
      name: 'a script may read it',
      code: dockerfile`
        FROM a
        ARG VERSION
        RUN ./build.sh
      `,
    },
    {
      name: 'an ordinary ARG',
      code: dockerfile`
        FROM a
        ARG NODE_ENV=production
        RUN npm ci
      `,
    },
  ],
  invalid: [
    {
      name: 'moved to its first use',
      code: dockerfile`
        FROM node
        ARG GIT_SHA
        #   ^^^^^^^ ARG GIT_SHA usually changes on every build, and every RUN after it has its value in its cache key: lines 3, 4 re-run on each build although they do not use it. Declare it just before its first use (line 5)
        RUN npm ci
        RUN npm test
        LABEL rev=$GIT_SHA
      `,
      output: dockerfile`
        FROM node
        RUN npm ci
        RUN npm test
        ARG GIT_SHA
        LABEL rev=$GIT_SHA
      `,
    },
    {
      name: 'never used: no fix',
      code: dockerfile`
        FROM node
        ARG BUILD_DATE
        #   ^^^^^^^^^^ ARG BUILD_DATE usually changes on every build, and every RUN after it has its value in its cache key: line 3 re-run on each build although it does not use it. Declare it only where it is used
        RUN npm ci
      `,
      output: null,
    },
  ],
});
