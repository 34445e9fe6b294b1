import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TestContext } from 'node:test';

/** The repository root, found from the bundled test file (out/test/<tier>/x.js) or the sources. */
export const repoRoot = (() => {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'esbuild.mjs'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find the repository root above ${__dirname}`);
    dir = parent;
  }
  return dir;
})();

/** `../shared` beside the checkout: corpus, oracles and domain notes, read at run time. */
export const sharedDir = process.env.LAYERLENS_SHARED_DIR ?? path.resolve(repoRoot, '..', 'shared');
export const corpusDir = path.join(sharedDir, 'corpus', 'real-world');
export const oraclesDir = path.join(sharedDir, 'oracles');

export const inCI = process.env.CI === 'true';

/**
 * Skips a test whose host (a directory, a daemon) is missing, loudly; under CI=true the
 * test fails instead, so that a missing service can never turn a run green.
 */
export function requireHost(t: TestContext, available: boolean, what: string): boolean {
  if (available) return true;
  const message = `${what} is not available`;
  if (inCI) throw new Error(`${message} (CI=true: a missing host fails the run)`);
  process.stderr.write(`\n!!! SKIPPED: ${message}. These tests did not run.\n\n`);
  t.skip(message);
  return false;
}

export function corpusFiles(): string[] {
  if (!fs.existsSync(corpusDir)) return [];
  return fs
    .readdirSync(corpusDir)
    .filter((f) => f !== 'SOURCES.tsv')
    .sort()
    .map((f) => path.join(corpusDir, f));
}
