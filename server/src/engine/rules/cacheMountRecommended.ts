import { argumentsRange, programWords, textOf, variableAt } from '../model';
import type { DockerfileModel, Instruction, Stage } from '../model';
import { dependencyInstalls, installedBefore, isToolInstall } from '../knowledge/dependencyInstalls';
import { isTruthy } from '../knowledge/packageCaches';
import { imageParts } from '../knowledge/images';
import { defineRule } from './types';

/** A package manager's download cache, where the official images keep it for root. */
interface CacheDirectory {
  manager: string;
  targets: string[];
  /** The environment variable that moves the cache, with the path under it the cache then has. */
  moved?: { variable: string; under: string };
  /** Flags that only turn the cache off, pointless once it is mounted. */
  cleanups?: RegExp[];
}

/**
 * Paths of the official images' defaults for root, from ../shared/domain/buildkit-cache.md section 3,
 * for the dependency installs of ./dependencyInstalls (the table every rule shares). Managers missing
 * here (bundler, composer, pipenv) keep their downloads where the file does not say.
 */
const CACHES: CacheDirectory[] = [
  { manager: 'npm', targets: ['/root/.npm'], moved: { variable: 'npm_config_cache', under: '' } },
  { manager: 'yarn', targets: ['/usr/local/share/.cache/yarn'], moved: { variable: 'YARN_CACHE_FOLDER', under: '' } },
  { manager: 'pnpm', targets: ['/root/.local/share/pnpm/store'], moved: { variable: 'PNPM_HOME', under: '/store' } },
  { manager: 'pip', targets: ['/root/.cache/pip'], moved: { variable: 'PIP_CACHE_DIR', under: '' }, cleanups: [/ --no-cache-dir\b/g] },
  { manager: 'uv', targets: ['/root/.cache/uv'], moved: { variable: 'UV_CACHE_DIR', under: '' }, cleanups: [/ --no-cache\b/g] },
  { manager: 'poetry', targets: ['/root/.cache/pypoetry'], moved: { variable: 'POETRY_CACHE_DIR', under: '' } },
  { manager: 'go', targets: ['/go/pkg/mod', '/root/.cache/go-build'] },
  { manager: 'cargo', targets: ['/usr/local/cargo/registry', '/usr/local/cargo/git'] },
  { manager: 'maven', targets: ['/root/.m2'] },
  { manager: 'gradle', targets: ['/root/.gradle'], moved: { variable: 'GRADLE_USER_HOME', under: '' } },
  { manager: 'dotnet', targets: ['/root/.nuget/packages'], moved: { variable: 'NUGET_PACKAGES', under: '' } },
];

/**
 * Managers whose cache is also the store that later steps read (the Go module cache, ~/.m2, the
 * cargo registry, the NuGet packages): mounted on `go mod download` alone, the modules are not in the
 * layer, and the `go build` after it downloads them all again. Such a cache is only worth mounting on
 * the last step of its stage that runs the tool.
 */
const STORE_READ_LATER: Record<string, RegExp> = {
  go: /^go$/,
  maven: /^(mvn|mvnw|\.\/mvnw)$/,
  gradle: /^(gradle|gradlew|\.\/gradlew)$/,
  cargo: /^cargo$/,
  dotnet: /^dotnet$/,
};

/**
 * Flags that make an install read only what is already on disk (nothing to keep), or that mark
 * Yarn 2+, whose cache is in the project (`.yarn/cache`), not where Yarn 1 keeps it.
 */
const NOT_CACHED_HERE = new Set([
  '--offline',
  '--prefer-offline',
  '--no-index',
  '--frozen-offline',
  '--immutable',
  '--immutable-cache',
  // The author turned the cache off on purpose, or installs into a user's home the file does not name.
  '--no-cache-dir',
  '--no-cache',
  '--user',
]);

/**
 * Whose caches the RUN fills: root's under /root, or a user's under its home, with the uid and gid
 * the mount needs so that the user can write there (cache mounts belong to root otherwise).
 * Undefined when the home or the ids cannot be known from the file: then the author chooses.
 */
function cacheOwner(model: DockerfileModel, stage: Stage, instruction: Instruction): { home: string; ids: string } | undefined {
  const lastUser = stage.instructions.filter((i) => i.keyword === 'USER' && i.index < instruction.index).at(-1);
  const [user = '', group] = (lastUser?.args[0]?.value ?? 'root').split(':');
  if (user === 'root' || user === '0') return { home: '/root', ids: '' };
  const homeVariable = variableAt(model, instruction, 'HOME');
  const home = homeVariable?.kind === 'env' ? (homeVariable.value ?? undefined) : undefined;
  if (/^\d+$/.test(user)) return home ? { home, ids: `,uid=${user},gid=${group && /^\d+$/.test(group) ? group : user}` } : undefined;
  // The official Node images create the user `node` (uid 1000) with its home in /home/node.
  if (user === 'node' && imageParts(stage.resolvedBase).repository === 'node')
    return { home: home ?? '/home/node', ids: ',uid=1000,gid=1000' };
  return undefined;
}

