import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze, parseDockerfile, RULES } from '../../server/src/engine';
import { BASE_IMAGE, docker } from './docker';
import { readCheckOutput } from '../../common/buildkitChecks';

/**
 * Parity with the checks of a real BuildKit: a Dockerfile goes through
 * `docker buildx build --call=check,format=json` on Docker 28 / buildx 0.29, and every warning
 * BuildKit prints there is compared with what Layerlens reports for its BuildKit-named rules.
 * The BuildKit tier runs it on a sample of the corpus; `npm run parity` on all of it.
 *
 * Nothing can be pulled here, so each image a file names (FROM, COPY --from, RUN --mount from=)
 * is the local busybox tagged with that name, digests are dropped, and files that pin a frontend
 * with `# syntax=` are left out (the pinned frontend cannot be fetched).
 */

/**
 * Two rules read the base image's configuration, which a stand-in does not have: UndefinedVar
 * (the image's ENV) and WorkdirRelativePath (its WORKDIR); the oracle tests compare them instead.
 */
export const IMAGE_DEPENDENT = new Set(['UndefinedVar', 'WorkdirRelativePath']);

/**
 * Where Layerlens differs on purpose, each written up on the rule's page: SecretsUsedInArgOrEnv
 * leaves literal values written in the file alone (BuildKit goes by the name), so its findings
 * must be a subset of BuildKit's, not equal to them.
 */
export const SUBSET_ONLY = new Set(['SecretsUsedInArgOrEnv']);

/**
 * A line ending in an escaped backslash (`C:\\dir\\`): BuildKit does not read it as a continuation,
 * dockerfile-ast does, so the instructions after it differ. A known parser difference, left out.
 */
const ESCAPED_BACKSLASH_AT_LINE_END = /\\\\\r?\n/;

/** The rules compared: BuildKit's checks, except those that need the real base image. */
export const COMPARED_RULES = new Set(RULES.filter((r) => r.buildkit && !IMAGE_DEPENDENT.has(r.id)).map((r) => r.id));

/** Why a file was not compared. */
export type ParitySkip =
  | 'pins a frontend with # syntax='
  | 'ends a line with an escaped backslash'
  | 'names an image by a variable or no image'
  | 'an image name cannot be a local tag'
  | 'BuildKit refused the file before checking it';

/** One rule on one line of one file: how often BuildKit printed it and Layerlens reported it. */
export interface ParityRow {
  rule: string;
  line: number;
  printed: number;
  reported: number;
  agrees: boolean;
}

export type FileParity = { checked: true; rows: ParityRow[] } | { checked: false; skipped: ParitySkip };

/** The error BuildKit gives when a stand-in cannot serve the platform a FROM asks for: it would pull the real image. */
const STAND_IN_UNRESOLVED = /failed to resolve source metadata/;

/**
 * Local stand-in images for one run: each name a file needs is tagged once on the local busybox,
 * and `release` removes the tags this run made.
 */
export class StandIns {
  private readonly tagged: string[] = [];

  /** Tags the local busybox as `reference` unless an image of that name is there already; false when it cannot be a tag. */
  provide(reference: string): boolean {
    if (reference === 'scratch' || this.tagged.includes(reference)) return true;
    if (docker(['image', 'inspect', reference]).status === 0) return true;
    if (docker(['tag', BASE_IMAGE, reference]).status !== 0) return false;
    this.tagged.push(reference);
    return true;
  }

  release(): void {
    for (let i = 0; i < this.tagged.length; i += 100) docker(['rmi', ...this.tagged.slice(i, i + 100)]);
    this.tagged.length = 0;
  }
}

const count = (keys: string[]) => keys.reduce((m, k) => m.set(k, (m.get(k) ?? 0) + 1), new Map<string, number>());

/** Runs BuildKit's checks on one Dockerfile's text (in an empty context) and compares them with Layerlens'. */
export function compareWithBuildkit(original: string, standIns: StandIns): FileParity {
  if (/^\s*#\s*syntax\s*=/im.test(original.split('\n').slice(0, 5).join('\n')))
    return { checked: false, skipped: 'pins a frontend with # syntax=' };
  if (ESCAPED_BACKSLASH_AT_LINE_END.test(original)) return { checked: false, skipped: 'ends a line with an escaped backslash' };
  const text = original.replace(/@sha256:[0-9a-f]{64}/g, '');
  const model = parseDockerfile(text);
  const images = [
    ...model.stages.filter((s) => s.baseStage === undefined).map((s) => s.resolvedBase.trim()),
    ...model.dependencies.filter((d) => d.kind !== 'from' && d.target === undefined).map((d) => d.reference.trim()),
  ];
  if (model.stages.length === 0 || images.some((i) => i === '' || /[$\s]/.test(i)))
    return { checked: false, skipped: 'names an image by a variable or no image' };
  if (!images.every((i) => standIns.provide(i))) return { checked: false, skipped: 'an image name cannot be a local tag' };
  const context = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlens-parity-'));
  try {
    const dockerfile = path.join(context, 'Dockerfile');
    fs.writeFileSync(dockerfile, text);
    const run = docker(['buildx', 'build', '--call=check,format=json', '-f', dockerfile, context], { timeout: 120_000 });
    // The editor's reader of the same output (layerlens.buildkitChecks).
    const result = readCheckOutput(String(run.stdout), String(run.stderr));
    // A stand-in for a platform it was not built for cannot be resolved, but BuildKit has checked the
    // file by then and printed every warning. Any other error (a parse error, which Layerlens reports
    // as InvalidSyntax) stops BuildKit first, so what it would print after that point is unknown.
    const error = 'failed' in result ? result.failed : result.error;
    if ('failed' in result || (error !== undefined && !STAND_IN_UNRESOLVED.test(error)))
      return { checked: false, skipped: 'BuildKit refused the file before checking it' };
    const printed = count(result.warnings.filter((w) => COMPARED_RULES.has(w.rule)).map((w) => `${w.rule}:${w.startLine}`));
    const reported = count(
      analyze(text)
        .findings.filter((f) => COMPARED_RULES.has(f.rule))
        .map((f) => `${f.rule}:${f.range.start.line + 1}`),
    );
    const rows = [...new Set([...printed.keys(), ...reported.keys()])].map((key): ParityRow => {
      const [rule, line] = key.split(':');
      const byBuildkit = printed.get(key) ?? 0;
      const byLayerlens = reported.get(key) ?? 0;
      return {
        rule,
        line: Number(line),
        printed: byBuildkit,
        reported: byLayerlens,
        agrees: SUBSET_ONLY.has(rule) ? byLayerlens <= byBuildkit : byLayerlens === byBuildkit,
      };
    });
    return { checked: true, rows };
  } finally {
    fs.rmSync(context, { recursive: true, force: true });
  }
}
