import { notUtf8Text } from '../../../server/src/engine/rules/notUtf8Text';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../../server/src/engine';
import { dockerfile, ruleTests } from '../../support/ruleTester';

ruleTests(notUtf8Text, {
  valid: [
    {
      name: 'UTF-8 text beyond ASCII',
      code: dockerfile`
        FROM alpine
        RUN echo "café ☕ 日本" > /greeting
      `,
    },
    { name: 'a byte-order mark is UTF-8 too', code: '\uFEFFFROM alpine\nRUN true\n' },
  ],
  invalid: [
    {
      name: 'a Latin-1 byte, decoded as UTF-8',
      code: dockerfile`
        FROM alpine
        RUN echo "caf�" > /greeting
        #            ^ Line 2 holds bytes that are not UTF-8 (shown as �): Docker 28's BuildKit refuses to build an instruction that holds them ("string field contains invalid UTF-8"), and older engines built with � in their place. Save the file as UTF-8
      `,
      output: null,
    },
    {
      name: 'UTF-16 with its byte-order mark, decoded as UTF-8',
      code: '\uFFFD\uFFFDF\0R\0O\0M\0 \0a\0l\0p\0i\0n\0e\0\n#^^^^^^^^^^^^^^^^^^^^^^^ This file is UTF-16 text: BuildKit reads a Dockerfile as UTF-8 and cannot build it (Docker 28 fails with "stream terminated by RST_STREAM", Docker 20.10 with "unknown instruction" on line 1). Save the file as UTF-8; Layerlens does not analyse it until then\n\0R\0U\0N\0 \0t\0r\0u\0e\0\n\0',
      output: null,
    },
    {
      name: 'a binary file',
      code: '\uFFFDPNG\r\n#^^^ This file holds NUL bytes (first on line 3): it is binary, not a Dockerfile, so Layerlens does not analyse it\n\u001a\n\0\0\0\rIHDR\0\0\0\u0001\0\0\0\u0001\b\u0006\0\0\0\u001f\u0015\uFFFD\n',
      output: null,
    },
  ],
});

test('a binary or UTF-16 file gets this one finding and no other; a Latin-1 byte leaves the rest of the analysis as it was', () => {
  const binary = Array.from({ length: 4096 }, (_, i) => String.fromCharCode((i * 7919) % 256)).join('');
  assert.deepEqual(
    analyze(binary).findings.map((f) => f.rule),
    ['NotUtf8Text'],
  );
  const utf16 = '\uFFFD\uFFFD' + [...'FROM alpine\nARG PASSWORD=hunter2\nRUN apt-get install gcc\n'].map((c) => `${c}\0`).join('');
  assert.deepEqual(
    analyze(utf16).findings.map((f) => f.rule),
    ['NotUtf8Text'],
  );
  const latin1 = 'FROM alpine\n# Autor: M\uFFFDller\nARG PASSWORD\n';
  assert.deepEqual(
    analyze(latin1)
      .findings.map((f) => f.rule)
      .sort(),
    ['NotUtf8Text', 'SecretsUsedInArgOrEnv'],
  );
});
