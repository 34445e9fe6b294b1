/**
 * What the Dockerfile frontend built into each Docker Engine release accepts without a `# syntax=`
 * line. Each engine release line vendors one BuildKit (docker/docs, content/manuals/engine/
 * release-notes: "Update BuildKit to v0.14.1"), and each BuildKit release builds in one Dockerfile
 * frontend (moby/buildkit's release notes: "Builtin Dockerfile frontend has been updated to v1.8.1").
 * Verified on two engines here: 20.10.24 (../shared/domain/buildkit-cache.md, section 7) and 28.5.2
 * (../shared/guide/modern-buildkit.md); the rest is from those release notes, where the frontend of
 * most BuildKit releases is paired by release date (docs/rules/frontend-feature-without-syntax.md lists them).
 */
export interface EngineFrontend {
  /** The engine release line, `major.minor`. */
  engine: string;
  buildkit: string;
  /** The built-in Dockerfile frontend, `1.N`. */
  frontend: string;
  verified: boolean;
}

/** Oldest first; an engine older than the first row has an older frontend still. */
export const ENGINE_FRONTENDS: readonly EngineFrontend[] = [
  { engine: '20.10', buildkit: '0.8', frontend: '1.2', verified: true },
  { engine: '23.0', buildkit: '0.10', frontend: '1.4', verified: false },
  { engine: '24.0', buildkit: '0.11', frontend: '1.5', verified: false },
  { engine: '25.0', buildkit: '0.12', frontend: '1.6', verified: false },
  { engine: '26.0', buildkit: '0.13', frontend: '1.7', verified: false },
  { engine: '27.0', buildkit: '0.14', frontend: '1.8', verified: false },
  { engine: '27.1', buildkit: '0.15', frontend: '1.9', verified: false },
  { engine: '27.3', buildkit: '0.16', frontend: '1.10', verified: false },
  { engine: '27.4', buildkit: '0.17', frontend: '1.11', verified: false },
  { engine: '27.5', buildkit: '0.18', frontend: '1.12', verified: false },
  { engine: '28.0', buildkit: '0.20', frontend: '1.14', verified: false },
  { engine: '28.1', buildkit: '0.21', frontend: '1.15', verified: false },
  { engine: '28.2', buildkit: '0.22', frontend: '1.16', verified: false },
  { engine: '28.3', buildkit: '0.23', frontend: '1.17', verified: false },
  { engine: '28.4', buildkit: '0.24', frontend: '1.18', verified: false },
  { engine: '28.5', buildkit: '0.25', frontend: '1.19', verified: true },
];

/** The engine Layerlens is checked against, assumed when the user's is not known. */
export const REFERENCE_ENGINE = '28.5';

/**
 * Dockerfile features that a frontend accepts only from some version on, with the first stable
 * `docker/dockerfile` release that has each (Docker's Dockerfile release notes; labs releases had
 * some earlier). `ADD --keep-git-dir` came with `ADD <git url>`, stable in 1.6.
 */
export const FRONTEND_FEATURES: readonly { feature: string; version: string }[] = [
  { feature: 'RUN --network', version: '1.3' },
  { feature: 'heredocs', version: '1.4' },
  { feature: 'COPY --link', version: '1.4' },
  { feature: 'ADD --checksum', version: '1.6' },
  { feature: 'ADD --keep-git-dir', version: '1.6' },
  { feature: 'RUN --mount=type=secret,env=', version: '1.10' },
  { feature: 'COPY --exclude', version: '1.19' },
  { feature: 'COPY --parents', version: '1.20' },
  { feature: 'RUN --security', version: '1.20' },
];

/** Compares dotted numbers (`1.10` > `1.9`); a missing part counts as 0. */
export function compareVersions(a: string, b: string): number {
  const left = a.split('.').map(Number);
  const right = b.split('.').map(Number);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

/**
 * The frontend built into an engine version (`28.5.2`, `24.0`, `27.3.1+dfsg1`): the row of its
 * release line or the latest line before it. Undefined for an engine newer than the table knows,
 * whose frontend may have anything.
 */
export function frontendOfEngine(version: string): EngineFrontend | undefined {
  const line = /^(\d+)\.(\d+)/.exec(version);
  if (!line) return undefined;
  const engine = `${Number(line[1])}.${Number(line[2])}`;
  const last = ENGINE_FRONTENDS.at(-1);
  if (!last || compareVersions(engine, last.engine) > 0) return undefined;
  return [...ENGINE_FRONTENDS].reverse().find((row) => compareVersions(row.engine, engine) <= 0) ?? ENGINE_FRONTENDS[0];
}

/** The first stable frontend version that has a feature. */
export function featureVersion(feature: string): string {
  return FRONTEND_FEATURES.find((f) => f.feature === feature)?.version ?? '1.0';
}
