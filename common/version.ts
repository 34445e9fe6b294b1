/**
 * The one version of the extension, the CLI and the language server: package.json's, bundled in at
 * build time (esbuild keeps only this field of the file), so that no second copy can drift.
 */
import { version } from '../package.json';

export const VERSION: string = version;
