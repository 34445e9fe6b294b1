import type { BenchResults } from './bench';
import { REQUESTS, REST_MS } from './editor';
import type { ServerName } from './editor';
import type { ToolName } from './throughput';
import { PAYOFF_TARGETS } from './payoff';

/** A latency distribution in milliseconds: the raw samples stay in memory, the file keeps these. */
export interface Distribution {
  n: number;
  p50: number;
  p95: number;
  p99: number;
}

export function distribution(samples: readonly number[]): Distribution {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
  return { n: sorted.length, p50: at(50), p95: at(95), p99: at(99) };
}

const median = (values: readonly number[]) => distribution(values).p50;
const ms = (value: number) => (Number.isNaN(value) ? 'n/a' : value < 10 ? value.toFixed(2) : value.toFixed(1));
const spread = (d: Distribution | undefined) => (d && d.n > 0 ? `${ms(d.p50)} / ${ms(d.p95)} / ${ms(d.p99)}` : 'not offered');

const LABELS: Record<string, string> = {
  diagnostics: 'diagnostics after a keystroke',
  hover: 'hover',
  codeAction: 'code actions',
  semanticTokens: 'semantic tokens',
  foldingRange: 'folding ranges',
  documentSymbol: 'document symbols',
};

/** Throughput figures per tool: files/s and MB/s from the median run. */
function rates(results: BenchResults) {
  return (Object.keys(results.throughput) as ToolName[]).map((tool) => {
    const t = results.throughput[tool];
    const seconds = median(t.runs) / 1000;
    return {
      tool,
      seconds,
      filesPerSecond: t.files / seconds,
      mbPerSecond: t.bytes / 1e6 / seconds,
      crashes: t.crashed.length + t.generated.crashed.length,
      process: t.processRuns ? median(t.processRuns) / 1000 : undefined,
      generatedSeconds: median(t.generated.runs) / 1000,
    };
  });
}

