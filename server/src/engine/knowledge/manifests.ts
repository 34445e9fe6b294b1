/**
 * Dependency manifests, read by what they declare: an install from a manifest that declares no
 * dependency downloads nothing, and a workspace root's install needs every member's manifest too.
 */

/** Manifests whose text the context reader keeps, by file name. */
const READ_MANIFESTS = /^(package\.json|requirements[^/]*\.txt|Gemfile|go\.mod)$/;

/** Deeper manifests belong to nested projects the rules do not look into. */
const MAX_MANIFEST_DEPTH = 3;

/** True for a manifest the context reader should keep the text of. */
export function isReadManifest(path: string): boolean {
  const segments = path.split('/');
  return segments.length <= MAX_MANIFEST_DEPTH && READ_MANIFESTS.test(segments.at(-1) ?? '');
}

const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'optionalDependencies'];

const fileName = (path: string) => path.slice(path.lastIndexOf('/') + 1);

function packageJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** True when the manifest's text says it declares no dependency at all; false when unsure. */
export function declaresNoDependencies(path: string, text: string): boolean {
  const name = fileName(path);
  if (name === 'package.json') {
    const json = packageJson(text);
    if (!json || json.workspaces !== undefined) return false;
    return DEPENDENCY_FIELDS.every((field) => {
      const value = json[field];
      return value === undefined || (typeof value === 'object' && value !== null && Object.keys(value).length === 0);
    });
  }
  if (/^requirements[^/]*\.txt$/.test(name)) return text.split(/\r?\n/).every((line) => /^\s*(#.*)?$/.test(line));
  // A Go module without a `require` directive uses the standard library alone.
  if (name === 'go.mod') return !/^\s*require\b/m.test(text);
  return false;
}

/**
 * True when the manifest at `path` is a workspace root: `workspaces` in package.json, or a
 * `pnpm-workspace.yaml` beside it. Installing one needs the members' manifests as well.
 */
export function isWorkspaceRoot(path: string, text: string | undefined, files: readonly string[]): boolean {
  const folder = path.slice(0, path.length - fileName(path).length);
  if (files.includes(`${folder}pnpm-workspace.yaml`)) return true;
  return text !== undefined && packageJson(text)?.workspaces !== undefined;
}

/** The package.json scripts npm, yarn and pnpm run during an install, which may read the sources. */
const INSTALL_SCRIPTS = ['preinstall', 'install', 'postinstall', 'prepare'];

/** The install-time scripts a package.json declares (`postinstall`, `prepare` …), in that order. */
export function installScripts(path: string, text: string): string[] {
  if (fileName(path) !== 'package.json') return [];
  const scripts = packageJson(text)?.scripts;
  if (typeof scripts !== 'object' || scripts === null) return [];
  return INSTALL_SCRIPTS.filter((name) => typeof (scripts as Record<string, unknown>)[name] === 'string');
}

/**
 * What a pip requirements file refers to: the files it includes (`-r base.txt`, `-c constraints.txt`,
 * relative to its own folder), and whether it installs a local project (`-e .`, `./libs/x`), which
 * needs the sources and not the manifests alone.
 */
export function requirementReferences(text: string): { includes: string[]; needsSources: boolean } {
  const includes: string[] = [];
  let needsSources = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    const include = /^(?:-r|--requirement|-c|--constraint)(?:\s+|=)(\S+)$/.exec(line);
    if (include) includes.push(include[1] ?? '');
    else if (/^(?:(?:-e|--editable)\s+)?(\.{1,2}(\/|$)|\/)/.test(line)) needsSources = true;
  }
  return { includes, needsSources };
}

/**
 * True when a Gemfile reads more than itself and its lock: the project's gemspec (which requires
 * files of the sources), gems from local paths, other Gemfiles or files it evaluates or reads, or
 * files it globs.
 */
export function gemfileNeedsSources(text: string): boolean {
  return /^\s*(gemspec\b|eval_gemfile\b)|\bpath:\s*['"]|=>\s*['"]?\.|\bDir(\.glob)?\[|\bDir\.glob\b|\b(instance_)?eval\b|\bFile\.read\b/m.test(
    text,
  );
}

/**
 * True when a go.mod replaces a module with a folder of the sources (`replace example.com/core =>
 * ./core`): `go mod download` then needs that folder, not the manifests alone.
 */
export function goModNeedsSources(text: string): boolean {
  return /=>\s*\.{1,2}\//.test(text);
}

/** The patch files pnpm applies while it installs (`pnpm.patchedDependencies` in package.json), relative to it. */
export function pnpmPatchFiles(path: string, text: string): string[] {
  if (fileName(path) !== 'package.json') return [];
  const pnpm = packageJson(text)?.pnpm;
  const patched = typeof pnpm === 'object' && pnpm !== null ? (pnpm as Record<string, unknown>).patchedDependencies : undefined;
  if (typeof patched !== 'object' || patched === null) return [];
  return Object.values(patched)
    .filter((v): v is string => typeof v === 'string')
    .map((v) => v.replace(/^\.\//, ''));
}
