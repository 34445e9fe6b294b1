import * as fs from 'fs';
import * as path from 'path';
import { fileURLToPath } from 'url';
import { readBuildContext } from '../engine';
import type { BuildContext, ContextIO } from '../engine';
import type { ConfigFinder } from '../../../common/projectConfig';

/** A file's text, or undefined when there is no such file. */
export function readTextIfAny(file: string): string | undefined {
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
}

const nodeIO: ContextIO = {
  readText: readTextIfAny,
  readDir(dir) {
    try {
      return fs.readdirSync(dir, { withFileTypes: true }).map((e) => ({ name: e.name, directory: e.isDirectory() }));
    } catch {
      return undefined;
    }
  },
};

/**
 * The build context of each saved Dockerfile: the folder `.layerlens.json`'s `contexts` names for it,
 * else its own folder, the one Layerlens builds with, as the CLI reads them. A context
 * is read once and kept until a file in the workspace is created, deleted or renamed, or an ignore
 * file changes; the same object is handed out meanwhile, so findings computed for it stay valid.
 * A folder that cannot be read (deleted since the file was opened, or not the server's to read) is
 * an unknown context, as an unsaved document's is, not an empty one: rules that weigh what a COPY
 * sends then speak as they do without a context, and nothing is kept for it but that answer.
 */
export class BuildContexts {
  private readonly byDockerfile = new Map<string, BuildContext | null>();

  constructor(private readonly projects: ConfigFinder) {}

  /** Undefined for an unsaved document, or one whose folder cannot be read, whose context is unknown. */
  get(uri: string): BuildContext | undefined {
    if (!uri.startsWith('file:')) return undefined;
    let context = this.byDockerfile.get(uri);
    if (context === undefined) {
      const file = fileURLToPath(uri);
      context = readBuildContext(file, this.folderOfFile(file), nodeIO) ?? null;
      this.byDockerfile.set(uri, context);
    }
    return context ?? undefined;
  }

  /** The folder of a saved Dockerfile's build context; undefined for an unsaved document. */
  folderOf(uri: string): string | undefined {
    return uri.startsWith('file:') ? this.folderOfFile(fileURLToPath(uri)) : undefined;
  }

  /** A `.layerlens.json` that is not valid JSON names no context; the settings say what is wrong with it. */
  private folderOfFile(file: string): string {
    try {
      return this.projects.contextFor(file) ?? path.dirname(file);
    } catch {
      return path.dirname(file);
    }
  }

  clear(): void {
    this.byDockerfile.clear();
  }

  forget(uri: string): void {
    this.byDockerfile.delete(uri);
  }

  get size(): number {
    return this.byDockerfile.size;
  }
}
