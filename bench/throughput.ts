import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../test/support/env';

/**
 * What each tool does with one file's text, loaded only when that tool is measured: Layerlens'
 * engine makes dockerfile-ast keep each instruction's argument split, and a peer measured in the
 * same process would run faster than it does on a user's machine.
 */
export const TOOLS = {
  layerlens: () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { analyze, RULES } = require('../server/src/engine') as typeof import('../server/src/engine');
    return { check: (text: string) => analyze(text), rules: RULES.length };
  },
  'dockerfile-utils': () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { validate } = require('dockerfile-utils') as typeof import('dockerfile-utils');
    return { check: (text: string) => validate(text) };
  },
  dockerfilelint: () => {
    // dockerfilelint ships no types; its entry point is `run(configDirectory, content)`, and an
    // empty folder as its configuration directory means its defaults.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const dockerfilelint = require('dockerfilelint') as { run(configDirectory: string, content: string): unknown[] };
    const emptyConfig = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlens-bench-'));
    return { check: (text: string) => dockerfilelint.run(emptyConfig, text) };
  },
} as const;
export type ToolName = keyof typeof TOOLS;

export interface ThroughputResult {
  files: number;
  bytes: number;
  /** Milliseconds for the whole set, one per run. */
  runs: number[];
  /** Files the tool threw on, by name. */
  crashed: string[];
  /** How many rules the tool ran, where it says. */
  rules?: number;
}

export interface BenchFile {
  name: string;
  text: string;
}

/** The argument that makes bench.js a worker measuring one tool (see `inProcess`). */
export const WORKER_FLAG = '--throughput-worker';

/**
 * One tool over every file, `runs` times after a warm-up, in a process of its own that loads
 * nothing but that tool; a file that throws counts as a crash once.
 */
export function inProcess(tool: ToolName, files: BenchFile[], runs: number): ThroughputResult {
  const input = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'layerlens-bench-')), 'files.json');
  fs.writeFileSync(input, JSON.stringify(files));
  try {
    const worker = spawnSync(process.execPath, [process.argv[1], WORKER_FLAG, tool, String(runs), input], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    if (worker.status !== 0) throw new Error(`the ${tool} worker failed: ${worker.stderr || worker.error}`);
    return JSON.parse(worker.stdout) as ThroughputResult;
  } finally {
    fs.rmSync(path.dirname(input), { recursive: true, force: true });
  }
}

/** The worker's side of `inProcess`: measures, and writes the result to stdout as JSON. */
export async function throughputWorker(tool: ToolName, runs: number, input: string): Promise<void> {
  const files = JSON.parse(fs.readFileSync(input, 'utf8')) as BenchFile[];
  const { check, rules } = TOOLS[tool]() as { check: (text: string) => unknown; rules?: number };
  const crashed = new Set<string>();
  const once = () => {
    const started = performance.now();
    for (const file of files) {
      try {
        check(file.text);
      } catch {
        crashed.add(file.name);
      }
    }
    return performance.now() - started;
  };
  once();
  const times = Array.from({ length: runs }, once);
  const result: ThroughputResult = {
    files: files.length,
    bytes: files.reduce((n, f) => n + Buffer.byteLength(f.text), 0),
    runs: times,
    crashed: [...crashed],
    rules,
  };
  process.stdout.write(JSON.stringify(result));
}

/** The command lines a user runs over many files at once; dockerfile-utils' CLI takes one file per process, so it is left out. */
const PROCESSES: Partial<Record<ToolName, (files: string[]) => string[]>> = {
  layerlens: (files) => [path.join(repoRoot, 'dist', 'cli.js'), 'check', '--format', 'json', '--exit-zero', ...files],
  dockerfilelint: (files) => [path.join(repoRoot, 'node_modules', 'dockerfilelint', 'bin', 'dockerfilelint'), '-j', ...files],
};

/** The tool as a whole process over all the files (start-up included), `runs` times. */
export function asProcess(tool: ToolName, files: string[], runs: number): number[] | undefined {
  const argv = PROCESSES[tool]?.(files);
  if (!argv) return undefined;
  return Array.from({ length: runs }, () => {
    const started = performance.now();
    const result = spawnSync(process.execPath, argv, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    if (result.error) throw result.error;
    return performance.now() - started;
  });
}
