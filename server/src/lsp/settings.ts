import type { Connection } from './languageServer';
import { DEFAULT_SETTINGS, normalizeSettings, SETTINGS_SECTION } from '../../../common/settings';
import type { LayerlensSettings } from '../../../common/settings';

/**
 * Settings per resource, asked of the client once per document and kept until the client
 * says they changed. A client without `workspace/configuration` gets the defaults.
 */
export class SettingsStore {
  private readonly byUri = new Map<string, Promise<LayerlensSettings>>();
  supportsConfiguration = false;

  constructor(private readonly connection: Connection) {}

  get(uri: string): Promise<LayerlensSettings> {
    if (!this.supportsConfiguration) return Promise.resolve(DEFAULT_SETTINGS);
    let settings = this.byUri.get(uri);
    if (!settings) {
      settings = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION })
        .then(normalizeSettings, () => DEFAULT_SETTINGS);
      this.byUri.set(uri, settings);
    }
    return settings;
  }

  forget(uri: string): void {
    this.byUri.delete(uri);
  }

  clear(): void {
    this.byUri.clear();
  }

  get size(): number {
    return this.byUri.size;
  }
}
