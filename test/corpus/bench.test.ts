import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { corpusFiles, repoRoot, requireHost } from '../support/env';

/** npm run bench, smoke-sized: the whole benchmark runs, so it cannot rot; its figures are not judged here. */
test('npm run bench -- --smoke runs every measurement and writes the results, the table and the chart', (t) => {
  if (!requireHost(t, corpusFiles().length > 0, 'the corpus (../shared/corpus/real-world)')) return;
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlens-bench-'));
  const run = spawnSync(process.execPath, [path.join(repoRoot, 'out', 'bench', 'bench.js'), '--smoke', '--out', out], {
    encoding: 'utf8',
    timeout: 300_000,
  });
  assert.equal(run.status, 0, run.stderr);
  const results = JSON.parse(fs.readFileSync(path.join(out, 'results.json'), 'utf8'));
  assert.deepEqual(Object.keys(results.throughput), ['layerlens', 'dockerfile-utils', 'dockerfilelint']);
  assert.deepEqual(results.throughput.layerlens.crashed, [], 'Layerlens crashes on no file');
  assert.deepEqual(Object.keys(results.editor), ['layerlens', 'rcjsuen']);
  for (const server of ['layerlens', 'rcjsuen']) {
    assert.ok(results.editor[server].latencies.diagnostics.n > 0, `${server}: diagnostics were timed`);
    assert.ok(results.editor[server].rssAfterOpenAllMb > 0, `${server}: memory was read`);
    assert.ok(results.editor[server].rssAtRestMb > 0, `${server}: memory at rest was read`);
  }
  const table = fs.readFileSync(path.join(out, 'results.md'), 'utf8');
  assert.match(table, /\| diagnostics after a keystroke \| [\d.]+ \/ [\d.]+ \/ [\d.]+ \| [\d.]+ \/ [\d.]+ \/ [\d.]+ \|/);
  assert.match(fs.readFileSync(path.join(out, 'chart.svg'), 'utf8'), /^<svg [^>]*>[\s\S]*<\/svg>\n$/);
  fs.rmSync(out, { recursive: true, force: true });
});
