/**
 * A Dockerfile that holds one canary secret of every kind Layerlens knows: literal credentials
 * of each shape, values of variables named like secrets, a password in a URL. Every canary
 * contains CANARY, so a scan of what Layerlens wrote finds any of them with one search.
 */
export const CANARY = 'CANARY';

export const CANARY_DOCKERFILE =
  [
    'FROM node:20 AS build',
    'ARG NPM_TOKEN=npm_CANARYaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
    'ENV GITHUB_TOKEN=ghp_CANARYbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb DB_PASSWORD=CANARY-hunter2',
    'ENV AWS_ACCESS_KEY_ID AKIACANARYCCCCCCCCCC',
    'ARG API_KEY',
    'WORKDIR /app',
    'COPY package.json .npmrc ./',
    'RUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci',
    'RUN git clone https://deploy:CANARY-pw@github.com/acme/app.git && echo $DB_PASSWORD $API_KEY $GITHUB_TOKEN',
    'RUN --mount=type=secret,id=token curl -H "Authorization: Bearer xoxb-CANARY-dddddddddd" https://example.com',
    'COPY . .',
    'RUN npm run build',
    'FROM node:20-slim',
    'COPY .npmrc /root/.npmrc',
    'COPY --from=build /app /app',
    'RUN cd /app && npm prune --omit=dev',
    'CMD ["node", "/app/server.js"]',
  ].join('\n') + '\n';

/** The context's `.npmrc`, which the final stage copies: a real-looking token, so that SecretFileCopied reads it. */
export const CANARY_NPMRC = '//registry.npmjs.org/:_authToken=npm_CANARYeeeeeeeeeeeeeeeeeeeeeeeeeeeeee\n';

/** Build arguments a user might pass: one named like a secret. */
export const CANARY_BUILD_ARGS = { API_KEY: 'CANARY-build-arg-key', PLAIN: 'not-secret' };
