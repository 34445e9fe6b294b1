import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildxCanCheck, buildxVersion, notReportedBy, readCheckOutput } from '../../common/buildkitChecks';

/** What buildx 0.29.1 printed for `--call=check,format=json` on a four-line file (shortened: no sources). */
const PRINTED = JSON.stringify({
  warnings: [
    {
      ruleName: 'ConsistentInstructionCasing',
      description: 'All commands within the Dockerfile should use the same casing (either upper or lower)',
      url: 'https://docs.docker.com/go/dockerfile/rule/consistent-instruction-casing/',
      detail: "Command 'from' should match the case of the command majority (uppercase)",
      location: { ranges: [{ start: { line: 1 }, end: { line: 1 } }] },
    },
    {
      ruleName: 'SecretsUsedInArgOrEnv',
      description: 'Sensitive data should not be used in the ARG or ENV commands',
      url: 'https://docs.docker.com/go/dockerfile/rule/secrets-used-in-arg-or-env/',
      detail: 'Do not use ARG or ENV instructions for sensitive data (ENV "key")',
      location: { ranges: [{ start: { line: 2 }, end: { line: 2 } }] },
    },
    {
      ruleName: 'NoEmptyContinuation',
      description: 'Empty continuation lines will become errors in a future release',
      location: { ranges: [{ start: { line: 3 }, end: { line: 5 } }] },
    },
    { ruleName: 'Broken', detail: 'no location' },
  ],
});

const outputs: { name: string; stdout: string; stderr?: string; expected: ReturnType<typeof readCheckOutput> }[] = [
  {
    name: 'warnings: rule, detail (else description), link and lines; a warning without a line is dropped',
    stdout: PRINTED,
    expected: {
      warnings: [
        {
          rule: 'ConsistentInstructionCasing',
          message: "Command 'from' should match the case of the command majority (uppercase)",
          url: 'https://docs.docker.com/go/dockerfile/rule/consistent-instruction-casing/',
          startLine: 1,
          endLine: 1,
        },
        {
          rule: 'SecretsUsedInArgOrEnv',
          message: 'Do not use ARG or ENV instructions for sensitive data (ENV "key")',
          url: 'https://docs.docker.com/go/dockerfile/rule/secrets-used-in-arg-or-env/',
          startLine: 2,
          endLine: 2,
        },
        {
          rule: 'NoEmptyContinuation',
          message: 'Empty continuation lines will become errors in a future release',
          startLine: 3,
          endLine: 5,
        },
      ],
    },
  },
  { name: 'a clean file', stdout: '{"warnings":null}', expected: { warnings: [] } },
  {
    name: 'BuildKit refused the file',
    stdout: '{"buildError":{"message":"dockerfile parse error on line 2: unknown instruction: FORM"}}',
    expected: { warnings: [], error: 'dockerfile parse error on line 2: unknown instruction: FORM' },
  },
  {
    name: 'a base image it could not resolve: the warnings printed before stand, with the error',
    stdout: JSON.stringify({
      warnings: [
        {
          ruleName: 'FromAsCasing',
          detail: "'as' and 'FROM' keywords' casing do not match",
          location: { ranges: [{ start: { line: 1 }, end: { line: 1 } }] },
        },
      ],
      buildError: { message: 'failed to resolve source metadata for docker.io/library/app:1' },
    }),
    expected: {
      warnings: [{ rule: 'FromAsCasing', message: "'as' and 'FROM' keywords' casing do not match", startLine: 1, endLine: 1 }],
      error: 'failed to resolve source metadata for docker.io/library/app:1',
    },
  },
  {
    name: 'no JSON: the last line of stderr says why',
    stdout: '',
    stderr: 'ERROR: failed to build: failed to solve: local/none: failed to resolve source metadata\n\n',
    expected: { failed: 'ERROR: failed to build: failed to solve: local/none: failed to resolve source metadata' },
  },
  { name: 'nothing at all', stdout: '', stderr: '', expected: { failed: 'docker printed no result' } },
];
for (const row of outputs) {
  test(`BuildKit checks output: ${row.name}`, () => assert.deepEqual(readCheckOutput(row.stdout, row.stderr ?? ''), row.expected));
}

const versions: [string, [number, number] | undefined, boolean][] = [
  ['github.com/docker/buildx v0.29.1 a1b2c3d', [0, 29], true],
  ['github.com/docker/buildx 0.29.1+ds1 0.29.1+ds1-4', [0, 29], true],
  ['github.com/docker/buildx v0.15.0 0123456', [0, 15], true],
  ['github.com/docker/buildx v0.14.1 0123456', [0, 14], false],
  ["docker: 'buildx' is not a docker command.", undefined, false],
];
for (const [output, version, can] of versions) {
  test(`buildx version: ${output}`, () => {
    assert.deepEqual(buildxVersion(output), version);
    assert.equal(buildxCanCheck(version), can);
  });
}

test("the same rule on a line Layerlens reports appears once: BuildKit's copy is left out, other rules and lines stay", () => {
  const warnings = (readCheckOutput(PRINTED, '') as { warnings: Parameters<typeof notReportedBy>[0] }).warnings;
  const reported = [
    { rule: 'ConsistentInstructionCasing', startLine: 1, endLine: 1 },
    { rule: 'LegacyKeyValueFormat', startLine: 2, endLine: 2 },
    // A multi-line instruction: BuildKit's line inside Layerlens' range is the same finding.
    { rule: 'NoEmptyContinuation', startLine: 2, endLine: 4 },
  ];
  assert.deepEqual(
    notReportedBy(warnings, reported).map((w) => `${w.rule}:${w.startLine}`),
    ['SecretsUsedInArgOrEnv:2'],
  );
});
