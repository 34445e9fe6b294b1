// npm run bench: Layerlens measured against the tools users would use instead, in one run on this
// machine, written to bench/results.json, bench/results.md and bench/chart.svg (and .png), and the table into
// README.md. Ratios against the peers of the same run are the figures to read; absolute times on a
// shared machine are noise. `--smoke` runs one iteration over a few files (the unit tier does, so
// that the benchmark cannot rot) and `--out DIR` writes there instead, leaving README.md alone.
import { Resvg } from '@resvg/resvg-js';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { corpusFiles, repoRoot } from '../test/support/env';
import { editorBench, REST_MS, SERVERS } from './editor';
import type { EditorResult, RequestName, ServerName } from './editor';
import { asProcess, inProcess, throughputWorker, TOOLS, WORKER_FLAG } from './throughput';
import type { ThroughputResult, ToolName } from './throughput';
import { generatedDockerfile } from './generated';
import { chartSvg, distribution, markdownReport, payoffReport } from './report';
import { payoffBench } from './payoff';
import { activationBench } from './activation';
import { growthBench } from './growth';
import type { GrowthResult } from './growth';
import type { ActivationResult } from './activation';
import type { PayoffResult } from './payoff';
import type { Distribution } from './report';

export interface EditorSummary extends Omit<EditorResult, 'latencies' | 'large'> {
  latencies: Partial<Record<RequestName, Distribution>>;
  large: Record<string, Distribution>;
}

export interface BenchResults {
  date: string;
  machine: { cpus: number; cpu: string; memoryGb: number; node: string; platform: string };
  smoke: boolean;
  /** How many rules Layerlens ran. */
  rules: number;
  /** Over the real-world corpus; `generated` over the generated large files, kept apart because they are no real file. */
  throughput: Record<ToolName, ThroughputResult & { processRuns?: number[]; generated: ThroughputResult }>;
  editor: Record<ServerName, EditorSummary>;
  bundles: Record<string, number>;
  /** What the refactors and build commands buy on a real BuildKit, or why it was not measured. */
  payoff: PayoffResult;
  /** Extension activation in a real VS Code, or why it was not measured. */
  activation: ActivationResult;
  /** Analysis time of growing inputs against a plain scan, or why it was not measured. */
  growth: GrowthResult;
}

