/**
 * The settings shape, declared once. The server reads the `layerlens` section per
 * resource; the client reads `docker.path` (machine scope) itself. `package.json`'s
 * `contributes.configuration` mirrors this, and a unit test keeps the two in step.
 */
export type RuleSeverity = 'off' | 'error' | 'warning' | 'info' | 'hint';

export interface LayerlensSettings {
  enable: boolean;
  rules: Record<string, RuleSeverity>;
  hover: { cacheExplanations: boolean };
  forecast: { codeLens: boolean };
  refactor: { goBase: 'distroless' | 'scratch' };
  build: { args: Record<string, string> };
}

export const SETTINGS_SECTION = 'layerlens';

export const DEFAULT_SETTINGS: LayerlensSettings = {
  enable: true,
  rules: {},
  hover: { cacheExplanations: true },
  forecast: { codeLens: true },
  refactor: { goBase: 'distroless' },
  build: { args: {} },
};

const SEVERITIES: readonly RuleSeverity[] = ['off', 'error', 'warning', 'info', 'hint'];

/** Keeps the known severities; `information` (LSP's word) is read as `info`, anything else is dropped. */
function ruleSeverities(raw: Record<string, string>): Record<string, RuleSeverity> {
  const result: Record<string, RuleSeverity> = {};
  for (const [rule, severity] of Object.entries(raw)) {
    const normalized = severity === 'information' ? 'info' : severity;
    if ((SEVERITIES as readonly string[]).includes(normalized)) result[rule] = normalized as RuleSeverity;
  }
  return result;
}

/** Fills what a client did not send with the defaults, and drops values of the wrong type. */
export function normalizeSettings(raw: unknown): LayerlensSettings {
  const value = (raw ?? {}) as Partial<Record<keyof LayerlensSettings, unknown>>;
  const record = (v: unknown): Record<string, string> => {
    if (!v || typeof v !== 'object' || Array.isArray(v)) return {};
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).filter(([, x]) => typeof x === 'string')) as Record<string, string>;
  };
  const hover = (value.hover ?? {}) as { cacheExplanations?: unknown };
  const build = (value.build ?? {}) as { args?: unknown };
  const forecast = (value.forecast ?? {}) as { codeLens?: unknown };
  const refactor = (value.refactor ?? {}) as { goBase?: unknown };
  return {
    enable: typeof value.enable === 'boolean' ? value.enable : DEFAULT_SETTINGS.enable,
    rules: ruleSeverities(record(value.rules)),
    hover: { cacheExplanations: typeof hover.cacheExplanations === 'boolean' ? hover.cacheExplanations : true },
    forecast: { codeLens: typeof forecast.codeLens === 'boolean' ? forecast.codeLens : true },
    refactor: { goBase: refactor.goBase === 'scratch' ? 'scratch' : 'distroless' },
    build: { args: record(build.args) },
  };
}
