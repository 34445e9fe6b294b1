import { createHash } from 'crypto';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { fileURLToPath } from 'url';
import { changedBetween, forecastBuild, gitChanges, parseDockerfile, parseDockerignore } from '../engine';
import type { ImageStore } from '../../../common/imageStore';
import { pathInFolder } from '../../../common/projectConfig';
import type { BuildContext, DockerfileModel, GitRunner, StepForecast } from '../engine';

const runGit: GitRunner = (cwd, args) =>
  execFileSync('git', args, { cwd, encoding: 'utf8', timeout: 5000, stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 * 1024 * 1024 });

/** What the last Layerlens build of a Dockerfile started from. */
interface Baseline {
  dockerfile: string;
  /** Context-relative path → `mode:sha256` of every file the context sent. */
  files: Record<string, string>;
  buildArgs: Record<string, string>;
  target?: string;
  builtAt: string;
}

export interface Forecast {
  /** What the forecast compares with, in words. */
  basis: string;
  steps: StepForecast[];
}

interface Fingerprint {
  size: number;
  mtimeMs: number;
  mode: number;
  value: string;
}

/**
 * Forecasts for open Dockerfiles against the last Layerlens build (recorded when the client starts
 * one, and kept in the extension's storage folder across sessions), or against git's HEAD when no
 * build is on record. Files are compared by content and mode, as BuildKit keys them; a file's
 * modification time only spares re-reading it when it cannot have changed.
 */
export class Forecasts {
  private readonly fingerprints = new Map<string, Fingerprint>();
  private baselines: Record<string, Baseline> | undefined;

  constructor(private readonly storageFile?: string) {}

  private load(): Record<string, Baseline> {
    if (!this.baselines) {
      try {
        this.baselines = this.storageFile ? (JSON.parse(fs.readFileSync(this.storageFile, 'utf8')) as Record<string, Baseline>) : {};
      } catch {
        this.baselines = {};
      }
    }
    return this.baselines;
  }

  private fingerprint(file: string): string | undefined {
    try {
      const stat = fs.statSync(file);
      const known = this.fingerprints.get(file);
      if (known && known.size === stat.size && known.mtimeMs === stat.mtimeMs && known.mode === stat.mode) return known.value;
      const value = `${(stat.mode & 0o7777).toString(8)}:${createHash('sha256').update(fs.readFileSync(file)).digest('hex')}`;
      this.fingerprints.set(file, { size: stat.size, mtimeMs: stat.mtimeMs, mode: stat.mode, value });
      return value;
    } catch {
      return undefined;
    }
  }

  private snapshot(root: string, context: BuildContext): Record<string, string> {
    const files: Record<string, string> = {};
    for (const relative of context.listing.files) {
      const value = this.fingerprint(path.join(root, relative));
      if (value !== undefined) files[relative] = value;
    }
    return files;
  }

  /**
   * Drops the fingerprints of the files in a closed Dockerfile's context folder: another open
   * Dockerfile with the same context hashes them again when it needs them.
   */
  forget(contextFolder: string | undefined): void {
    if (contextFolder === undefined) return;
    const root = path.join(contextFolder, path.sep);
    for (const file of this.fingerprints.keys()) if (file.startsWith(root)) this.fingerprints.delete(file);
  }

  get size(): number {
    return this.fingerprints.size;
  }

  /** Records what a build that starts now, from the context in `contextFolder`, is made of. */
  record(
    uri: string,
    text: string,
    context: BuildContext,
    contextFolder: string,
    buildArgs: Record<string, string>,
    target?: string,
  ): void {
    const file = fileURLToPath(uri);
    const baselines = this.load();
    baselines[file] = {
      dockerfile: text,
      files: this.snapshot(contextFolder, context),
      buildArgs,
      target,
      builtAt: new Date().toISOString(),
    };
    if (!this.storageFile) return;
    fs.mkdirSync(path.dirname(this.storageFile), { recursive: true });
    const temporary = `${this.storageFile}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, JSON.stringify(baselines));
    fs.renameSync(temporary, this.storageFile);
  }

  forecast(
    uri: string,
    model: DockerfileModel,
    context: BuildContext,
    contextFolder: string,
    buildArgs: Record<string, string>,
    imageStore?: ImageStore,
  ): Forecast | undefined {
    const file = fileURLToPath(uri);
    const root = contextFolder;
    // The Dockerfile's path in the context, as the CLI's explain takes it; none when it lies outside.
    const name = pathInFolder(root, file);
    const common = {
      buildArgs,
      imageStore,
      dockerignore: context.dockerignore === null ? null : parseDockerignore(context.dockerignore),
      dockerfilePath: name,
    };
    const baseline = this.load()[file];
    if (baseline) {
      const names = new Set([...Object.keys(baseline.buildArgs), ...Object.keys(buildArgs)]);
      const steps = forecastBuild(model, {
        ...common,
        changedFiles: changedBetween(baseline.files, this.snapshot(root, context)).filter((f) => f !== name),
        changedArgs: [...names].filter((n) => baseline.buildArgs[n] !== buildArgs[n]),
        previous: parseDockerfile(baseline.dockerfile),
        previousTarget: baseline.target,
      });
      return { basis: `the Layerlens build of ${new Date(baseline.builtAt).toLocaleString()}`, steps };
    }
    const git = name === undefined ? undefined : gitChanges(runGit, root, name);
    if (!git) return undefined;
    const steps = forecastBuild(model, {
      ...common,
      changedFiles: git.changed.filter((f) => f !== name),
      // A Dockerfile that was never committed was never built from that commit: every step is new.
      previous: parseDockerfile(git.previousDockerfile ?? ''),
    });
    return { basis: `a build of the last commit (${git.commit}): no Layerlens build is on record`, steps };
  }
}
