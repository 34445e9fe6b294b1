/**
 * The settings shape, declared once. The server reads the `layerlens` section per
 * resource; the client reads `docker.path` (machine scope) itself. `package.json`'s
 * `contributes.configuration` mirrors this, and a unit test keeps the two in step.
 */
import type { SecretSource } from './buildPlan';

export type RuleSeverity = 'off' | 'error' | 'warning' | 'info' | 'hint';

export interface LayerlensSettings {
  enable: boolean;
  rules: Record<string, RuleSeverity>;
  /** `detail`: `brief` hovers say what re-runs it and after it, the rest behind a link; `full` say everything. */
  hover: { cacheExplanations: boolean; detail: 'brief' | 'full' };
  forecast: { codeLens: boolean };
  refactor: { goBase: 'distroless' | 'scratch' };
  build: { args: Record<string, string>; codeLens: boolean };
  /** Whether completion in a FROM image's tag asks Docker Hub for the tags. */
  completion: { imageTags: boolean };
  format: { ignoreMultilineInstructions: boolean };
  /**
   * The Docker Engine the Dockerfiles are built with (`24.0`, `28.5.2`), for what its built-in
   * frontend accepts; empty: the version the local `docker` reports, or Docker 28 without one.
   */
  engineVersion: string;
}

export const SETTINGS_SECTION = 'layerlens';

export const DEFAULT_SETTINGS: LayerlensSettings = {
  enable: true,
  rules: {},
  hover: { cacheExplanations: true, detail: 'brief' },
  forecast: { codeLens: true },
  refactor: { goBase: 'distroless' },
  build: { args: {}, codeLens: true },
  completion: { imageTags: true },
  format: { ignoreMultilineInstructions: false },
  engineVersion: '',
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
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).filter(([, x]) => typeof x === 'string')) as Record<
      string,
      string
    >;
  };
  const hover = (value.hover ?? {}) as { cacheExplanations?: unknown; detail?: unknown };
  const build = (value.build ?? {}) as { args?: unknown; codeLens?: unknown };
  const forecast = (value.forecast ?? {}) as { codeLens?: unknown };
  const refactor = (value.refactor ?? {}) as { goBase?: unknown };
  const completion = (value.completion ?? {}) as { imageTags?: unknown };
  const format = (value.format ?? {}) as { ignoreMultilineInstructions?: unknown };
  return {
    enable: typeof value.enable === 'boolean' ? value.enable : DEFAULT_SETTINGS.enable,
    rules: ruleSeverities(record(value.rules)),
    hover: {
      cacheExplanations: typeof hover.cacheExplanations === 'boolean' ? hover.cacheExplanations : true,
      detail: hover.detail === 'full' ? 'full' : 'brief',
    },
    forecast: { codeLens: typeof forecast.codeLens === 'boolean' ? forecast.codeLens : true },
    refactor: { goBase: refactor.goBase === 'scratch' ? 'scratch' : 'distroless' },
    build: { args: record(build.args), codeLens: typeof build.codeLens === 'boolean' ? build.codeLens : true },
    completion: { imageTags: typeof completion.imageTags === 'boolean' ? completion.imageTags : true },
    format: { ignoreMultilineInstructions: format.ignoreMultilineInstructions === true },
    engineVersion:
      typeof value.engineVersion === 'string' && /^\d+\.\d+/.test(value.engineVersion.trim()) ? value.engineVersion.trim() : '',
  };
}

/**
 * The settings only the client's build commands read. `engine` and the docker path name what runs
 * on the machine, so they are machine-scoped: a workspace cannot point them at its own executable.
 */
export interface BuildSettings {
  engine: 'auto' | 'buildx' | 'docker';
  cache: 'auto' | 'inline' | 'registry';
  push: boolean;
  builder: string;
  platform: string;
  secrets: Record<string, SecretSource>;
}

export const DEFAULT_BUILD_SETTINGS: BuildSettings = { engine: 'auto', cache: 'auto', push: false, builder: '', platform: '', secrets: {} };

/** Reads the build settings, dropping what has the wrong shape; a secret is a file (`src`) or a variable (`env`), never a value. */
export function normalizeBuildSettings(raw: unknown): BuildSettings {
  const value = (raw ?? {}) as Record<string, unknown>;
  const secrets: Record<string, SecretSource> = {};
  if (value.secrets && typeof value.secrets === 'object' && !Array.isArray(value.secrets)) {
    for (const [id, source] of Object.entries(value.secrets as Record<string, unknown>)) {
      const s = (source ?? {}) as { src?: unknown; env?: unknown };
      if (typeof s.src === 'string' && s.src !== '') secrets[id] = { src: s.src };
      else if (typeof s.env === 'string' && s.env !== '') secrets[id] = { env: s.env };
    }
  }
  const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  return {
    engine: value.engine === 'buildx' || value.engine === 'docker' ? value.engine : 'auto',
    cache: value.cache === 'registry' || value.cache === 'inline' ? value.cache : 'auto',
    push: value.push === true,
    builder: text(value.builder),
    platform: text(value.platform),
    secrets,
  };
}
