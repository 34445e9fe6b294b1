import { cleanPath, findDockerignore, parseDockerignore, patternRegex } from './dockerignore';
import type { DockerIgnore } from './dockerignore';
import { isCredentialFile, isSshKey } from '../knowledge/credentialFiles';
import { isReadManifest } from '../knowledge/manifests';

/** One entry of a directory as the caller's file system reports it; symlinks are not directories. */
export interface ContextEntry {
  name: string;
  directory: boolean;
}

/** The files of a build context that reach the builder, that is, those `.dockerignore` keeps. */
export interface ContextListing {
  /** Paths relative to the context root, `/`-separated, shallow ones first. */
  files: readonly string[];
  /** False when the walk stopped at its limit: a file missing from `files` may still be there. */
  complete: boolean;
  /** How many files and folders `.dockerignore` kept back, a folder counting once. */
  excluded?: number;
  /**
   * The text (at most 64 KB) of the files whose names say they may hold credentials, by path, so that
   * the secret rules report a file by what it holds, and of the shallow dependency manifests, so that
   * the cache rules know what an install reads; absent when the caller could not read them.
   */
  texts?: ReadonlyMap<string, string>;
  /**
   * Of those files, the ones git ignores, by the `.gitignore` of the context and of the folders above
   * it; undefined when there is no `.gitignore` to say. A file git tracks is in every clone already.
   */
  gitIgnored?: ReadonlySet<string>;
}

/** Enough for any real project's sources, small enough to list on every context change. */
export const CONTEXT_LISTING_LIMIT = 20000;

/** The literal part of a pattern before its first wildcard, which bounds where it can match. */
const literalPrefix = (pattern: string) => pattern.slice(0, pattern.search(/[*?[\\]|$/));

/**
 * True when a `!` pattern could re-include something under `dir`, so that an excluded directory
 * still has to be walked, as BuildKit's own walker does.
 */
function mayReinclude(ignore: DockerIgnore, dir: string): boolean {
  return ignore.patterns.some((p) => {
    if (!p.exclusion) return false;
    const prefix = literalPrefix(p.source);
    return prefix.startsWith(`${dir}/`) || `${dir}/`.startsWith(prefix);
  });
}

/**
 * Walks a build context breadth first, so that a walk cut short at `limit` entries has still
 * seen the top of the tree, where credential files and `.git` live. `readDir` gets a path
 * relative to the context root (`''` for the root) and returns undefined when it cannot be read;
 * the engine never touches the file system itself.
 */
export function listContext(
  readDir: (relativeDir: string) => readonly ContextEntry[] | undefined,
  ignore: DockerIgnore | null,
  limit = CONTEXT_LISTING_LIMIT,
): ContextListing {
  const files: string[] = [];
  const queue = [''];
  let seen = 0;
  let excludedCount = 0;
  // The queue grows while it is walked, breadth first; an array's iterator reads its length at every step.
  for (const dir of queue) {
    const entries = [...(readDir(dir) ?? [])].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (++seen > limit) return { files, complete: false, excluded: excludedCount };
      const path = dir ? `${dir}/${entry.name}` : entry.name;
      const excluded = ignore?.excludes(path) ?? false;
      if (excluded) excludedCount++;
      if (entry.directory) {
        if (!excluded || mayReinclude(ignore as DockerIgnore, path)) queue.push(path);
      } else if (!excluded) {
        files.push(path);
      }
    }
  }
  return { files, complete: true, excluded: excludedCount };
}

/**
 * The listed files a COPY/ADD source sends: the source itself, or everything under it when it
 * names a directory (`.` for the whole context); wildcards stay within a path segment.
 */
export function filesCopiedBy(listing: ContextListing, source: string): string[] {
  const clean = cleanPath(source);
  if (clean === '.') return [...listing.files];
  const regex = patternRegex(clean);
  return listing.files.filter((file) => {
    const segments = file.split('/');
    for (let n = segments.length; n > 0; n--) if (regex.test(segments.slice(0, n).join('/'))) return true;
    return false;
  });
}

