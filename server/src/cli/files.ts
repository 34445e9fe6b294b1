import * as fs from 'fs';
import * as path from 'path';
import type { ContextEntry, ContextIO } from '../engine';

const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', '.vscode-test']);

/**
 * Files that sit beside Dockerfiles under Dockerfile-like names but are something else: the
 * per-Dockerfile ignore file (`Dockerfile.dockerignore`), data, scripts, documents and templates
 * that still need rendering (`Dockerfile.j2`). `docker build -f` would reject every one of them.
 */
const NOT_DOCKERFILE_EXTENSIONS = new Set([
  'dockerignore',
  'json',
  'yml',
  'yaml',
  'toml',
  'xml',
  'md',
  'txt',
  'rst',
  'sh',
  'bash',
  'ps1',
  'py',
  'js',
  'ts',
  'lock',
  'bak',
  'orig',
  'rej',
  'swp',
  'j2',
  'jinja',
  'jinja2',
  'tmpl',
  'tpl',
  'template',
  'erb',
  'mustache',
  'in',
  'patch',
  'diff',
]);

/**
 * The names Docker tooling (docker build's defaults, hadolint, editors' Dockerfile language) treats
 * as Dockerfiles: Dockerfile, Containerfile, Dockerfile.<variant>, Dockerfile-<variant> and
 * <name>.Dockerfile, unless the last extension says the file is something else.
 */
export function isDockerfileName(name: string): boolean {
  const lower = name.toLowerCase();
  const dot = lower.lastIndexOf('.');
  if (dot >= 0 && NOT_DOCKERFILE_EXTENSIONS.has(lower.slice(dot + 1))) return false;
  if (lower.endsWith('.dockerfile') || lower.endsWith('.containerfile')) return true;
  return /^(dockerfile|containerfile)([.-].+)?$/.test(lower);
}

/**
 * Expands the paths given on the command line: files as they are, directories searched
 * for Dockerfiles (skipping dependency and VCS folders). Sorted, so output is stable.
 */
export function collectDockerfiles(paths: string[]): { files: string[]; errors: string[] } {
  const files = new Set<string>();
  const errors: string[] = [];
  const walk = (dir: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      errors.push(`cannot read directory ${dir}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
      return;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name)) walk(full);
      } else if (entry.isFile() && isDockerfileName(entry.name)) {
        files.add(full);
      }
    }
  };
  for (const given of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(given);
    } catch (error) {
      errors.push(`cannot read ${given}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
      continue;
    }
    if (stat.isDirectory()) walk(given);
    else files.add(given);
  }
  return { files: [...files].sort(), errors };
}

/** A file's text, or undefined when there is no such file. */
export function readTextIfAny(file: string): string | undefined {
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
}

/**
 * The file system as the engine reads build contexts, with each directory read once per run:
 * Dockerfiles that share a folder share its listing.
 */
export function contextReader(): ContextIO {
  const directories = new Map<string, ContextEntry[] | undefined>();
  return {
    readText: readTextIfAny,
    readDir(dir) {
      if (!directories.has(dir)) {
        try {
          directories.set(
            dir,
            fs.readdirSync(dir, { withFileTypes: true }).map((e) => ({ name: e.name, directory: e.isDirectory() })),
          );
        } catch {
          directories.set(dir, undefined);
        }
      }
      return directories.get(dir);
    },
  };
}

/**
 * Why `dir` cannot be a build context, or undefined when it can. docker build refuses such a
 * folder, and analysed against it every COPY would seem to send nothing.
 */
export function contextFolderProblem(dir: string): string | undefined {
  try {
    if (!fs.statSync(dir).isDirectory()) return 'is not a folder';
    fs.accessSync(dir, fs.constants.R_OK | fs.constants.X_OK);
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? (error as Error).message})`;
  }
}

/** Appends `line` to a text file unless a line already says it; creates the file when missing. */
export function ensureLine(file: string, line: string): void {
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  if (text.split(/\r?\n/).some((l) => l.trim() === line)) return;
  writeAtomically(file, `${text}${text === '' || text.endsWith('\n') ? '' : '\n'}${line}\n`);
}

/**
 * Replaces a file's content all at once: the new text goes to a temporary file beside it, which
 * then takes the file's place. An error on the way (a full disk, say) leaves the file as it was,
 * never half written. The file keeps its permissions, and a symbolic link stays a link: the file
 * it points to is the one replaced.
 */
export function writeAtomically(file: string, text: string): void {
  const target = fs.existsSync(file) ? fs.realpathSync(file) : file;
  const mode = fs.existsSync(target) ? fs.statSync(target).mode & 0o7777 : undefined;
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.layerlens-fix.tmp`);
  try {
    fs.writeFileSync(temporary, text);
    if (mode !== undefined) fs.chmodSync(temporary, mode);
    fs.renameSync(temporary, target);
  } catch (error) {
    // Only a file this function wrote is removed: anything else of that name is left alone.
    if (fs.existsSync(temporary) && fs.lstatSync(temporary).isFile()) fs.rmSync(temporary, { force: true });
    throw error;
  }
}
