import { secretFileCopied } from '../../../server/src/engine/rules/secretFileCopied';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze, readBuildContext } from '../../../server/src/engine';
import { dockerfile, listingOf, ruleTests } from '../../support/ruleTester';

const npmrc = '//registry.example.com/:_authToken=5f2b1c9e-8d4a-4e7b-9c3d-2a1b0c9d8e7f\n';
const key = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n';
/** The rule is off by default (docs/precision.md): these tests turn it on as a user would. */
const ON = { SecretFileCopied: 'warning' as const };
const message = (path: string, kind: string) =>
  `${path} holds ${kind} and is copied into a layer, where it stays even if a later step deletes it: mount it with --mount=type=secret on the RUN that needs it instead`;

ruleTests(secretFileCopied, {
  valid: [
    {
      name: 'ordinary files',
      code: dockerfile`
        FROM a
        COPY package.json .env.example app.pub.pem ./
      `,
      context: { 'package.json': '{}', '.env.example': 'TOKEN=abc123def456', 'app.pub.pem': '' },
    },
    {
      name: 'public signing keys and certificates',
      code: dockerfile`
        FROM a
        COPY repo.gpg.key jenkins-pubkey.key ffdhe4096.pem /keys/
        ADD https://example.com/release.key /tmp/
      `,
      context: {
        'repo.gpg.key': '-----BEGIN PGP PUBLIC KEY BLOCK-----\n',
        'jenkins-pubkey.key': '',
        'ffdhe4096.pem': '-----BEGIN DH PARAMETERS-----\n',
      },
    },
    {
      name: 'the context holds no credentials',
      code: dockerfile`
        FROM a
        COPY . /app
      `,
      context: ['Dockerfile', 'src/main.py', '.env.example'],
    },
    {
      name: 'the folder copied holds none',
      code: dockerfile`
        FROM a
        COPY src/ /app/src/
      `,
      context: { 'src/main.py': '', 'certs/server.key': key },
    },
    {
      name: "keys inside node_modules are not the project's",
      code: dockerfile`
        FROM a
        COPY . /app
      `,
      context: { 'node_modules/x/test/fixtures/server.key': key, 'node_modules/y/.env': 'API_TOKEN=5f2b1c9e8d4a4e7b' },
    },
    {
      name: '.npmrc with settings only, or a token read from the environment at install time',
      code: dockerfile`
        FROM node
        COPY .npmrc ./
        COPY web/.npmrc web/
      `,
      context: {
        '.npmrc': 'engine-strict=true\nauto-install-peers=false\n',
        'web/.npmrc': '//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n',
      },
    },
    {
      name: '.env with public, empty, placeholder and local values',
      code: dockerfile`
        FROM a
        COPY . /app
      `,
      context: {
        '.env':
          '# settings\nPORT=3000\nDATABASE_URL=postgres://app:app@localhost:5432/app\nAPI_KEY=\nSECRET_KEY=changeme\nJWT_SECRET=${JWT_SECRET}\nDEBUG=true\n',
      },
    },
    {
      name: 'keys under test data and examples',
      code: dockerfile`
        FROM a
        COPY . /app
      `,
      context: { 'testdata/server.key': key, 'examples/tls/key.pem': key, 'spec/fixtures/.npmrc': npmrc },
    },
    {
      name: 'copied into a build stage that does not ship',
      code: dockerfile`
        FROM node AS build
        COPY .npmrc package.json ./
        RUN npm ci
        FROM node
        COPY --from=build /node_modules /node_modules
      `,
      context: { '.npmrc': npmrc },
    },
    {
      name: 'the context is unknown: nothing is said by name alone',
      code: dockerfile`
        FROM a
        COPY .npmrc ./
      `,
    },
  ],
  invalid: [
    {
      name: '.npmrc with a token, copied for npm ci: mounted as a secret at the same path on the RUN, its rm dropped, the COPY kept for the rest',
      code: `FROM node:22\nWORKDIR /app\nCOPY .npmrc package.json ./\n#    ^^^^^^ ${message('.npmrc', 'an npm auth token')}\nRUN npm ci && rm .npmrc\nRUN npm run build\n`,
      context: { '.npmrc': npmrc, 'package.json': '{}' },
      output: dockerfile`
        FROM node:22
        WORKDIR /app
        COPY package.json ./
        RUN --mount=type=secret,id=npmrc,target=/app/.npmrc,required=true npm ci
        RUN --mount=type=secret,id=npmrc,target=/app/.npmrc,required=true npm run build
      `,
    },
    {
      name: "poetry's auth.toml copied alone: the COPY goes",
      code: `FROM python:3.12\nCOPY auth.toml /root/.config/pypoetry/auth.toml\n#    ^^^^^^^^^ ${message('auth.toml', 'a package index password')}\nRUN poetry install --no-root\n`,
      context: { 'auth.toml': '[http-basic.private]\nusername = "deploy"\npassword = "s3cr3t-Xq9v"\n' },
      output: dockerfile`
        FROM python:3.12
        RUN --mount=type=secret,id=auth_toml,target=/root/.config/pypoetry/auth.toml,required=true poetry install --no-root
      `,
    },
    {
      name: 'a TLS private key',
      code: `FROM a\nCOPY certs/server.key /etc/tls/\n#    ^^^^^^^^^^^^^^^^ ${message('certs/server.key', 'a private key')}\n`,
      context: { 'certs/server.key': key },
      output: null,
    },
    {
      name: 'a .env with a real secret that the whole context sends',
      code: dockerfile`
        FROM a
        COPY . /app
        #    ^ The build context holds .env, with credentials in it: this COPY sends it into a layer for good. Exclude it in .dockerignore and mount what a step needs with --mount=type=secret
      `,
      context: { Dockerfile: '', '.env': 'PORT=3000\nSTRIPE_SECRET_KEY=sk_live_51HxQ2eKq8Zr\n', 'src/main.py': '' },
      output: null,
    },
    {
      name: 'keys in a copied folder, and a wildcard',
      code: dockerfile`
        FROM a
        COPY config/ /etc/app/
        #    ^^^^^^^ config/ holds config/.npmrc, config/deploy/id_ed25519, with credentials in them: this COPY sends them into a layer for good. Exclude them in .dockerignore and mount what a step needs with --mount=type=secret
        COPY conf* /srv/
        #    ^^^^^ conf* holds config/.npmrc, config/deploy/id_ed25519, with credentials in them: this COPY sends them into a layer for good. Exclude them in .dockerignore and mount what a step needs with --mount=type=secret
      `,
      context: {
        'config/app.yaml': '',
        'config/.npmrc': npmrc,
        'config/deploy/id_ed25519': '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n',
      },
      output: null,
    },
  ],
});

