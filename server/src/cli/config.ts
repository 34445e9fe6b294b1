import * as fs from 'fs';
import * as path from 'path';
import { normalizeSettings } from '../../../common/settings';
import type { LayerlensSettings } from '../../../common/settings';

export const CONFIG_FILE = '.layerlens.json';

/**
 * The `.layerlens.json` nearest above a Dockerfile: `{ "rules": { "Id": "off" }, "build": { "args": {…} } }`,
 * the same shape as the editor's `layerlens.*` settings, so that CI and editors share one source.
 * Results are cached per folder; a file that is not valid JSON is an input error.
 */
export class ConfigFinder {
  private readonly byDirectory = new Map<string, LayerlensSettings | undefined>();

  forFile(file: string): LayerlensSettings | undefined {
    return this.forDirectory(path.dirname(path.resolve(file)));
  }

  private forDirectory(directory: string): LayerlensSettings | undefined {
    if (this.byDirectory.has(directory)) return this.byDirectory.get(directory);
    const candidate = path.join(directory, CONFIG_FILE);
    let settings: LayerlensSettings | undefined;
    if (fs.existsSync(candidate)) {
      let raw: unknown;
      try {
        raw = JSON.parse(fs.readFileSync(candidate, 'utf8'));
      } catch (error) {
        throw new Error(`${candidate} is not valid JSON: ${(error as Error).message}`);
      }
      settings = normalizeSettings(raw);
    } else {
      const parent = path.dirname(directory);
      settings = parent === directory ? undefined : this.forDirectory(parent);
    }
    this.byDirectory.set(directory, settings);
    return settings;
  }
}