export function markdownReport(results: BenchResults): string {
  const { machine } = results;
  const servers = Object.keys(results.editor) as ServerName[];
  const [ours] = servers;
  const throughput = rates(results);
  const mine = throughput.find((r) => r.tool === 'layerlens');
  const utils = throughput.find((r) => r.tool === 'dockerfile-utils');
  const e = results.editor;
  const p95 = (server: ServerName) => e[server].latencies.diagnostics?.p95 ?? NaN;
  const largestLabel = Object.keys(e[ours].large)[0];
  const flat = (server: ServerName) => e[server].rssAfterEditsMb.end - e[server].rssAfterEditsMb.start;
  const lines = [
    `Measured by \`npm run bench\` on ${results.date}${results.smoke ? ' (smoke run: one iteration, few files)' : ''}: ${machine.cpus} × ${machine.cpu}, ${machine.memoryGb} GiB, Node ${machine.node}, ${machine.platform}. Medians of ${results.throughput.layerlens.runs.length} runs; read the ratios, since absolute times on a shared machine are noise.`,
    '',
    `**Throughput**: every tool, each in a fresh process that loads nothing else, over the ${results.throughput.layerlens.files} files of the real-world corpus; and over the two generated files of 1k and 10k lines (a chain of stages, each FROM the one before).`,
    '',
    '| tool | what it checks | files/s | MB/s | time vs Layerlens | as one process over all files | generated files: time vs Layerlens | crashes |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...throughput.map(
      (r) =>
        `| ${r.tool} | ${r.tool === 'layerlens' ? `all ${results.rules} rules (cache, size, secrets, BuildKit checks, syntax)` : r.tool === 'dockerfile-utils' ? 'syntax (same parser)' : 'its own rule set'} | ${r.filesPerSecond.toFixed(0)} | ${r.mbPerSecond.toFixed(2)} | ${(r.seconds / (mine?.seconds ?? NaN)).toFixed(2)}× | ${r.process === undefined ? 'one file per process only' : `${r.process.toFixed(2)} s`} | ${(r.generatedSeconds / (mine?.generatedSeconds ?? NaN)).toFixed(2)}× | ${r.crashes} |`,
    ),
    '',
    `**Editor**: each corpus file opened with its last line missing, then that line typed a character at a time (${e[ours].versions} document versions per server), over real JSON-RPC. Milliseconds, p50 / p95 / p99.`,
    '',
    `| request | ${servers.join(' | ')} |`,
    `| --- | ${servers.map(() => '---:').join(' | ')} |`,
    ...REQUESTS.map((r) => `| ${LABELS[r]} | ${servers.map((s) => spread(e[s].latencies[r])).join(' | ')} |`),
    ...Object.keys(e[ours].large).map(
      (label) => `| diagnostics after a keystroke, ${label} | ${servers.map((s) => spread(e[s].large[label])).join(' | ')} |`,
    ),
    `| server CPU per document version, typing (diagnostics, semantic tokens, folding, symbols after each keystroke) | ${servers.map((s) => `${ms(e[s].cpuMsPerVersion)} ms`).join(' | ')} |`,
    `| server CPU per file for the other requests it offers | ${servers.map((s) => `${ms(e[s].cpuMsPerFileRequests)} ms`).join(' | ')} |`,
    `| RSS with all ${results.throughput.layerlens.files} corpus files open, right after the last one | ${servers.map((s) => `${e[s].rssAfterOpenAllMb.toFixed(0)} MB`).join(' | ')} |`,
    `| the same at rest (the least over the next ${REST_MS / 1000} s) | ${servers.map((s) => `${e[s].rssAtRestMb.toFixed(0)} MB`).join(' | ')} |`,
    `| RSS before → after ${e[ours].rssAfterEditsMb.edits} edits to one file | ${servers.map((s) => `${e[s].rssAfterEditsMb.start.toFixed(0)} → ${e[s].rssAfterEditsMb.end.toFixed(0)} MB`).join(' | ')} |`,
    `| time to \`initialize\` (median) | ${servers.map((s) => `${ms(median(e[s].initializeMs))} ms`).join(' | ')} |`,
    '',
    `Bundles: ${Object.entries(results.bundles)
      .map(([f, size]) => `\`${f}\` ${(size / 1024).toFixed(0)} KB`)
      .join(', ')}.`,
    '',
    'skipped' in results.activation
      ? `Extension activation: not measured in this run (${results.activation.skipped}).`
      : `First diagnostic in a real VS Code (the packaged extension in a fresh code-server, median of ${results.activation.warm.length} new windows each): in a folder with a Dockerfile, where the extension starts with the window, ${ms(median(results.activation.warm.map((r) => r.firstDiagnosticsMs)))} ms after the Dockerfile is opened; in a folder without one, where opening the file starts it, active ${ms(median(results.activation.cold.map((r) => r.activationMs)))} ms and its first diagnostic ${ms(median(results.activation.cold.map((r) => r.firstDiagnosticsMs)))} ms after.`,
    '',
    '| target | measured | met |',
    '| --- | --- | --- |',
    `| full rule set over the real-world corpus in no more time than dockerfile-utils' syntax check | ${mine ? (mine.seconds / (utils?.seconds ?? NaN)).toFixed(2) : 'n/a'}× its time | ${mine && utils && mine.seconds <= utils.seconds ? 'yes' : 'no'} |`,
    `| the same over the generated 1k- and 10k-line files | ${mine ? (mine.generatedSeconds / (utils?.generatedSeconds ?? NaN)).toFixed(2) : 'n/a'}× its time | ${mine && utils && mine.generatedSeconds <= utils.generatedSeconds ? 'yes' : 'no'} |`,
    `| zero crashes | ${mine?.crashes ?? 'n/a'} | ${mine?.crashes === 0 ? 'yes' : 'no'} |`,
    `| p95 diagnostics latency under 10 ms on corpus files | ${ms(p95(ours))} ms | ${p95(ours) < 10 ? 'yes' : 'no'} |`,
    `| p95 diagnostics latency under 50 ms on the ${largestLabel} | ${ms(e[ours].large[largestLabel].p95)} ms | ${e[ours].large[largestLabel].p95 < 50 ? 'yes' : 'no'} |`,
    ...lighterServerTargets(results),
    `| memory flat under repeated edits | ${flat(ours) >= 0 ? '+' : ''}${flat(ours).toFixed(0)} MB | ${flat(ours) < 20 ? 'yes' : 'no'} |`,
    'skipped' in results.growth
      ? `| analysis time linear in the input (8x the input at most 5x the time per character) | not measured: ${results.growth.skipped} | n/a |`
      : `| analysis time linear in the input (8x the input at most 5x the time per character) | ${results.growth.rows.filter((r) => r.linear).length} of ${results.growth.rows.length} growing inputs | ${results.growth.rows.every((r) => r.linear) ? 'yes' : 'no'} |`,
    '',
    ...('skipped' in results.growth
      ? []
      : [
          '**Growth**: analysis time as a multiple of a plain scan of the same text (every character read once), at a size and at eight times it; linear analysis keeps the multiple.',
          '',
          '| input | size | time / plain scan | 8x the size | time / plain scan |',
          '| --- | ---: | ---: | ---: | ---: |',
          ...results.growth.rows.map(
            (r) =>
              `| ${r.name} | ${r.smallKb.toFixed(0)} KB | ${r.small.toFixed(0)}x | ${r.largeKb.toFixed(0)} KB | ${r.large.toFixed(0)}x |`,
          ),
          '',
        ]),
  ];
  return lines.join('\n');
}

