import * as fs from 'fs';
import * as path from 'path';
import { normalizeBuildSettings, normalizeSettings } from '../../../common/settings';
import type { BuildSettings, LayerlensSettings } from '../../../common/settings';

export const CONFIG_FILE = '.layerlens.json';

interface Config {
  settings: LayerlensSettings;
  build: BuildSettings;
  /** The folder of the `.layerlens.json`, which its `contexts` paths are relative to. */
  directory: string;
  /** Dockerfiles kept apart from their build context: `{ "docker/api.Dockerfile": "." }`. */
  contexts: Record<string, string>;
}

/**
 * The `.layerlens.json` nearest above a Dockerfile: `{ "rules": { "Id": "off" }, "build": { "args": {…},
 * "secrets": {…}, "cache": "inline", "push": true }, "contexts": { "docker/api.Dockerfile": "." } }`, the same
 * shape as the editor's `layerlens.*` settings, so that CI and editors share one source. Results are cached per folder; a file that is
 * not valid JSON is an input error.
 */
export class ConfigFinder {
  private readonly byDirectory = new Map<string, Config | undefined>();

  forFile(file: string): LayerlensSettings | undefined {
    return this.forDirectory(path.dirname(path.resolve(file)))?.settings;
  }

  /** The build section, for `layerlens build`; the editor reads the same keys from its settings. */
  buildFor(file: string): BuildSettings | undefined {
    return this.forDirectory(path.dirname(path.resolve(file)))?.build;
  }

  /** The build context `.layerlens.json` names for this Dockerfile, resolved; undefined when it names none. */
  contextFor(file: string): string | undefined {
    const config = this.forDirectory(path.dirname(path.resolve(file)));
    if (!config) return undefined;
    const relative = path.relative(config.directory, path.resolve(file)).split(path.sep).join('/');
    const context = config.contexts[relative];
    return context === undefined ? undefined : path.resolve(config.directory, context);
  }

  private forDirectory(directory: string): Config | undefined {
    if (this.byDirectory.has(directory)) return this.byDirectory.get(directory);
    const candidate = path.join(directory, CONFIG_FILE);
    let config: Config | undefined;
    if (fs.existsSync(candidate)) {
      let raw: unknown;
      try {
        raw = JSON.parse(fs.readFileSync(candidate, 'utf8'));
      } catch (error) {
        throw new Error(`${candidate} is not valid JSON: ${(error as Error).message}`, { cause: error });
      }
      const contexts = (raw as { contexts?: unknown } | null)?.contexts;
      config = {
        settings: normalizeSettings(raw),
        build: normalizeBuildSettings((raw as { build?: unknown } | null)?.build),
        directory,
        contexts: Object.fromEntries(
          Object.entries(typeof contexts === 'object' && contexts !== null ? contexts : {})
            .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
            .map(([dockerfile, context]) => [path.posix.normalize(dockerfile.split(path.sep).join('/')), context]),
        ),
      };
    } else {
      const parent = path.dirname(directory);
      config = parent === directory ? undefined : this.forDirectory(parent);
    }
    this.byDirectory.set(directory, config);
    return config;
  }
}
