import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { validate } from 'dockerfile-utils';
import { analyze } from '../server/src/engine';
import { repoRoot } from '../test/support/env';

// dockerfilelint ships no types; its entry point is `run(configDirectory, content)`.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const dockerfilelint = require('dockerfilelint') as { run(configDirectory: string, content: string): unknown[] };

/** What each tool does with one file's text, in this process. */
export const TOOLS = {
  layerlens: (text: string) => analyze(text),
  'dockerfile-utils': (text: string) => validate(text),
  dockerfilelint: (text: string) => dockerfilelint.run(EMPTY_CONFIG, text),
} as const;
export type ToolName = keyof typeof TOOLS;

/** dockerfilelint looks for a .dockerfilelintrc in the folder it is given: an empty one means its defaults. */
const EMPTY_CONFIG = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlens-bench-'));

export interface ThroughputResult {
  files: number;
  bytes: number;
  /** Milliseconds for the whole set, one per run. */
  runs: number[];
  /** Files the tool threw on, by name. */
  crashed: string[];
}

/** Each tool over every file, `runs` times after a warm-up; a file that throws counts as a crash once. */
export function inProcess(tool: ToolName, files: { name: string; text: string }[], runs: number): ThroughputResult {
  const crashed = new Set<string>();
  const once = () => {
    const started = performance.now();
    for (const file of files) {
      try {
        TOOLS[tool](file.text);
      } catch {
        crashed.add(file.name);
      }
    }
    return performance.now() - started;
  };
  once();
  const times = Array.from({ length: runs }, once);
  return { files: files.length, bytes: files.reduce((n, f) => n + Buffer.byteLength(f.text), 0), runs: times, crashed: [...crashed] };
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
