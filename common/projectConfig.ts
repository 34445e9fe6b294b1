import * as path from 'path';
import { normalizeBuildSettings, normalizeSettings } from './settings';
import type { BuildSettings, LayerlensSettings } from './settings';

export const CONFIG_FILE = '.layerlens.json';

/** A file's path inside a folder, with `/` between names, as a build context names it; undefined when it lies outside. */
export function pathInFolder(folder: string, file: string): string | undefined {
  const relative = path.relative(folder, path.resolve(file));
  return relative.startsWith('..') || path.isAbsolute(relative) ? undefined : relative.split(path.sep).join('/');
}

export interface ProjectConfig {
  settings: LayerlensSettings;
  build: BuildSettings;
  /** The `.layerlens.json` itself. */
  file: string;
  /** Dockerfiles kept apart from their build context, relative to the file's folder: `{ "docker/api.Dockerfile": "." }`. */
  contexts: Record<string, string>;
}

/**
 * The `.layerlens.json` nearest above a Dockerfile: `{ "rules": { "Id": "off" }, "build": { "args": {…},
 * "secrets": {…}, "cache": "inline", "push": true }, "contexts": { "docker/api.Dockerfile": "." } }`, the same
 * shape as the editor's `layerlens.*` settings, so that CI and editors share one source. The CLI and
 * the language server read it through the file reader they are given; results are kept per folder
 * until `clear`. A file that is not valid JSON is an input error, thrown by every lookup that meets it.
 */
export class ConfigFinder {
  private readonly byDirectory = new Map<string, ProjectConfig | Error | undefined>();

  /** `readText` gives a file's text, or undefined when there is none. */
  constructor(private readonly readText: (file: string) => string | undefined) {}

  forFile(file: string): LayerlensSettings | undefined {
    return this.configOf(file)?.settings;
  }

  /** The build section, for `layerlens build`; the editor reads the same keys from its settings. */
  buildFor(file: string): BuildSettings | undefined {
    return this.configOf(file)?.build;
  }

  /** The build context `.layerlens.json` names for this Dockerfile, resolved; undefined when it names none. */
  contextFor(file: string): string | undefined {
    const config = this.configOf(file);
    if (!config) return undefined;
    const directory = path.dirname(config.file);
    const relative = pathInFolder(directory, file);
    const context = relative === undefined ? undefined : config.contexts[relative];
    return context === undefined ? undefined : path.resolve(directory, context);
  }

  /** The nearest `.layerlens.json` above a file, read; undefined when there is none. */
  configOf(file: string): ProjectConfig | undefined {
    const found = this.forDirectory(path.dirname(path.resolve(file)));
    if (found instanceof Error) throw found;
    return found;
  }

  clear(): void {
    this.byDirectory.clear();
  }

  private forDirectory(directory: string): ProjectConfig | Error | undefined {
    if (this.byDirectory.has(directory)) return this.byDirectory.get(directory);
    const candidate = path.join(directory, CONFIG_FILE);
    const text = this.readText(candidate);
    let config: ProjectConfig | Error | undefined;
    if (text !== undefined) {
      config = parseConfig(candidate, text);
    } else {
      const parent = path.dirname(directory);
      config = parent === directory ? undefined : this.forDirectory(parent);
    }
    this.byDirectory.set(directory, config);
    return config;
  }
}

function parseConfig(file: string, text: string): ProjectConfig | Error {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return new Error(`${file} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  const contexts = (raw as { contexts?: unknown } | null)?.contexts;
  return {
    settings: normalizeSettings(raw),
    build: normalizeBuildSettings((raw as { build?: unknown } | null)?.build),
    file,
    contexts: Object.fromEntries(
      Object.entries(typeof contexts === 'object' && contexts !== null ? contexts : {})
        .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
        .map(([dockerfile, context]) => [path.posix.normalize(dockerfile.split(path.sep).join('/')), context]),
    ),
  };
}

/**
 * What a project's `.layerlens.json` gives the editor's analysis (its rules, build args and engine
 * version), under what the editor's settings name: a rule or build arg the editor sets wins, as the
 * command line wins for the CLI, and the editor's other settings are the editor's alone.
 */
export function withProjectSettings(editor: LayerlensSettings, project: LayerlensSettings | undefined): LayerlensSettings {
  if (!project) return editor;
  return {
    ...editor,
    rules: { ...project.rules, ...editor.rules },
    build: { ...editor.build, args: { ...project.build.args, ...editor.build.args } },
    engineVersion: editor.engineVersion || project.engineVersion,
  };
}

/**
 * The build settings of a project's `.layerlens.json` under the editor's, which win where they are
 * set (their defaults set nothing). The engine stays the editor's: it is chosen once per session.
 */
export function withProjectBuild(editor: BuildSettings, project: BuildSettings | undefined): BuildSettings {
  if (!project) return editor;
  return {
    engine: editor.engine,
    cache: editor.cache !== 'auto' ? editor.cache : project.cache,
    push: editor.push || project.push,
    builder: editor.builder || project.builder,
    platform: editor.platform || project.platform,
    secrets: { ...project.secrets, ...editor.secrets },
  };
}
