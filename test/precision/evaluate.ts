/**
 * The precision evaluation on Dockerfiles nobody here wrote (docs/precision.md explains the method).
 *
 *   npm run precision -- findings ROUND   runs the real CLI on every Dockerfile of
 *       .eval/ROUND/<gatherer>/manifest.tsv with its build context, and writes .eval/ROUND/findings.tsv
 *       (one finding a line, with the instruction's text) for judging, and the round's rows of
 *       docs/precision/sources.tsv
 *   npm run precision -- report           reads docs/precision/judgements.tsv and writes
 *       the per-rule tables of docs/precision.md between its generated markers
 *
 * The Dockerfiles stay in the git-ignored .eval/ folder; only where they came from and the verdicts
 * are committed.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../support/env';

const evalDir = path.join(repoRoot, '.eval');
const precisionDir = path.join(repoRoot, 'docs', 'precision');
// LAYERLENS_CLI evaluates another build of the CLI (the code before a round's fixes, say).
const cli = process.env.LAYERLENS_CLI ?? path.join(repoRoot, 'dist', 'cli.js');

interface Source {
  round: string;
  file: string;
  repo: string;
  path: string;
  commit: string;
  context: string;
  ecosystem: string;
  folder: string;
}

const tsv = (text: string) =>
  text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => l.split('\t'));
const clean = (text: string) => text.replace(/\s+/g, ' ').trim();

function sources(round: string): Source[] {
  const roundDir = path.join(evalDir, round);
  const seen = new Set<string>();
  const rows: Source[] = [];
  for (const gatherer of fs.readdirSync(roundDir).sort()) {
    const manifest = path.join(roundDir, gatherer, 'manifest.tsv');
    if (!fs.existsSync(manifest)) continue;
    for (const [folder, repo, file, commit, context, ecosystem] of tsv(fs.readFileSync(manifest, 'utf8'))) {
      const key = `${repo}/${file}`;
      // Two gatherers may have taken the same file: it counts once.
      if (seen.has(key)) continue;
      seen.add(key);
      rows.push({
        round,
        file: key,
        repo,
        path: file,
        commit,
        context: context || '.',
        ecosystem,
        folder: path.join(roundDir, gatherer, folder),
      });
    }
  }
  return rows;
}

function findings(round: string): void {
  const rows = sources(round);
  const out = ['file\tline\trule\tseverity\tmessage\tfix\tinstruction'];
  let count = 0;
  for (const source of rows) {
    const dockerfile = path.join(source.folder, source.path);
    if (!fs.existsSync(dockerfile)) {
      process.stderr.write(`missing: ${dockerfile}\n`);
      continue;
    }
    const run = spawnSync(
      process.execPath,
      [cli, 'check', '--format', 'json', '--exit-zero', '--context', path.join(source.folder, source.context), dockerfile],
      { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    );
    if (run.status !== 0) {
      process.stderr.write(`layerlens failed on ${dockerfile}: ${run.stderr}\n`);
      continue;
    }
    const lines = fs.readFileSync(dockerfile, 'utf8').split(/\r?\n/);
    const report = JSON.parse(run.stdout) as {
      files: { findings: { rule: string; severity: string; message: string; line: number; fix?: { title: string; safety: string } }[] }[];
    };
    for (const finding of report.files[0]?.findings ?? []) {
      const line = finding.line - 1;
      // The instruction's text, continuation lines included, so that the judge sees what the finding is about.
      let end = line;
      while (end < lines.length - 1 && /\\\s*$/.test(lines[end]) && end - line < 12) end++;
      const instruction = clean(lines.slice(line, end + 1).join(' ⏎ ')).slice(0, 600);
      out.push(
        [
          source.file,
          String(line + 1),
          finding.rule,
          finding.severity,
          clean(finding.message),
          finding.fix ? `${finding.fix.safety}: ${clean(finding.fix.title)}` : '',
          instruction,
        ].join('\t'),
      );
      count++;
    }
  }
  fs.writeFileSync(path.join(evalDir, round, 'findings.tsv'), `${out.join('\n')}\n`);
  const sourcesFile = path.join(precisionDir, 'sources.tsv');
  const header = 'round\tfile\trepository\tpath\tcommit\tcontext\tecosystem';
  const kept = fs.existsSync(sourcesFile)
    ? tsv(fs.readFileSync(sourcesFile, 'utf8'))
        .slice(1)
        .filter((r) => r[0] !== round)
        .map((r) => r.join('\t'))
    : [];
  const mine = rows.map((r) => [r.round, r.file, r.repo, r.path, r.commit, r.context, r.ecosystem].join('\t'));
  fs.mkdirSync(precisionDir, { recursive: true });
  fs.writeFileSync(sourcesFile, `${[header, ...kept, ...mine].join('\n')}\n`);
  console.log(`${round}: ${rows.length} Dockerfiles, ${count} findings -> .eval/${round}/findings.tsv`);
}

type Verdict = 'right' | 'wrong' | 'noise';

function report(): void {
  const rows = tsv(fs.readFileSync(path.join(precisionDir, 'judgements.tsv'), 'utf8')).slice(1);
  // round10 after round9: by number, not by text.
  const rounds = [...new Set(rows.map((r) => r[0]))].sort((a, b) => Number(a.replace(/\D/g, '')) - Number(b.replace(/\D/g, '')));
  const sections: string[] = [];
  for (const round of rounds) {
    const byRule = new Map<string, Record<Verdict, number>>();
    const files = new Set<string>();
    for (const [r, file, , rule, verdict] of rows) {
      if (r !== round) continue;
      files.add(file);
      const counts = byRule.get(rule) ?? { right: 0, wrong: 0, noise: 0 };
      counts[verdict as Verdict]++;
      byRule.set(rule, counts);
    }
    const total = { right: 0, wrong: 0, noise: 0 };
    const table = ['| rule | fired | right | wrong | noise | precision |', '| --- | ---: | ---: | ---: | ---: | ---: |'];
    for (const [rule, c] of [...byRule].sort((a, b) => a[0].localeCompare(b[0]))) {
      const fired = c.right + c.wrong + c.noise;
      for (const k of Object.keys(total) as Verdict[]) total[k] += c[k];
      table.push(`| ${rule} | ${fired} | ${c.right} | ${c.wrong} | ${c.noise} | ${((100 * c.right) / fired).toFixed(0)}% |`);
    }
    const fired = total.right + total.wrong + total.noise;
    table.push(
      `| **all** | **${fired}** | **${total.right}** | **${total.wrong}** | **${total.noise}** | **${((100 * total.right) / Math.max(fired, 1)).toFixed(1)}%** |`,
    );
    sections.push(
      `### ${round}: ${files.size} Dockerfiles with findings, ${fired} findings; ${((100 * total.wrong) / Math.max(fired, 1)).toFixed(1)}% wrong, ${((100 * total.noise) / Math.max(fired, 1)).toFixed(1)}% noise\n\n${table.join('\n')}`,
    );
  }
  const doc = path.join(repoRoot, 'docs', 'precision.md');
  const text = fs.readFileSync(doc, 'utf8');
  const begin = '<!-- generated by test/precision/evaluate.ts report: begin -->';
  const end = '<!-- generated: end -->';
  fs.writeFileSync(doc, `${text.slice(0, text.indexOf(begin) + begin.length)}\n${sections.join('\n\n')}\n${text.slice(text.indexOf(end))}`);
  console.log(`docs/precision.md: ${rounds.join(', ')}`);
}

const [command, round] = process.argv.slice(2);
if (command === 'findings' && round) findings(round);
else if (command === 'report') report();
else {
  console.error('usage: evaluate.js findings ROUND | report');
  process.exitCode = 2;
}
