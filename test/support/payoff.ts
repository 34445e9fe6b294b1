import * as fs from 'node:fs';

/** One row of README's "What it buys you" table. */
export interface PayoffRow {
  refactor: string;
  measure: string;
  before: string;
  after: string;
}

/**
 * Adds rows to the file `npm run bench:payoff` names in LAYERLENS_PAYOFF_OUT (several test files
 * write to it in turn); a plain test run names none and records nothing.
 */
export function recordPayoff(rows: readonly PayoffRow[]): void {
  const out = process.env.LAYERLENS_PAYOFF_OUT;
  if (!out || rows.length === 0) return;
  const kept: PayoffRow[] = fs.existsSync(out) ? JSON.parse(fs.readFileSync(out, 'utf8')) : [];
  fs.writeFileSync(out, JSON.stringify([...kept, ...rows], null, 2));
}
