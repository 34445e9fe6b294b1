import { secretsUsedInArgOrEnv } from '../../../server/src/engine/rules/secretsUsedInArgOrEnv';
import { dockerfile, ruleTests } from '../../support/ruleTester';

const lines = (...l: string[]) => l.join('\n') + '\n';

ruleTests(secretsUsedInArgOrEnv, {
  valid: [
    {
      name: 'the last word says the value is an address, an id or a setting, not a credential',
      code: dockerfile`
        FROM node:22
        ARG DASHBOARD_AUTH_GITHUB_CLIENT_ID
        ARG DASHBOARD_RESET_PASSWORD_URL
        ARG METRICS_HTTP_AUTH_USER
        ARG PRIVATE_KEY_ROTATION_GRACE_PERIOD
        ENV AUTH_PROVIDERS=$AUTH_PROVIDERS PG_AUTH_MON_COMMIT=$PG_AUTH_MON_COMMIT
      `,
    },
    {
      name: "vendor identifiers published to every browser: Shopify's client id, a Segment write key, a publishable key",
      code: dockerfile`
        FROM node:22
        ARG SHOPIFY_API_KEY
        ENV SHOPIFY_API_KEY=$SHOPIFY_API_KEY
        ARG RI_SEGMENT_WRITE_KEY
        ARG STRIPE_PUBLISHABLE_KEY
        ARG RECAPTCHA_SITE_KEY
      `,
    },
    {
      name: "a stage no build reaches: BuildKit's build does not warn, and no image holds it",
      code: dockerfile`
        FROM getsentry/sentry-cli:1.63 AS sentry
        ARG SENTRY_AUTH_TOKEN
        RUN sentry-cli releases new 1
        FROM alpine
        RUN true
      `,
    },
    {
      name: 'a path to where the secret is, a commit hash, nokey',
      code: dockerfile`
        FROM alpine
        ENV SE_HTTPS_PRIVATE_KEY=/opt/selenium/secrets/tls.key PG_AUTH_MON_COMMIT=1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d SECRET_KEY_BASE=nokey
      `,
    },
    {
      name: 'values that cannot be secrets: empty, a number, yes/no, placeholders, another variable (a divergence from BuildKit, which goes by the name)',
      code: dockerfile`
        FROM alpine
        ENV APT_KEY_DONT_WARN_ON_DANGEROUS_USAGE=1 GOOGLE_API_KEY=no DD_ADMIN_PASSWORD='' SECRET_KEY=changeme SESSION_SECRET=CAFEBABE
        ARG PRIVATE_KEY_ROTATION_GRACE_PERIOD=3600
        ENV DB_PASSWORD=$DB_PASSWORD_FROM_RUNTIME
      `,
    },
    {
      name: 'values that say they are stand-ins',
      code: dockerfile`
        FROM alpine
        ARG SECRET_KEY_BASE=dummy_key_for_assets_precompilation
        ENV AUTH_SECRET="build-time-placeholder-min-32-chars-long" STRIPE_SECRET_KEY="test" \\
            VITE_API_KEY=__APP_API_KEY_PLACEHOLDER__ API_TOKEN="{{ api_token }}"
      `,
    },
    {
      name: 'more stand-ins: PLEASE_CHANGE_ME, foo',
      code: dockerfile`
        FROM alpine
        ENV JWT_SECRET_KEY='PLEASE_CHANGE_ME'
        ARG SECRET_KEY=foo
      `,
    },
    {
      name: 'front-end build variables are public by design; switches about credentials are not credentials; a DSN alone',
      code: lines(
        'FROM node',
        'ARG VITE_SENTRY_APP_KEY',
        'ARG REACT_APP_API_KEY',
        'ARG VITE_DISPATCH_AUTH_REGISTRATION_ENABLED',
        'ARG USE_ID_TOKEN',
        'ARG SENTRY_DSN',
      ),
    },
    {
      name: 'a global ARG: BuildKit checks only the ARGs of stages',
      code: dockerfile`
        ARG NX_CLOUD_ACCESS_TOKEN
        FROM alpine
      `,
    },
    {
      name: 'a stage ARG without a value takes the global default, here a stand-in',
      code: dockerfile`
        ARG SECRET_KEY_BASE="needs-to-be-set"
        FROM ruby
        ARG SECRET_KEY_BASE
        RUN rake assets:precompile
      `,
    },
    {
      name: 'literal values written in the file: in every clone already, and on real projects stand-ins or public defaults',
      code: lines(
        'FROM alpine',
        'ENV DB_PASSWORD=hunter2 MYSQL_PASSWORD=azur4c457 PUSHER_APP_KEY=keepappkey',
        "ENV POSTHOG_KEY=phc_muk9qE3TfZsX3SZ9XxX52kCGJBclrjhkP9JxAQcm1PZ AUTH_PROVIDERS='credentials'",
        'ARG SECRET_KEY_BASE=s3cr3t-Kq9',
      ),
    },
    {
      name: 'an ENV that copies a variable which is not a build argument',
      code: lines('FROM alpine', 'ENV BASE_TOKEN_DIR=/run', 'ENV API_TOKEN=$RUNTIME_TOKEN'),
    },
    { name: 'ordinary names', code: lines('FROM alpine', 'ARG VERSION=1', 'ENV PATH=/usr/local/bin:$PATH KEYBOARD=us') },
    {
      name: 'allow-listed words: public, file, version, path, gpg',
      code: lines(
        'FROM alpine',
        'ARG PUBLIC_KEY',
        'ENV PASSWORD_FILE=/run/secrets/pw',
        'ARG AUTH_MODULE_VERSION',
        'ENV SSH_KEY_PATH=/keys/id',
        'ENV GPG_KEY=7169605F62C751356D054A26A821E680E5FA6305',
      ),
    },
    {
      name: 'words that only contain a secret word',
      code: lines('FROM alpine', 'ARG PASSENGER_VERSION', 'ENV BYPASS=1 PATTERN=x KEYBOARD=us'),
    },
    { name: 'a secret mount instead', code: lines('FROM alpine', 'RUN --mount=type=secret,id=token cat /run/secrets/token') },
    { name: 'silenced for the file', code: lines('# check=skip=SecretsUsedInArgOrEnv', 'FROM alpine', 'ARG TOKEN') },
    { name: 'silenced for one instruction', code: lines('FROM alpine', '# check=skip=SecretsUsedInArgOrEnv', 'ARG TOKEN') },
  ],
  invalid: [
    {
      name: "an access key's id is half of a credential",
      code: dockerfile`
        FROM node:22
        ARG AWS_ACCESS_KEY_ID
        #   ^^^^^^^^^^^^^^^^^ Do not use ARG or ENV instructions for sensitive data (ARG "AWS_ACCESS_KEY_ID")
      `,
      output: null,
    },
    {
      name: 'the address that hands out credentials',
      code: dockerfile`
        FROM rust:1.80
        ARG AWS_CONTAINER_CREDENTIALS_RELATIVE_URI
        #   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Do not use ARG or ENV instructions for sensitive data (ARG "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI")
      `,
      output: null,
    },
    {
      name: 'the secret beside a public identifier is still one',
      code: dockerfile`
        FROM node:22
        ARG SHOPIFY_API_KEY
        ARG SHOPIFY_API_SECRET
        #   ^^^^^^^^^^^^^^^^^^ Do not use ARG or ENV instructions for sensitive data (ARG "SHOPIFY_API_SECRET")
      `,
      output: null,
    },
    {
      name: 'an ENV that copies a build argument into the image',
      code: lines(
        'FROM node',
        'ARG SENTRY_AUTH_TOKEN',
        '#   ^^^^^^^^^^^^^^^^^ Do not use ARG or ENV instructions for sensitive data (ARG "SENTRY_AUTH_TOKEN")',
        'ENV SENTRY_AUTH_TOKEN=${SENTRY_AUTH_TOKEN}',
        '#   ^^^^^^^^^^^^^^^^^ Do not use ARG or ENV instructions for sensitive data (ENV "SENTRY_AUTH_TOKEN")',
      ),
      output: null,
    },
    {
      name: 'a key on a continuation line is reported on the line its ENV starts, where BuildKit reports it',
      code: lines(
        'FROM alpine',
        'ARG DB_PASSWORD',
        '#   ^^^^^^^^^^^ Do not use ARG or ENV instructions for sensitive data (ARG "DB_PASSWORD")',
        'ENV APP=web \\',
        '#^^ Do not use ARG or ENV instructions for sensitive data (ENV "DB_PASSWORD")',
        '    DB_PASSWORD=$DB_PASSWORD',
      ),
      output: null,
    },
    {
      name: 'a stage ARG whose global default is a real value',
      code: lines(
        'ARG API_TOKEN=ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8',
        'FROM alpine',
        'ARG API_TOKEN',
        '#   ^^^^^^^^^ Do not use ARG or ENV instructions for sensitive data (ARG "API_TOKEN")',
        'RUN ./deploy',
      ),
      output: null,
    },
    {
      name: 'ARG read by one RUN: the ARG goes, the RUN mounts the secret',
      code: lines(
        'FROM node:20',
        'ARG NPM_TOKEN',
        '#   ^^^^^^^^^ Do not use ARG or ENV instructions for sensitive data (ARG "NPM_TOKEN")',
        'COPY package*.json ./',
        'RUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci && rm .npmrc',
      ),
      output: lines(
        'FROM node:20',
        'COPY package*.json ./',
        'RUN --mount=type=secret,id=npm_token,required=true export NPM_TOKEN="$(cat /run/secrets/npm_token)" && echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci && rm .npmrc',
      ),
    },
    {
      name: 'ENV among other pairs, read by two RUNs, one already with flags',
      code: lines(
        'FROM python:3.12',
        'ENV APP=web DB_PASSWORD=postgres://app:Hx8q2kT@db/app PORT=80',
        '#           ^^^^^^^^^^^ Do not use ARG or ENV instructions for sensitive data (ENV "DB_PASSWORD")',
        'RUN ./migrate --password "$DB_PASSWORD"',
        'RUN --mount=type=cache,target=/root/.cache/pip \\',
        '    pip install -r requirements.txt && ./check-db $DB_PASSWORD',
      ),
      output: lines(
        'FROM python:3.12',
        'ENV APP=web PORT=80',
        'RUN --mount=type=secret,id=db_password,required=true export DB_PASSWORD="$(cat /run/secrets/db_password)" && ./migrate --password "$DB_PASSWORD"',
        'RUN --mount=type=secret,id=db_password,required=true --mount=type=cache,target=/root/.cache/pip \\',
        '    export DB_PASSWORD="$(cat /run/secrets/db_password)" && pip install -r requirements.txt && ./check-db $DB_PASSWORD',
      ),
    },
    {
      name: 'a heredoc RUN gets the export as its first line (CRLF kept)',
      code: 'FROM alpine\r\nARG API_KEY\r\n#   ^^^^^^^ Do not use ARG or ENV instructions for sensitive data (ARG "API_KEY")\r\nRUN <<EOF\r\ncurl -H "key: $API_KEY" https://example.com\r\nEOF\r\n',
      output:
        'FROM alpine\r\nRUN --mount=type=secret,id=api_key,required=true <<EOF\r\nexport API_KEY="$(cat /run/secrets/api_key)"\r\ncurl -H "key: $API_KEY" https://example.com\r\nEOF\r\n',
    },
    {
      name: 'common names BuildKit misses: PWD, PAT',
      code: lines(
        'FROM alpine',
        'ARG MYSQL_PWD',
        '#   ^^^^^^^^^ Do not use ARG or ENV instructions for sensitive data (ARG "MYSQL_PWD")',
        'ARG GITHUB_PAT',
        '#   ^^^^^^^^^^ Do not use ARG or ENV instructions for sensitive data (ARG "GITHUB_PAT")',
      ),
      output: null,
    },
    {
      name: 'no fix when the variable is read outside RUN',
      code: lines(
        'FROM alpine',
        'ARG AUTH',
        '#   ^^^^ Do not use ARG or ENV instructions for sensitive data (ARG "AUTH")',
        'LABEL auth=$AUTH',
        'RUN use $AUTH',
      ),
      output: null,
    },
    {
      name: 'no fix when no RUN reads it',
      code: lines(
        'FROM alpine',
        'ENV GITHUB_TOKEN=ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8',
        '#   ^^^^^^^^^^^^ Do not use ARG or ENV instructions for sensitive data (ENV "GITHUB_TOKEN")',
      ),
      output: null,
    },
    {
      name: 'no fix for an exec-form RUN',
      code: lines(
        'FROM alpine',
        'ARG TOKEN',
        '#   ^^^^^ Do not use ARG or ENV instructions for sensitive data (ARG "TOKEN")',
        'RUN ["sh", "-c", "echo $TOKEN"]',
      ),
      output: null,
    },
    {
      name: 'no fix in a Windows file with a backtick escape',
      code: lines(
        '# escape=`',
        'FROM mcr.microsoft.com/windows/servercore:ltsc2022',
        'ARG TOKEN',
        '#   ^^^^^ Do not use ARG or ENV instructions for sensitive data (ARG "TOKEN")',
        'RUN echo %TOKEN% $TOKEN',
      ),
      output: null,
    },
  ],
});
