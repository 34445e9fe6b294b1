import { secretFileCopied } from '../../../server/src/engine/rules/secretFileCopied';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../../server/src/engine';
import type { Rule } from '../../../server/src/engine';
import { ruleTests } from '../../support/ruleTester';

ruleTests(secretFileCopied as unknown as Rule, {
  valid: [
    { name: "ordinary files", code: "FROM a\nCOPY package.json .env.example app.pub.pem ./\n" },
    { name: "public signing keys and certificates", code: "FROM a\nCOPY repo.gpg.key jenkins-pubkey.key ffdhe4096.pem /keys/\nADD https://example.com/release.key /tmp/\n" },
    { name: "the context holds no credentials", code: "FROM a\nCOPY . /app\n", context: ["Dockerfile", "src/main.py", ".env.example"] },
    { name: "the folder copied holds none", code: "FROM a\nCOPY src/ /app/src/\n", context: ["src/main.py", "certs/server.key"] },
    { name: "keys inside node_modules are not the project's", code: "FROM a\nCOPY . /app\n", context: ["node_modules/x/test/fixtures/server.key", "node_modules/y/.env"] },
  ],
  invalid: [
    {
      name: '.npmrc copied for npm ci: mounted as a secret at the same path on the RUN, its rm dropped, the COPY kept for the rest',
      code: "FROM node:22\nWORKDIR /app\nCOPY .npmrc package.json ./\n#    ^^^^^^ .npmrc holds credentials and is copied into a layer, where it stays even if a later step deletes it: mount it with --mount=type=secret on the RUN that needs it instead\nRUN npm ci && rm .npmrc\nRUN npm run build\n",
      output: "FROM node:22\nWORKDIR /app\nCOPY package.json ./\nRUN --mount=type=secret,id=npmrc,target=/app/.npmrc,required=true npm ci\nRUN --mount=type=secret,id=npmrc,target=/app/.npmrc,required=true npm run build\n",
    },
    {
      name: 'poetry\'s auth.toml copied alone: the COPY goes',
      code: "FROM python:3.12\nCOPY auth.toml /root/.config/pypoetry/auth.toml\n#    ^^^^^^^^^ auth.toml holds credentials and is copied into a layer, where it stays even if a later step deletes it: mount it with --mount=type=secret on the RUN that needs it instead\nRUN poetry install --no-root\n",
      output: "FROM python:3.12\nRUN --mount=type=secret,id=auth_toml,target=/root/.config/pypoetry/auth.toml,required=true poetry install --no-root\n",
    },
    { name: ".npmrc", code: "FROM a\nCOPY .npmrc ./\n#    ^^^^^^ .npmrc holds credentials and is copied into a layer, where it stays even if a later step deletes it: mount it with --mount=type=secret on the RUN that needs it instead\n", output: null },
    { name: "a TLS private key", code: "FROM a\nCOPY certs/server.key /etc/tls/\n#    ^^^^^^^^^^^^^^^^ certs/server.key holds credentials and is copied into a layer, where it stays even if a later step deletes it: mount it with --mount=type=secret on the RUN that needs it instead\n", output: null },
    { name: "a .env the whole context sends", code: "FROM a\nCOPY . /app\n#    ^ The build context holds .env, which holds credentials: this COPY sends it into a layer for good. Exclude it in .dockerignore and mount what a step needs with --mount=type=secret\n", context: ["Dockerfile", ".env", "src/main.py"], output: null },
    { name: "keys in a copied folder, and a wildcard", code: "FROM a\nCOPY config/ /etc/app/\n#    ^^^^^^^ config/ holds config/.npmrc, config/deploy/id_ed25519, which hold credentials: this COPY sends them into a layer for good. Exclude them in .dockerignore and mount what a step needs with --mount=type=secret\nCOPY conf* /srv/\n#    ^^^^^ conf* holds config/.npmrc, config/deploy/id_ed25519, which hold credentials: this COPY sends them into a layer for good. Exclude them in .dockerignore and mount what a step needs with --mount=type=secret\n", context: ["config/app.yaml", "config/.npmrc", "config/deploy/id_ed25519"], output: null },
    { name: "many at once", code: "FROM a\nCOPY . .\n#    ^ The build context holds .env, .netrc, .pypirc and 1 more, which hold credentials: this COPY sends them into a layer for good. Exclude them in .dockerignore and mount what a step needs with --mount=type=secret\n", context: [".env", ".netrc", ".pypirc", "auth.toml"], output: null },
  ],
});

test('the .npmrc fix also asks for .npmrc in .dockerignore', () => {
  const { findings } = analyze('FROM node:22\nCOPY .npmrc ./\nRUN npm ci\n');
  assert.deepEqual(findings.find((f) => f.rule === 'SecretFileCopied')?.fix?.contextLines, [{ file: '.dockerignore', line: '.npmrc' }]);
});
