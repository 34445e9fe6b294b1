/** What git says changed in a context since the last commit. */
export interface GitChanges {
  commit: string;
  /** Context-relative paths of modified, added, deleted, renamed and untracked files. */
  changed: string[];
  /** The Dockerfile's text at that commit, when it was committed. */
  previousDockerfile?: string;
}

/**
 * Reads `git status --porcelain -z` output: `XY path` entries, renames followed by their old
 * path. Keeps the paths under `prefix` (the context's path in the repository), made relative to it.
 */
export function parsePorcelain(output: string, prefix: string): string[] {
  const entries = output.split('\0');
  const paths: string[] = [];
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    if (entry === undefined || entry.length < 4) continue;
    const status = entry.slice(0, 2);
    paths.push(entry.slice(3));
    // A rename or copy names its old path in the next entry: it is gone from the context too.
    const oldPath = status.includes('R') || status.includes('C') ? entries[++i] : undefined;
    if (oldPath !== undefined) paths.push(oldPath);
  }
  return [...new Set(paths.filter((p) => p.startsWith(prefix)).map((p) => p.slice(prefix.length)))].sort();
}

/** Runs git with `args` in `cwd` and returns its output; throws when git fails or is missing. The caller does the IO. */
export type GitRunner = (cwd: string, args: string[]) => string;

/**
 * The fallback when no Layerlens build is on record: the context's changes against HEAD, as if the
 * last build had been of the last commit. git compares content, not modification times, as BuildKit does.
 * Undefined outside a repository or without git.
 */
export function gitChanges(git: GitRunner, contextDir: string, dockerfileRelative: string): GitChanges | undefined {
  try {
    const commit = git(contextDir, ['rev-parse', '--short', 'HEAD']).trim();
    const prefix = git(contextDir, ['rev-parse', '--show-prefix']).trim();
    const changed = parsePorcelain(git(contextDir, ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--', '.']), prefix);
    let previousDockerfile: string | undefined;
    try {
      previousDockerfile = git(contextDir, ['show', `HEAD:./${dockerfileRelative}`]);
    } catch {
      previousDockerfile = undefined;
    }
    return { commit, changed, previousDockerfile };
  } catch {
    return undefined;
  }
}
