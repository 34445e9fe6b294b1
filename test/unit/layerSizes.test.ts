import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readImageHistory } from '../../common/imageHistory';
import type { HistoryRow } from '../../common/imageHistory';
import { describeLayer, formatBytes, layerSizes, parseDockerfile } from '../../server/src/engine';

const row = (createdBy: string, size = 0): HistoryRow => ({ createdBy, size, comment: 'buildkit.dockerfile.v0' });
const BASE_ROWS: HistoryRow[] = [{ createdBy: '', size: 4_000_000, comment: 'Imported from -' }];

/** Docker 28's history of the file below built for its last stage, newest first. */
const FILE = [
  'FROM alpine:3.20 AS deps',
  'RUN apk add --no-cache curl',
  'FROM deps',
  'ENV A=1',
  'COPY app /srv/app',
  'ONBUILD RUN true',
  'RUN rm -rf /var/cache/apk',
  'CMD ["app"]',
].join('\n');
const ROWS: HistoryRow[] = [
  row('CMD ["app"]'),
  row('RUN /bin/sh -c rm -rf /var/cache/apk # buildkit'),
  row('COPY app /srv/app # buildkit', 142_000_000),
  row('ENV A=1'),
  row('RUN /bin/sh -c apk add --no-cache curl # buildkit', 3_500_000),
  ...BASE_ROWS,
];

test('layer sizes: each row on its instruction, through the stage built FROM, the base on the first FROM', () => {
  const image = layerSizes(parseDockerfile(FILE), ROWS);
  assert.deepEqual(
    image.layers.map((l) => [l.line + 1, l.bytes, l.deletesOnly ?? false]),
    [
      [2, 3_500_000, false],
      [4, 0, false],
      [5, 142_000_000, false],
      [7, 0, true],
      [8, 0, false],
    ],
  );
  assert.deepEqual(image.base, { line: 0, bytes: 4_000_000 });
  assert.equal(image.totalBytes, 149_500_000);
});

test('layer sizes: a file that no longer matches its history keeps the sizes of the lines that still do, never a wrong one', () => {
  const rows: [string, string, number[]][] = [
    ['a line inserted near the end', FILE.replace('CMD ["app"]', 'RUN true\nCMD ["app"]'), [9]],
    ['a RUN edited', FILE.replace('rm -rf /var/cache/apk', 'rm -rf /tmp/x'), [8]],
    ['a COPY to another destination', FILE.replace('/srv/app', '/opt/app'), [7, 8]],
    ['a keyword changed', FILE.replace('ENV A=1', 'LABEL A=1'), [5, 7, 8]],
  ];
  for (const [name, text, lines] of rows) {
    const image = layerSizes(parseDockerfile(text), ROWS);
    assert.deepEqual(
      image.layers.map((l) => l.line + 1),
      lines,
      name,
    );
    assert.equal(image.base, undefined, name);
  }
});

test('layer sizes: rows the classic builder wrote, or none at all, put nothing on lines', () => {
  const classic = ROWS.map((r) => ({ ...r, comment: '' }));
  assert.deepEqual(layerSizes(parseDockerfile(FILE), classic).layers, []);
  assert.deepEqual(layerSizes(parseDockerfile(FILE), []).layers, []);
  assert.deepEqual(layerSizes(parseDockerfile(''), ROWS), { layers: [], totalBytes: 149_500_000 });
});

test('layer sizes: a target stage maps that stage', () => {
  const image = layerSizes(
    parseDockerfile(FILE),
    [row('RUN /bin/sh -c apk add --no-cache curl # buildkit', 3_500_000), ...BASE_ROWS],
    'deps',
  );
  assert.deepEqual(
    image.layers.map((l) => l.line + 1),
    [2],
  );
  assert.equal(image.base?.bytes, 4_000_000);
});

test('sizes read as docker prints them', () => {
  const rows: [number, string][] = [
    [0, '0 B'],
    [999, '999 B'],
    [1000, '1.00 kB'],
    [2_345_678, '2.35 MB'],
    [142_000_000, '142 MB'],
    [1_500_000_000, '1.50 GB'],
  ];
  for (const [bytes, text] of rows) assert.equal(formatBytes(bytes), text, String(bytes));
  assert.equal(describeLayer({ line: 0, bytes: 142_000_000 }), '+142 MB');
  assert.match(describeLayer({ line: 0, bytes: 0, deletesOnly: true }), /^\+0 B: deleting here does not shrink the image/);
});

test('image history: JSON lines read, anything else skipped, unknown sizes as 0', () => {
  const out = [
    'WARNING: something docker said',
    '{"Comment":"buildkit.dockerfile.v0","CreatedBy":"RUN /bin/sh -c true # buildkit","Size":"12"}',
    '{"Comment":"","CreatedBy":"","Size":"N/A"}',
    '{not json',
  ].join('\n');
  assert.deepEqual(readImageHistory(out), [
    { createdBy: 'RUN /bin/sh -c true # buildkit', size: 12, comment: 'buildkit.dockerfile.v0' },
    { createdBy: '', size: 0, comment: '' },
  ]);
});
