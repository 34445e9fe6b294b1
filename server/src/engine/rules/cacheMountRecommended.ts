import { subcommand, textOf, variableAt } from '../model';
import type { DockerfileModel, Instruction, Stage } from '../model';
import { imageParts } from './images';
import { commandsOf, invocation, mountedDirectories } from './packageCaches';
import { defineRule } from './types';

/** A package manager's download cache, and what in a RUN makes it download. */
interface CacheDirectory {
  manager: string;
  targets: string[];
  /** apt's lock files make concurrent builds corrupt a shared cache. */
  locked?: boolean;
  downloads(words: string[]): boolean;
  /** Cleanups that only undo the cache, pointless once it is mounted. */
  cleanups?: RegExp[];
}

const sub = subcommand;

/**
 * Patterns that remove `&& command` from a RUN, for each command: on a continuation line of its
 * own together with the line break before it, so that no dangling `\` or empty line is left, or
 * within a line. Neither reaches across a line break otherwise.
 */
function chained(...commands: string[]): RegExp[] {
  return commands.flatMap((command) => [
    new RegExp(String.raw`[ \t]*\\\r?\n[ \t]*&&[ \t]*${command}(?=[ \t]*(?:\\?\r?\n|\\?$))`, 'g'),
    new RegExp(String.raw`[ \t]*&&[ \t]*${command}(?![^\s\\])`, 'g'),
  ]);
}
const isPip = (words: string[]) => /^pip[23]?$/.test(words[0] ?? '') || (/^python[0-9.]*$/.test(words[0] ?? '') && words[1] === '-m' && /^pip[23]?$/.test(words[2] ?? ''));

/** Paths of the official images' defaults for root, from ../shared/domain/buildkit-cache.md section 3. */
const CACHES: CacheDirectory[] = [
  { manager: 'apt', targets: ['/var/cache/apt', '/var/lib/apt'], locked: true,
    downloads: (w) => (w[0] === 'apt-get' || w[0] === 'apt') && sub(w) === 'install',
    cleanups: chained(String.raw`rm -rf /var/lib/apt/lists/\*`, String.raw`apt-get clean(?:[ \t]+-[a-zA-Z]+)*`) },
  { manager: 'apk', targets: ['/var/cache/apk'], downloads: (w) => w[0] === 'apk' && sub(w) === 'add', cleanups: [/ --no-cache\b/g] },
  { manager: 'pip', targets: ['/root/.cache/pip'], downloads: (w) => isPip(w) && w.includes('install'), cleanups: [/ --no-cache-dir\b/g] },
  { manager: 'uv', targets: ['/root/.cache/uv'], downloads: (w) => w[0] === 'uv' && (sub(w) === 'sync' || (sub(w) === 'pip' && w.includes('install'))), cleanups: [/ --no-cache\b/g] },
  { manager: 'poetry', targets: ['/root/.cache/pypoetry'], downloads: (w) => w[0] === 'poetry' && sub(w) === 'install' },
  { manager: 'npm', targets: ['/root/.npm'], downloads: (w) => w[0] === 'npm' && (sub(w) === 'ci' || sub(w) === 'install' || sub(w) === 'i') },
  { manager: 'yarn', targets: ['/usr/local/share/.cache/yarn'], downloads: (w) => w[0] === 'yarn' && (sub(w) === undefined || sub(w) === 'install') },
  { manager: 'pnpm', targets: ['/root/.local/share/pnpm/store'], downloads: (w) => w[0] === 'pnpm' && ['install', 'i', 'fetch'].includes(sub(w) ?? '') },
  { manager: 'go', targets: ['/go/pkg/mod', '/root/.cache/go-build'], downloads: (w) => w[0] === 'go' && ['build', 'install', 'get', 'test'].includes(sub(w) ?? '') || (w[0] === 'go' && sub(w) === 'mod' && w.includes('download')) },
  { manager: 'cargo', targets: ['/usr/local/cargo/registry', '/usr/local/cargo/git'], downloads: (w) => w[0] === 'cargo' && ['build', 'fetch', 'install'].includes(sub(w) ?? '') },
  { manager: 'maven', targets: ['/root/.m2'], downloads: (w) => /^(mvn|\.\/mvnw|mvnw)$/.test(w[0] ?? '') },
  { manager: 'gradle', targets: ['/root/.gradle'], downloads: (w) => /^(gradle|\.\/gradlew|gradlew)$/.test(w[0] ?? '') },
];