export const cacheMountRecommended = defineRule({
  id: 'CacheMountRecommended',
  description:
    "A project's dependency install (npm ci, pip install -r, go mod download, cargo build, …) without a cache mount: every re-run downloads everything again.",
  category: 'cache',
  defaultSeverity: 'off',
  fix: { availability: 'sometimes', safety: 'unsafe' },
  aliases: [],
  buildkit: false,
  messages: {
    mount: (manager: string, targets: string[]) =>
      `${manager} downloads again whenever this step re-runs: a cache mount on ${targets.join(' and ')} keeps the downloads between builds on this builder (not on a fresh CI runner)`,
  },
  check({ model, messages, report }) {
    for (const stage of model.stages) {
      for (const instruction of stage.instructions) {
        // A step that mounts any cache already has the author's cache layout (a custom --cache-dir,
        // a parent folder): a suggestion there would be wrong more often than right.
        if ((instruction.run?.mounts ?? []).some((m) => m.type === 'cache')) continue;
        const installs = dependencyInstalls(instruction).filter(
          (install) => !isToolInstall(install) && !install.words.some((w) => NOT_CACHED_HERE.has(w)),
        );
        const caches = CACHES.filter(
          (cache) =>
            installs.some((install) => install.manager === cache.manager) &&
            // After an install of the same manager earlier in the stage or its bases, this one adds the
            // project itself (`uv sync` after `uv sync --no-install-project`): nothing to download.
            !installedBefore(model, stage, instruction, cache.manager) &&
            !(cache.manager === 'pip' && isTruthy(variableAt(model, instruction, 'PIP_NO_CACHE_DIR')?.value)) &&
            !storeReadLater(stage, instruction, cache.manager) &&
            // A later step that reads the cache folder, in this stage or another (`COPY --from=deps
            // /go/pkg/mod /go/pkg/mod`), would not find the downloads in the layer.
            !model.instructions.some(
              (later) => later.index > instruction.index && cache.targets.some((t) => mentionsFolder(later.text, t)),
            ),
        );
        if (caches.length === 0) continue;
        // Whose home the caches are in: under a user the file does not describe, a mount on root's
        // cache would sit unused, so nothing is said.
        const owner = cacheOwner(model, stage, instruction);
        if (owner === undefined) continue;
        const targetsOf = (cache: CacheDirectory) => {
          const moved = cache.moved && variableAt(model, instruction, cache.moved.variable)?.value;
          if (moved && moved.startsWith('/') && !moved.includes('$')) return [`${moved.replace(/\/+$/, '')}${cache.moved?.under ?? ''}`];
          const modulesOnly = cache.manager === 'go' && installs.every((i) => i.manager !== 'go' || i.manifests !== undefined);
          return (modulesOnly ? cache.targets.slice(0, 1) : cache.targets).map((t) => t.replace(/^\/root(?=\/)/, owner.home));
        };
        // The fix writes a POSIX command.
        const fixable = instruction.heredocs.length === 0 && model.directives.escape.char === '\\';
        let fix;
        if (fixable) {
          const flags = caches.flatMap((cache) => targetsOf(cache).map((t) => `--mount=type=cache,target=${t}${owner.ids}`)).join(' ');
          const commandRange = argumentsRange(instruction.args);
          let command = commandRange ? textOf(model.text, model.lineStarts, commandRange) : '';
          for (const cache of caches) for (const cleanup of cache.cleanups ?? []) command = command.replace(cleanup, '');
          fix = {
            title: `Add cache mount${caches.flatMap(targetsOf).length > 1 ? 's' : ''} for ${caches.map((c) => c.manager).join(', ')}`,
            safety: 'unsafe' as const,
            edits: [
              { range: { start: instruction.keywordRange.end, end: instruction.keywordRange.end }, newText: ` ${flags}` },
              ...(commandRange ? [{ range: commandRange, newText: command }] : []),
            ],
          };
        }
        report({
          range: instruction.keywordRange,
          message: messages.mount(caches.map((c) => c.manager).join(' and '), caches.flatMap(targetsOf)),
          fix,
          instructionIndex: instruction.index,
        });
      }
    }
  },
});

/** True when the text names the folder or a path inside it. */
function mentionsFolder(text: string, folder: string): boolean {
  return new RegExp(`${folder.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(/|\\s|"|'|$)`, 'm').test(text);
}

/** True when a later step of the stage runs the tool whose store the manager's install fills. */
function storeReadLater(stage: Stage, instruction: Instruction, manager: string): boolean {
  const program = STORE_READ_LATER[manager];
  return (
    program !== undefined &&
    stage.instructions.some(
      (later) => later.index > instruction.index && (later.run?.commands ?? []).some((c) => program.test(programWords(c)[0] ?? '')),
    )
  );
}