/**
 * The targets of "a lighter, faster server" (issue 22), each against rcjsuen's server in the same run:
 * CPU, memory and diagnostics latency, and every request's p99.
 */
function lighterServerTargets(results: BenchResults): string[] {
  const servers = Object.keys(results.editor) as ServerName[];
  const [ours, peer] = servers;
  const e = results.editor;
  const ourDiagnostics = e[ours].latencies.diagnostics;
  const peerDiagnostics = e[peer].latencies.diagnostics;
  const fasterDiagnostics =
    ourDiagnostics !== undefined &&
    peerDiagnostics !== undefined &&
    ourDiagnostics.p50 <= peerDiagnostics.p50 &&
    ourDiagnostics.p95 <= peerDiagnostics.p95;
  const cpuRatio = e[ours].cpuMsPerVersion / e[peer].cpuMsPerVersion;
  const p99s = REQUESTS.map((r) => e[ours].latencies[r]?.p99).filter((v): v is number => v !== undefined);
  const worstP99 = Math.max(...p99s);
  const largestLabel = Object.keys(e[ours].large)[0];
  const largestP99 = e[ours].large[largestLabel].p99;
  const atMost = (a: number, b: number) => (a <= b ? 'yes' : 'no');
  return [
    `| server CPU per version at most 0.6× ${peer}'s | ${cpuRatio.toFixed(2)}× | ${atMost(cpuRatio, 0.6)} |`,
    `| RSS with every corpus file open at most ${peer}'s, right after the last one | ${e[ours].rssAfterOpenAllMb.toFixed(0)} vs ${e[peer].rssAfterOpenAllMb.toFixed(0)} MB | ${atMost(e[ours].rssAfterOpenAllMb, e[peer].rssAfterOpenAllMb)} |`,
    `| the same at rest | ${e[ours].rssAtRestMb.toFixed(0)} vs ${e[peer].rssAtRestMb.toFixed(0)} MB | ${atMost(e[ours].rssAtRestMb, e[peer].rssAtRestMb)} |`,
    `| diagnostics p50 and p95 after a keystroke at most ${peer}'s | ${spread(ourDiagnostics)} vs ${spread(peerDiagnostics)} ms (p50 / p95 / p99) | ${fasterDiagnostics ? 'yes' : 'no'} |`,
    `| every request's p99 at most 20 ms on the corpus files | ${ms(worstP99)} ms at worst | ${atMost(worstP99, 20)} |`,
    `| diagnostics p99 at most 50 ms on the ${largestLabel} | ${ms(largestP99)} ms | ${atMost(largestP99, 50)} |`,
  ];
}

