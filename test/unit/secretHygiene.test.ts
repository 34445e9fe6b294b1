import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze, parseDockerfile, secretRedactor } from '../../server/src/engine';
import { CANARY, CANARY_BUILD_ARGS, CANARY_DOCKERFILE } from '../support/secretCanaries';

test('SecretValueInFile and every other finding show where and what kind, never the value; fixes carry no secret in their titles', () => {
  const { findings } = analyze(CANARY_DOCKERFILE, { buildArgs: CANARY_BUILD_ARGS });
  const literal = findings.filter((f) => f.rule === 'SecretValueInFile');
  assert.deepEqual(literal.map((f) => f.message.replace(/ is written in the Dockerfile.*/, '')).sort(), [
    'A literal AWS access key id',
    'A literal GitHub token',
    'A literal Slack token',
    'A literal npm token',
    'A literal password in a URL',
  ]);
  for (const finding of findings) {
    assert.ok(!finding.message.includes(CANARY), `${finding.rule}: ${finding.message}`);
    assert.ok(!(finding.fix?.title ?? '').includes(CANARY), `${finding.rule}: ${finding.fix?.title}`);
  }
});

test('what is hidden: credentials of every known shape and values of secret-named variables that look like one, not plain words', () => {
  const model = parseDockerfile('FROM alpine\nARG AUTH_TYPE=none\nARG DB_PASSWORD=s3cr3t-pw\nENV API_TOKEN=averyveryverylongtoken\n');
  const redact = secretRedactor(model, { DEPLOY_KEY: 'k-12345', MODE: 'fast-mode-1' });
  assert.equal(
    redact('--network=none uses s3cr3t-pw, averyveryverylongtoken, k-12345 and fast-mode-1'),
    '--network=none uses ‹secret hidden›, ‹secret hidden›, ‹secret hidden› and fast-mode-1',
  );
  assert.equal(redact('git clone https://me:pw@example.com/r.git'), 'git clone ‹password in a URL hidden›/r.git');
});
