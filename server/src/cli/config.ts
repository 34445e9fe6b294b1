import * as fs from 'fs';
import * as path from 'path';
import { normalizeBuildSettings, normalizeSettings } from '../../../common/settings';
import type { BuildSettings, LayerlensSettings } from '../../../common/settings';

export const CONFIG_FILE = '.layerlens.json';

interface Config {
  settings: LayerlensSettings;
  build: BuildSettings;
}

/**
 * The `.layerlens.json` nearest above a Dockerfile: `{ "rules": { "Id": "off" }, "build": { "args": {…},
 * "secrets": {…}, "cache": "inline", "push": true } }`, the same shape as the editor's `layerlens.*`
 * settings, so that CI and editors share one source. Results are cached per folder; a file that is
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

  private forDirectory(directory: string): Config | undefined {
    if (this.byDirectory.has(directory)) return this.byDirectory.get(directory);
    const candidate = path.join(directory, CONFIG_FILE);
    let config: Config | undefined;
    if (fs.existsSync(candidate)) {
      let raw: unknown;
      try {
        raw = JSON.parse(fs.readFileSync(candidate, 'utf8'));
      } catch (error) {
        throw new Error(`${candidate} is not valid JSON: ${(error as Error).message}`);
      }
      config = { settings: normalizeSettings(raw), build: normalizeBuildSettings((raw as { build?: unknown } | null)?.build) };
    } else {
      const parent = path.dirname(directory);
      config = parent === directory ? undefined : this.forDirectory(parent);
    }
    this.byDirectory.set(directory, config);
    return config;
  }
}
