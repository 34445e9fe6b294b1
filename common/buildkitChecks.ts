/**
 * BuildKit's own checks, as `docker buildx build --call=check,format=json` prints them (buildx 0.15
 * and newer): what the editor shows beside Layerlens' findings when `layerlens.buildkitChecks` is on.
 * Pure: the client runs docker, this reads what it printed.
 */

/** One warning of BuildKit's checks, its lines 1-based as BuildKit numbers them. */
export interface BuildkitWarning {
  rule: string;
  /** BuildKit's detail for this occurrence, or the rule's description when it gives none. */
  message: string;
  url?: string;
  startLine: number;
  endLine: number;
}

export type CheckOutcome =
  /**
   * What BuildKit printed. `error` is set when the run ended in an error after or while checking:
   * a base image it could not resolve (the warnings are all there, since the checks ran first) or
   * a file it refused (a syntax error, which Layerlens' InvalidSyntax reports; warnings may be missing).
   */
  | { warnings: BuildkitWarning[]; error?: string }
  /** No result at all: docker could not run, or no daemon answered. */
  | { failed: string };

interface RawWarning {
  ruleName?: unknown;
  description?: unknown;
  detail?: unknown;
  url?: unknown;
  location?: { ranges?: { start?: { line?: unknown }; end?: { line?: unknown } }[] };
}

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/** Reads one run's output. A run that printed no JSON failed before checking (its stderr says why). */
export function readCheckOutput(stdout: string, stderr: string): CheckOutcome {
  let parsed: { warnings?: RawWarning[] | null; buildError?: { message?: unknown } | null };
  try {
    parsed = JSON.parse(stdout) as typeof parsed;
  } catch {
    const reason =
      stderr
        .trim()
        .split('\n')
        .filter((line) => line.trim() !== '')
        .pop() ?? '';
    return { failed: reason || 'docker printed no result' };
  }
  const warnings: BuildkitWarning[] = [];
  for (const raw of parsed.warnings ?? []) {
    const rule = text(raw.ruleName);
    const range = raw.location?.ranges?.[0];
    const start = Number(range?.start?.line);
    if (!rule || !Number.isInteger(start) || start < 1) continue;
    const end = Number(range?.end?.line);
    const url = text(raw.url);
    warnings.push({
      rule,
      message: text(raw.detail) || text(raw.description) || rule,
      ...(url ? { url } : {}),
      startLine: start,
      endLine: Number.isInteger(end) && end >= start ? end : start,
    });
  }
  return parsed.buildError ? { warnings, error: text(parsed.buildError.message) || 'the build failed' } : { warnings };
}

/** `--call=check` came with buildx 0.15; older clients build the file instead of checking it. */
export const CHECKS_MIN_BUILDX: [number, number] = [0, 15];

/** The version in `docker buildx version` (`github.com/docker/buildx v0.29.1 …`, Debian's `0.29.1+ds1 …`). */
export function buildxVersion(output: string): [number, number] | undefined {
  const match = /buildx\S*\s+v?(\d+)\.(\d+)/.exec(output);
  return match ? [Number(match[1]), Number(match[2])] : undefined;
}

export function buildxCanCheck(version: [number, number] | undefined): boolean {
  if (!version) return false;
  const [major, minor] = version;
  return major > CHECKS_MIN_BUILDX[0] || (major === CHECKS_MIN_BUILDX[0] && minor >= CHECKS_MIN_BUILDX[1]);
}

/**
 * The warnings Layerlens did not already report: the same rule whose reported lines include the
 * warning's first line counts as the same finding, so each appears once.
 */
export function notReportedBy(
  warnings: readonly BuildkitWarning[],
  reported: readonly { rule: string; startLine: number; endLine: number }[],
): BuildkitWarning[] {
  return warnings.filter((w) => !reported.some((r) => r.rule === w.rule && r.startLine <= w.startLine && w.startLine <= r.endLine));
}
