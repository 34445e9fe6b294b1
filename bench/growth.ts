import * as fs from 'node:fs';
import { corpusFiles } from '../test/support/env';

/** One growing input: its analysis time against a plain scan at a size and at eight times it. */
export interface GrowthRow {
  name: string;
  smallKb: number;
  largeKb: number;
  /** Analysis time as a multiple of a plain scan of the same text. */
  small: number;
  large: number;
  /** 8x the input costs at most 5x as much per character, and is not far slower than a scan. */
  linear: boolean;
}

export type GrowthResult = { rows: GrowthRow[] } | { skipped: string };

/**
 * Inputs that grow: each is analysed at a size and at eight times that size, and its analysis
 * time is taken as a ratio against a plain scan of the same text (every character read once,
 * then split into lines), so that the machine's speed cancels out. Linear analysis keeps the
 * ratio, give or take the garbage collector's extra work on large heaps and a busy machine (up to 4x here);
 * quadratic analysis multiplies it by eight.
 */
const GROWING: { name: string; make: (size: number) => string; size: number }[] = [
  { name: 'real corpus files, end to end (0.5 and 4 MB)', make: (size) => corpusText(size), size: 512 * 1024 },
  {
    name: 'a chain of ARGs, each from the one before',
    make: (n) => `FROM alpine\nARG A0=x\n${Array.from({ length: n }, (_, i) => `ARG A${i + 1}=\${A${i}}y\n`).join('')}RUN echo $A${n}\n`,
    size: 2_000,
  },
  {
    name: 'stages, each FROM the one before, commented, copying from earlier ones',
    make: (n) =>
      `FROM alpine AS s0\nRUN echo 0\n${Array.from({ length: n }, (_, i) => `# stage ${i + 1}\nFROM s${i} AS s${i + 1}\n# from half-way back\nCOPY --from=s${i >> 1} /a /b\nRUN --mount=type=cache,target=/c echo ${i}\n`).join('')}`,
    size: 2_000,
  },
  {
    name: 'one instruction continued over many lines',
    make: (n) =>
      `FROM alpine\nRUN apt-get update && \\\n${Array.from({ length: n }, (_, i) => `  apt-get install -y pkg${i} && \\\n`).join('')}  true\n`,
    size: 1_000,
  },
  {
    name: 'an unterminated heredoc',
    make: (n) => `FROM alpine\nRUN <<EOF\n${Array.from({ length: n }, (_, i) => `echo ${i} "unclosed\n`).join('')}`,
    size: 1_000,
  },
  { name: 'one very long line (0.5 and 4 MB)', make: (n) => `FROM alpine\nRUN echo ${'x'.repeat(n)}\n`, size: 512 * 1024 },
  {
    name: 'random bytes',
    make: (n) => Array.from({ length: n }, (_, i) => String.fromCharCode((i * 2654435761) >>> 24)).join(''),
    size: 64 * 1024,
  },
];

let corpus: string | undefined;
function corpusText(size: number): string {
  corpus ??= corpusFiles()
    .map((f) => fs.readFileSync(f, 'utf8'))
    .join('\n');
  return corpus.repeat(Math.ceil(size / corpus.length)).slice(0, size);
}

/** Milliseconds per run of `work`, repeated until it has taken long enough to measure. */
function timed(work: () => unknown, enough = 40): number {
  let runs = 0;
  const start = performance.now();
  do {
    work();
    runs++;
  } while (performance.now() - start < enough);
  return (performance.now() - start) / runs;
}

const plainScan = (text: string) => {
  let sum = 0;
  for (let i = 0; i < text.length; i++) sum = (sum + text.charCodeAt(i)) | 0;
  return sum + text.split('\n').length;
};

/**
 * Analysis time as a multiple of the plain scan's, for the same text: each measured a few times,
 * alternately, and the best of each taken, since the collector or another process may pause any
 * one run.
 */
function ratio(text: string, analyze: (text: string) => unknown): number {
  const scans: number[] = [];
  const runs: number[] = [];
  const started = performance.now();
  do {
    scans.push(timed(() => plainScan(text)));
    runs.push(timed(() => analyze(text), 0));
  } while (runs.length < 3 && performance.now() - started < 8_000);
  return Math.min(...runs) / Math.min(...scans);
}

/**
 * Measures every growing input; a timing ratio is a benchmark's figure, not a test's assertion,
 * since a busy machine moves it (the README's performance table shows it, with the target).
 */
export function growthBench(): GrowthResult {
  if (corpusFiles().length === 0) return { skipped: 'the corpus (../shared/corpus/real-world) is missing' };
  // Loaded here rather than imported: bench.js is also the throughput worker that measures the
  // peers, which must run without the engine's shortcuts in dockerfile-ast (TOOLS in throughput.ts).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { analyze } = require('../server/src/engine') as typeof import('../server/src/engine');
  // The first analysis of a large text warms the code paths up; it is not measured.
  analyze(corpusText(256 * 1024));
  return {
    rows: GROWING.map(({ name, make, size }) => {
      const small = make(size);
      const large = make(size * 8);
      const before = ratio(small, analyze);
      const after = ratio(large, analyze);
      return {
        name,
        smallKb: small.length / 1024,
        largeKb: large.length / 1024,
        small: before,
        large: after,
        linear: after <= before * 5 && after < 20_000,
      };
    }),
  };
}
