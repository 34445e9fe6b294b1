import * as fs from 'node:fs';

/**
 * The payoff targets of the benchmark: a rebuild after a one-line source edit at least 5x faster
 * after the fixes, an image at least 60% smaller after the multi-stage conversion, and the fresh
 * runner's rebuild with Layerlens' registry cache at least 3x faster than with the naive one.
 */
export type PayoffTarget = 'rebuild' | 'size' | 'freshRunner';

/** One row of README's "What it buys you" table. */
export interface PayoffRow {
  refactor: string;
  measure: string;
  before: string;
  after: string;
  /** The figures a target is judged on: seconds for the rebuilds, bytes for the sizes. */
  judged?: { target: PayoffTarget; before: number; after: number };
}

/**
 * Adds rows to the file `npm run bench` names in LAYERLENS_PAYOFF_OUT (several test files write to
 * it in turn); a plain test run names none and records nothing.
 */
export function recordPayoff(rows: readonly PayoffRow[]): void {
  const out = process.env.LAYERLENS_PAYOFF_OUT;
  if (!out || rows.length === 0) return;
  const kept: PayoffRow[] = fs.existsSync(out) ? JSON.parse(fs.readFileSync(out, 'utf8')) : [];
  fs.writeFileSync(out, JSON.stringify([...kept, ...rows], null, 2));
}