test('the .npmrc fix also asks for .npmrc in .dockerignore', () => {
  const { findings } = analyze('FROM node:22\nCOPY .npmrc ./\nRUN npm ci\n', {
    context: listingOf({ '.npmrc': '//registry.npmjs.org/:_authToken=5f2b1c9e-8d4a-4e7b\n' }),
    severities: ON,
  });
  assert.deepEqual(findings.find((f) => f.rule === 'SecretFileCopied')?.fix?.contextLines, [{ file: '.dockerignore', line: '.npmrc' }]);
});

test('a credential file git tracks is in every clone already: only a git-ignored one that the context sends is reported', () => {
  const files: Record<string, string> = {
    '/repo/.gitignore': '# local settings\n.env.local\nsecrets/\n',
    '/repo/.env': 'STRIPE_SECRET_KEY=sk_test_committed_default_1234\n',
    '/repo/.env.local': 'STRIPE_SECRET_KEY=sk_live_51HxQ2eKq8ZrLocalOnly\n',
    '/repo/secrets/.npmrc': '//registry.npmjs.org/:_authToken=5f2b1c9e-8d4a-4e7b-9c3d-2a1b0c9d8e7f\n',
    '/repo/app.py': '',
  };
  const io = {
    readText: (file: string) => files[file],
    readDir: (dir: string) => {
      const prefix = dir.endsWith('/') ? dir : `${dir}/`;
      const names = new Map<string, boolean>();
      for (const file of Object.keys(files).filter((f) => f.startsWith(prefix))) {
        const [name, ...rest] = file.slice(prefix.length).split('/');
        names.set(name, rest.length > 0);
      }
      return [...names].map(([name, directory]) => ({ name, directory }));
    },
  };
  const context = readBuildContext('/repo/Dockerfile', '/repo', io);
  assert.ok(context);
  const { listing } = context;
  assert.deepEqual([...(listing.gitIgnored ?? [])].sort(), ['.env.local', 'secrets/.npmrc']);
  const { findings } = analyze('FROM python:3.12\nCOPY . /app\n', { context: listing, severities: ON });
  assert.deepEqual(
    findings.filter((f) => f.rule === 'SecretFileCopied').map((f) => f.message),
    [
      'The build context holds .env.local, secrets/.npmrc, with credentials in them: this COPY sends them into a layer for good. Exclude them in .dockerignore and mount what a step needs with --mount=type=secret',
    ],
  );
});