/** What the refactors and build commands bought on a real BuildKit, and the payoff targets. */
export function payoffReport(results: BenchResults): string {
  const { payoff } = results;
  if ('skipped' in payoff) return `**Payoff**: not measured in this run (${payoff.skipped}).\n`;
  const judged = payoff.rows.filter((r) => r.judged);
  return [
    `Measured by \`npm run bench\` on ${results.date} (Docker Engine's built-in BuildKit, ${results.machine.cpus} cores; times are this machine's and vary, the step counts do not).`,
    '',
    '| refactor | measure | before | after |',
    '| --- | --- | --- | --- |',
    ...payoff.rows.map((r) => `| ${r.refactor} | ${r.measure} | ${r.before} | ${r.after} |`),
    '',
    '| target | scenario | measured | met |',
    '| --- | --- | --- | --- |',
    ...judged.map(({ refactor, judged: j }) => {
      const target = PAYOFF_TARGETS[j!.target];
      return `| ${target.label} | ${refactor} | ${target.measured(j!.before, j!.after)} | ${target.met(j!.before, j!.after) ? 'yes' : 'no'} |`;
    }),
    '',
  ].join('\n');
}

/** Three bar charts side by side: files per second per tool, diagnostics p95 and server CPU per version per server. */
export function chartSvg(results: BenchResults): string {
  const bars = (title: string, rows: { label: string; value: number; unit: string; highlight: boolean }[], x: number) => {
    const max = Math.max(...rows.map((r) => r.value), 1e-9);
    const body = rows
      .map((r, i) => {
        const y = 40 + i * 34;
        const width = Math.max(2, (r.value / max) * 220);
        return (
          `<text x="${x}" y="${y + 15}" class="label">${r.label}</text>` +
          `<rect x="${x + 120}" y="${y}" width="${width.toFixed(1)}" height="22" class="${r.highlight ? 'ours' : 'peer'}"/>` +
          `<text x="${(x + 126 + width).toFixed(1)}" y="${y + 15}" class="value">${r.value < 10 ? r.value.toFixed(2) : r.value.toFixed(0)} ${r.unit}</text>`
        );
      })
      .join('');
    return `<text x="${x}" y="22" class="title">${title}</text>${body}`;
  };
  const throughput = rates(results).map((r) => ({
    label: r.tool,
    value: r.filesPerSecond,
    unit: 'files/s',
    highlight: r.tool === 'layerlens',
  }));
  const servers = Object.keys(results.editor) as ServerName[];
  const latency = servers.map((s) => ({
    label: s,
    value: results.editor[s].latencies.diagnostics?.p95 ?? NaN,
    unit: 'ms',
    highlight: s === 'layerlens',
  }));
  const cpu = servers.map((s) => ({ label: s, value: results.editor[s].cpuMsPerVersion, unit: 'ms', highlight: s === 'layerlens' }));
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" width="1320" height="160" viewBox="0 0 1320 160" font-family="sans-serif" font-size="13">',
    '<style>.title{font-weight:bold}.label,.value,.title{fill:#444}.ours{fill:#2a7ae2}.peer{fill:#a0a0a0}</style>',
    '<rect width="1320" height="160" fill="#fff"/>',
    bars('Throughput (more is better)', throughput, 10),
    bars('Diagnostics p95 per keystroke (less is better)', latency, 450),
    bars('Server CPU per version (less is better)', cpu, 890),
    `<text x="10" y="${150}" class="value">npm run bench, ${results.date}, ${results.machine.cpus} cores</text>`,
    '</svg>',
    '',
  ].join('\n');
}
