import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { compareWithBuildkit, StandIns } from '../support/buildkitParity';
import { corpusFiles, requireHost } from '../support/env';
import { daemonAnswers, requireDocker } from '../support/docker';

const standIns = new StandIns();

after(() => {
  if (daemonAnswers()) standIns.release();
});

test('BuildKit parity, live: Layerlens reports what `buildx build --call=check` prints on a sample of the corpus', (t) => {
  if (!requireDocker(t)) return;
  const files = corpusFiles();
  if (!requireHost(t, files.length > 0, 'the corpus (../shared/corpus/real-world)')) return;
  // A third of the corpus keeps the tier short; `npm run parity` compares all of it (docs/buildkit-parity.md).
  const sample = files.filter((_, i) => i % 3 === 2);
  const differences: string[] = [];
  const agreed: Record<string, number> = {};
  let checked = 0;
  for (const file of sample) {
    const parity = compareWithBuildkit(fs.readFileSync(file, 'utf8'), standIns);
    if (!parity.checked) continue;
    checked++;
    for (const row of parity.rows) {
      agreed[row.rule] = (agreed[row.rule] ?? 0) + Math.min(row.printed, row.reported);
      if (!row.agrees)
        differences.push(`${path.basename(file)} line ${row.line}: ${row.rule} printed ${row.printed}, reported ${row.reported}`);
    }
  }
  t.diagnostic(`${checked} of ${sample.length} sampled files checked by BuildKit; agreed findings per rule: ${JSON.stringify(agreed)}`);
  assert.ok(checked >= 180, `only ${checked} files could be checked`);
  assert.deepEqual(differences, []);
});