/**
 * Whose caches the RUN fills: root's under /root, or a user's under its home, with the uid and gid
 * the mount needs so that the user can write there (cache mounts belong to root otherwise).
 * Undefined when the home or the ids cannot be known from the file: then the author chooses.
 */
function cacheOwner(model: DockerfileModel, stage: Stage, instruction: Instruction): { home: string; ids: string } | undefined {
  const users = stage.instructions.filter((i) => i.keyword === 'USER' && i.index < instruction.index);
  const [user, group] = (users[users.length - 1]?.args[0]?.value ?? 'root').split(':');
  if (user === 'root' || user === '0') return { home: '/root', ids: '' };
  const homeVariable = variableAt(model, instruction, 'HOME');
  const home = homeVariable?.kind === 'env' ? homeVariable.value ?? undefined : undefined;
  if (/^\d+$/.test(user)) return home ? { home, ids: `,uid=${user},gid=${group && /^\d+$/.test(group) ? group : user}` } : undefined;
  // The official Node images create the user `node` (uid 1000) with its home in /home/node.
  if (user === 'node' && imageParts(stage.resolvedBase).repository === 'node') return { home: home ?? '/home/node', ids: ',uid=1000,gid=1000' };
  return undefined;
}

export const cacheMountRecommended = defineRule({
  id: 'CacheMountRecommended',
  description: "A package manager downloads in a RUN without a cache mount on its cache directory: every re-run downloads everything again.",
  category: 'cache',
  defaultSeverity: 'info',
  fix: { availability: 'sometimes', safety: 'unsafe' },
  aliases: [],
  buildkit: false,
  messages: {
    mount: (manager: string, targets: string[]) => `${manager} downloads again whenever this step re-runs: a cache mount on ${targets.join(' and ')} keeps the downloads between builds on this builder (not on a fresh CI runner)`,
  },
  check({ model, messages, report }) {
    for (const stage of model.stages) {
      for (const instruction of stage.instructions) {
        const commands = commandsOf(instruction).map((c) => invocation(c).words);
        if (commands.length === 0) continue;
        const mounted = mountedDirectories(instruction);
        const owner = cacheOwner(model, stage, instruction);
        const targetsOf = (cache: CacheDirectory) => cache.targets.map((t) => t.replace(/^\/root(?=\/)/, owner?.home ?? '/root'));
        const missing = CACHES.filter((cache) => commands.some(cache.downloads) && !targetsOf(cache).every((t) => mounted.has(t)));
        if (missing.length === 0) continue;
        // The fix writes a POSIX command and needs to know whose home the caches are in.
        const fixable = owner !== undefined && instruction.heredocs.length === 0 && model.directives.escape.char === '\\';
        let fix;
        if (fixable) {
          const flags = missing.flatMap((cache) => targetsOf(cache).filter((t) => !mounted.has(t))
            .map((t) => `--mount=type=cache,target=${t}${cache.locked ? ',sharing=locked' : ''}${owner.ids}`)).join(' ');
          const first = instruction.args[0];
          const last = instruction.args[instruction.args.length - 1];
          let command = textOf(model.text, model.lineStarts, { start: first.range.start, end: last.range.end });
          for (const cache of missing) for (const cleanup of cache.cleanups ?? []) command = command.replace(cleanup, '');
          // Debian images delete downloaded packages after each install unless this file is gone.
          if (missing.some((c) => c.manager === 'apt')) command = `rm -f /etc/apt/apt.conf.d/docker-clean && ${command}`;
          fix = {
            title: `Add cache mount${missing.length > 1 || missing[0].targets.length > 1 ? 's' : ''} for ${missing.map((c) => c.manager).join(', ')}`,
            safety: 'unsafe' as const,
            edits: [
              { range: { start: instruction.keywordRange.end, end: instruction.keywordRange.end }, newText: ` ${flags}` },
              { range: { start: first.range.start, end: last.range.end }, newText: command },
            ],
          };
        }
        report({
          range: instruction.keywordRange,
          message: messages.mount(missing.map((c) => c.manager).join(' and '), missing.flatMap(targetsOf)),
          fix,
          instructionIndex: instruction.index,
        });
      }
    }
  },
});