/** What the rules learn about a Dockerfile's build context: its ignore file and the files it sends. */
export interface BuildContext {
  /** The ignore file's text; null when the context has none. */
  dockerignore: string | null;
  listing: ContextListing;
}

/** The caller's file system, reduced to the two reads a build context needs. */
export interface ContextIO {
  /** A file's text, or undefined when it is absent. */
  readText: (path: string) => string | undefined;
  /** A directory's entries, or undefined when it cannot be read. */
  readDir(path: string): readonly ContextEntry[] | undefined;
}

/**
 * The `.gitignore` files of the context root and of up to four folders above it, as one ignore
 * list over context paths: the root's patterns as they are, those of the folders above only where
 * they name a file anywhere (no `/` inside), which is how they reach into the context.
 */
function gitignoreAbove(root: string, separator: string, io: ContextIO): DockerIgnore | undefined {
  const lines: string[] = [];
  let folder = root;
  for (let level = 0; level < 5 && folder; level++) {
    const text = io.readText(`${folder}${separator}.gitignore`);
    for (const raw of text?.split(/\r?\n/) ?? []) {
      const line = raw.trim();
      if (line === '' || line.startsWith('#')) continue;
      const negated = line.startsWith('!');
      const pattern = (negated ? line.slice(1) : line).replace(/\/+$/, '');
      const anchored = pattern.replace(/^\//, '').includes('/');
      if (level > 0 && anchored) continue;
      const inContext = anchored ? pattern.replace(/^\//, '') : `**/${pattern}`;
      lines.push(`${negated ? '!' : ''}${inContext}`, `${negated ? '!' : ''}${inContext}/**`);
    }
    const parent = folder.slice(0, Math.max(folder.lastIndexOf(separator), 0));
    if (parent === folder) break;
    folder = parent;
  }
  return lines.length > 0 ? parseDockerignore(lines.join('\n')) : undefined;
}

/**
 * Reads the build context rooted at `contextDir` for the Dockerfile at `dockerfilePath`; undefined
 * when that folder cannot be read (missing, or not the caller's to read). Such a context is
 * unknown, not empty: an empty listing would have rules say a COPY sends nothing.
 */
export function readBuildContext(dockerfilePath: string, contextDir: string, io: ContextIO): BuildContext | undefined {
  const rootEntries = io.readDir(contextDir);
  if (rootEntries === undefined) return undefined;
  const dockerignore = findDockerignore(dockerfilePath, contextDir, io.readText) ?? null;
  const separator = contextDir.includes('\\') && !contextDir.includes('/') ? '\\' : '/';
  const root = contextDir.replace(/[\\/]+$/, '');
  const native = (relative: string) => `${root}${separator}${relative.split('/').join(separator)}`;
  const listing = listContext(
    (relative) => (relative ? io.readDir(native(relative)) : rootEntries),
    dockerignore === null ? null : parseDockerignore(dockerignore),
  );
  const texts = new Map<string, string>();
  for (const file of listing.files) {
    if (!isCredentialFile(file) && !isSshKey(file) && !isReadManifest(file)) continue;
    const text = io.readText(native(file));
    if (text !== undefined) texts.set(file, text.slice(0, 64 * 1024));
  }
  const gitignore = gitignoreAbove(root, separator, io);
  const gitIgnored = gitignore && new Set([...texts.keys()].filter((file) => gitignore.excludes(file)));
  return { dockerignore, listing: { ...listing, texts, ...(gitIgnored ? { gitIgnored } : {}) } };
}

/**
 * The files whose fingerprint (content and mode) differs between two snapshots of a context,
 * those that appeared or went included, sorted.
 */
export function changedBetween(before: Readonly<Record<string, string>>, after: Readonly<Record<string, string>>): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((name) => before[name] !== after[name]).sort();
}
