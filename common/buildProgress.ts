/**
 * Reads BuildKit's plain progress (`--progress plain`) as it streams: which steps ran, which
 * came from the cache, how long each took and which one failed. Shared by the editor (status bar,
 * results on each line) and `layerlens build` (the closing summary).
 *
 *   #6 [build 3/5] RUN npm ci        a step: its stage (absent in a single-stage file), index and title
 *   #6 CACHED                         reused from the cache
 *   #6 DONE 12.3s                     ran
 *   #6 ERROR: process "…" did not complete successfully: exit code: 1
 *   #7 merging 0.0s done              a `COPY --link` merged onto the layers below (containerd store)
 */
export type StepStatus = 'running' | 'cached' | 'ran' | 'failed';

export interface BuildStep {
  /** BuildKit's vertex number in this build (`#6`). */
  vertex: number;
  /** The stage as BuildKit names it: its `AS` name, `stage-N` when unnamed, absent in a single-stage build. */
  stage?: string;
  /** 1 for FROM, then one per RUN, COPY, ADD and WORKDIR of the stage. */
  index: number;
  total: number;
  /** The instruction with its variables expanded, as BuildKit prints it. */
  title: string;
  status: StepStatus;
  seconds?: number;
  error?: string;
  /**
   * A `COPY --link` merged onto the layers below it, as BuildKit does on the containerd image store.
   * Plain progress then prints the merge under the step's number and never says whether the copy
   * itself ran or was reused, so such a step's DONE means "merged", not "copied again".
   */
  merged?: boolean;
}

const STEP = /^#(\d+) \[(?:(\S+) )?(\d+)\/(\d+)\] (.*)$/;
const RESULT = /^#(\d+) (CACHED|DONE (\d+(?:\.\d+)?)s|ERROR:? ?(.*))$/;
const MERGING = /^#(\d+) merging\b/;

export class BuildProgress {
  readonly steps: BuildStep[] = [];
  private readonly byVertex = new Map<number, BuildStep>();
  private pending = '';

  /** Feeds a chunk of output; lines may be split across chunks. Returns the steps that changed. */
  push(chunk: string): BuildStep[] {
    const lines = (this.pending + chunk).split(/\r?\n/);
    this.pending = lines.pop() ?? '';
    return lines.flatMap((line) => this.line(line));
  }

  /** Reads what is left after the last newline. */
  end(): BuildStep[] {
    const rest = this.pending;
    this.pending = '';
    return rest ? this.line(rest) : [];
  }

  private line(line: string): BuildStep[] {
    const step = STEP.exec(line);
    if (step) {
      const [, vertexText, stage, index, total, title = ''] = step;
      const vertex = Number(vertexText);
      const known = this.byVertex.get(vertex);
      if (known) return [];
      const created: BuildStep = {
        vertex,
        stage,
        index: Number(index),
        total: Number(total),
        title,
        status: 'running',
      };
      this.byVertex.set(vertex, created);
      this.steps.push(created);
      return [created];
    }
    const merging = MERGING.exec(line);
    const merged = merging ? this.byVertex.get(Number(merging[1])) : undefined;
    if (merged) {
      merged.merged = true;
      return [merged];
    }
    const result = RESULT.exec(line);
    const known = result ? this.byVertex.get(Number(result[1])) : undefined;
    if (!result || !known) return [];
    if (result[2] === 'CACHED') known.status = 'cached';
    else if (result[3] !== undefined) {
      // A cached step may still print DONE; it stays cached.
      if (known.status !== 'cached') known.status = 'ran';
      known.seconds = Number(result[3]);
    } else {
      known.status = 'failed';
      known.error = result[4] || 'the step failed';
    }
    return [known];
  }
}

export interface BuildSummary {
  cached: number;
  ran: number;
  failed?: BuildStep;
}

/** Counts the steps of a build; FROM lines are not steps the user can make cheaper, so they are left out. */
export function summarize(steps: readonly BuildStep[]): BuildSummary {
  const counted = steps.filter((s) => s.index > 1);
  return {
    cached: counted.filter((s) => s.status === 'cached').length,
    ran: counted.filter((s) => s.status === 'ran').length,
    failed: steps.find((s) => s.status === 'failed'),
  };
}

export function describeSummary(summary: BuildSummary, seconds: number): string {
  const parts = [`${summary.cached} cached`, `${summary.ran} re-ran`];
  if (summary.failed) parts.push(`failed at ${summary.failed.stage ? `${summary.failed.stage} ` : ''}step ${summary.failed.index}`);
  return `${parts.join(', ')} in ${seconds.toFixed(1)} s`;
}
