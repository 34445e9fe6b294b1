import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { analyze, comparePositions, parseDockerfile } from '../../server/src/engine';
import type { DockerfileModel, Range } from '../../server/src/engine';
import { corpusSummary, SUMMARY_FILE } from '../support/corpusSummary';
import { corpusDir, corpusFiles, repoRoot, requireHost } from '../support/env';

const read = (name: string) => fs.readFileSync(path.join(corpusDir, name), 'utf8');

function inside(model: DockerfileModel, range: Range): boolean {
  const last = model.lineStarts.length - 1;
  const end = { line: last, character: model.text.length - model.lineStarts[last] };
  return (
    comparePositions({ line: 0, character: 0 }, range.start) <= 0 &&
    comparePositions(range.start, range.end) <= 0 &&
    comparePositions(range.end, end) <= 0
  );
}

test('every corpus file parses and analyses, with a consistent model', (t) => {
  const files = corpusFiles();
  if (!requireHost(t, files.length > 0, `the corpus at ${corpusDir}`)) return;
  assert.ok(files.length >= 700, `expected the 723-file corpus, found ${files.length}`);
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const { model, findings } = analyze(text);
    const label = path.basename(file);
    assert.equal(model.stages.length, model.instructions.filter((i) => i.keyword === 'FROM').length, `${label}: one stage per FROM`);
    for (const instruction of model.instructions) {
      assert.ok(inside(model, instruction.range), `${label}: instruction range inside the text`);
      assert.ok(instruction.stage < model.stages.length, `${label}: stage index in range`);
    }
    for (const finding of findings) assert.ok(inside(model, finding.range), `${label}: finding range inside the text`);
    for (const dependency of model.dependencies) {
      if (dependency.target !== undefined)
        assert.ok(dependency.target < dependency.stage, `${label}: a stage depends only on earlier stages`);
    }
  }
});

const samples: { file: string; check: (m: DockerfileModel) => void }[] = [
  {
    file: 'PowerShell__PowerShell-Docker__release__7-2__nanoserver2022__docker__Dockerfile',
    check: (m) => {
      assert.equal(m.directives.escape.char, '`');
      assert.deepEqual(
        m.stages.map((s) => s.name),
        ['installer-env', undefined],
      );
      assert.ok(m.globalArgs.length > 0, 'global ARGs before the first FROM');
      assert.equal(m.stages[0].base, '${InstallerRepo}:$InstallerVersion');
    },
  },
  {
    file: 'containers__podman__test__e2e__build__Containerfile.with-multiple-secret',
    check: (m) => {
      const ids = m.instructions.flatMap((i) => i.run?.mounts ?? []).map((mount) => (mount.type === 'secret' ? mount.id : undefined));
      assert.deepEqual(ids, ['mysecret', 'mysecret2']);
    },
  },
  {
    file: 'containers__buildah__tests__bud__heredoc__Containerfile',
    check: (m) => {
      const runs = m.instructions.filter((i) => i.keyword === 'RUN');
      assert.equal(runs[0].heredocs[0].content, 'echo "print first line from heredoc"\necho "print second line from heredoc"');
      assert.equal(runs[2].run?.command, 'cat file1');
    },
  },
  {
    file: 'moby__buildkit__Dockerfile',
    check: (m) => {
      assert.equal(m.stages.length, 49);
      assert.ok(m.dependencies.filter((d) => d.kind === 'copy' && d.target !== undefined).length > 20, 'COPY --from links between stages');
      assert.ok(
        m.instructions.some((i) => i.run?.mounts.some((mount) => mount.type === 'cache')),
        'cache mounts',
      );
    },
  },
  {
    file: 'StefanScherer__dockerfiles-windows__php__Dockerfile',
    check: (m) => {
      assert.equal(m.eol, '\r\n');
      assert.equal(m.stages.length, 1);
      assert.ok(!m.instructions.some((i) => i.args.some((a) => a.value.includes('\r'))), 'no carriage return in words');
    },
  },
];
for (const sample of samples) {
  test(`corpus: ${sample.file}`, (t) => {
    if (!requireHost(t, fs.existsSync(path.join(corpusDir, sample.file)), `corpus file ${sample.file}`)) return;
    sample.check(parseDockerfile(read(sample.file)));
  });
}

test('half-typed text: every line prefix of a sample of corpus files analyses without throwing', (t) => {
  const files = corpusFiles();
  if (!requireHost(t, files.length > 0, `the corpus at ${corpusDir}`)) return;
  // Every 25th file keeps the run short while covering Windows, heredoc and multi-stage files alike.
  for (const file of files.filter((_, i) => i % 25 === 0)) {
    const text = fs.readFileSync(file, 'utf8');
    const cuts = [...text.matchAll(/\n/g)].map((m) => m.index);
    for (const cut of cuts) {
      const prefix = text.slice(0, cut);
      const { model, findings } = analyze(prefix);
      for (const finding of findings) assert.ok(inside(model, finding.range), `${path.basename(file)} cut at ${cut}`);
      // Mid-word cuts too: the character before the newline is dropped.
      analyze(prefix.slice(0, -1) + '\\');
    }
  }
});

test('docs/corpus-findings.md matches what the rules report on the corpus (npm run corpus-summary)', (t) => {
  if (!requireHost(t, corpusFiles().length > 0, `the corpus at ${corpusDir}`)) return;
  const committed = fs.existsSync(SUMMARY_FILE) ? fs.readFileSync(SUMMARY_FILE, 'utf8') : '';
  assert.equal(committed, corpusSummary(), 'the committed summary is stale: run `npm run corpus-summary` and review the change');
});

test('the CLI checks the whole corpus in one run: a report for every file, every range inside its file', (t) => {
  const files = corpusFiles();
  if (!requireHost(t, files.length > 0, `the corpus at ${corpusDir}`)) return;
  const result = spawnSync(process.execPath, [path.join(repoRoot, 'dist', 'cli.js'), 'check', '--format', 'json', ...files], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  assert.equal(result.stderr, '');
  assert.equal(result.status, 1, 'findings, and no usage or input error');
  const report = JSON.parse(result.stdout) as {
    files: { path: string; findings: { rule: string; line: number; column: number; endLine: number; endColumn: number }[] }[];
  };
  assert.deepEqual(report.files.map((f) => f.path).sort(), [...files].sort());
  for (const file of report.files) {
    const lines = fs
      .readFileSync(file.path, 'utf8')
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/);
    for (const f of file.findings) {
      const where = `${path.basename(file.path)}:${f.line}:${f.column} ${f.rule}`;
      assert.ok(f.line >= 1 && f.line <= f.endLine && f.endLine <= lines.length, `${where}: lines inside the file`);
      assert.ok(f.column >= 1 && f.column <= lines[f.line - 1].length + 1, `${where}: start column inside its line`);
      assert.ok(f.endColumn >= 1 && f.endColumn <= lines[f.endLine - 1].length + 1, `${where}: end column inside its line`);
    }
  }
});