function summary(result: EditorResult): EditorSummary {
  const map = <K extends string>(record: Partial<Record<K, number[]>>) =>
    Object.fromEntries(Object.entries(record).map(([k, v]) => [k, distribution(v as number[])])) as Record<K, Distribution>;
  return { ...result, latencies: map(result.latencies), large: map(result.large) };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const smoke = args.includes('--smoke');
  const outIndex = args.indexOf('--out');
  const outDir = outIndex >= 0 ? path.resolve(args[outIndex + 1]) : path.join(repoRoot, 'bench');
  const paths = corpusFiles();
  if (paths.length === 0) throw new Error('the corpus (../shared/corpus/real-world) is missing');
  const chosen = smoke ? paths.slice(0, 5) : paths;
  const files = chosen.map((p) => ({ name: path.basename(p), text: fs.readFileSync(p, 'utf8') }));
  const largest = files.reduce((a, b) => (b.text.length > a.text.length ? b : a));
  const generated = [
    { label: '1k lines', text: generatedDockerfile(1000) },
    { label: '10k lines', text: generatedDockerfile(smoke ? 2000 : 10_000) },
  ];
  const runs = smoke ? 1 : 5;

  const throughput = {} as BenchResults['throughput'];
  for (const tool of Object.keys(TOOLS) as ToolName[]) {
    console.error(`bench: ${tool} over ${files.length} files, in process`);
    throughput[tool] = {
      ...inProcess(tool, files, runs),
      processRuns: asProcess(tool, chosen, smoke ? 1 : 3),
      generated: inProcess(
        tool,
        generated.map((g) => ({ name: g.label, text: g.text })),
        runs,
      ),
    };
  }

  const editor = {} as BenchResults['editor'];
  for (const server of Object.keys(SERVERS) as ServerName[]) {
    console.error(`bench: the ${server} language server over JSON-RPC`);
    editor[server] = summary(
      await editorBench(server, {
        files,
        large: [{ label: `largest real file (${largest.text.split('\n').length} lines)`, text: largest.text }, ...generated],
        characters: smoke ? 3 : 12,
        edits: smoke ? 200 : 10_000,
        starts: smoke ? 1 : 5,
        restMs: smoke ? 0 : REST_MS,
      }),
    );
  }

  console.error('bench: analysis time of growing inputs against a plain scan');
  const growth: GrowthResult = smoke ? { skipped: 'a smoke run measures no growth' } : growthBench();

  console.error('bench: extension activation in a real VS Code');
  const activation: ActivationResult = smoke ? { skipped: 'a smoke run starts no VS Code' } : activationBench(3);
  if ('skipped' in activation) console.error(`bench: ACTIVATION NOT MEASURED: ${activation.skipped}`);

  console.error('bench: the payoff scenarios on a real BuildKit');
  const payoff: PayoffResult = smoke ? { skipped: 'a smoke run builds nothing' } : payoffBench();
  if ('skipped' in payoff) console.error(`bench: PAYOFF NOT MEASURED: ${payoff.skipped}`);

  const bundles = Object.fromEntries(
    ['extension.js', 'server.js', 'server-bundle.js', 'cli.js'].map((f) => [f, fs.statSync(path.join(repoRoot, 'dist', f)).size]),
  );
  const results: BenchResults = {
    date: new Date().toISOString().slice(0, 10),
    machine: {
      cpus: os.cpus().length,
      cpu: os.cpus()[0]?.model ?? 'unknown',
      memoryGb: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      platform: `${os.type()} ${os.release()}`,
    },
    smoke,
    rules: throughput.layerlens.rules ?? 0,
    throughput,
    editor,
    bundles,
    payoff,
    activation,
    growth,
  };
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'results.json'), JSON.stringify(results, null, 2) + '\n');
  const table = markdownReport(results);
  const payoffTable = payoffReport(results);
  fs.writeFileSync(path.join(outDir, 'results.md'), `${table}\n${payoffTable}`);
  const chart = chartSvg(results);
  fs.writeFileSync(path.join(outDir, 'chart.svg'), chart);
  // The README shows the PNG: the Marketplace refuses SVG pictures in an extension's README.
  fs.writeFileSync(path.join(outDir, 'chart.png'), new Resvg(chart, { fitTo: { mode: 'zoom', value: 2 } }).render().asPng());
  if (outIndex < 0 && !smoke) {
    const readmePath = path.join(repoRoot, 'README.md');
    let readme = fs.readFileSync(readmePath, 'utf8');
    for (const section of ['bench', 'payoff']) {
      if (!readme.includes(`<!-- ${section}:start -->`))
        throw new Error(`README.md has no <!-- ${section}:start --> … <!-- ${section}:end --> section`);
    }
    readme = readme.replace(
      /(<!-- bench:start -->\n)[\s\S]*?(<!-- bench:end -->)/,
      `$1${table}\n![Layerlens against its peers](bench/chart.png)\n$2`,
    );
    // A run without a daemon keeps the last measured payoff rather than erasing it.
    if (!('skipped' in payoff)) readme = readme.replace(/(<!-- payoff:start -->\n)[\s\S]*?(<!-- payoff:end -->)/, `$1${payoffTable}$2`);
    fs.writeFileSync(readmePath, readme);
  }
  console.error(
    `bench: done (layerlens diagnostics p50 ${editor.layerlens.latencies.diagnostics?.p50.toFixed(2)} ms); results in ${outDir}`,
  );
  // Requests still settling in the servers' pipes must not keep the process alive.
  process.exit(0);
}

if (require.main === module) {
  const [flag, tool, runs, input] = process.argv.slice(2);
  (flag === WORKER_FLAG ? throughputWorker(tool as ToolName, Number(runs), input) : main()).catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
