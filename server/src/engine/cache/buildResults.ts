import type { BuildStep, StepStatus } from '../../../../common/buildProgress';
import { findStage } from '../model';
import type { DockerfileModel, Stage } from '../model';
import { numberedSteps } from './steps';

export interface LineResult {
  /** Zero-based line of the instruction the step came from. */
  line: number;
  status: StepStatus;
  seconds?: number;
  error?: string;
  /** A linked copy merged onto the layers below; see BuildStep.merged. */
  merged?: boolean;
}

/** The stage BuildKit means by a progress label: none in a single-stage file, else its name or `stage-N`. */
function stageOf(model: DockerfileModel, label: string | undefined): Stage | undefined {
  if (label === undefined) return model.stages.length === 1 ? model.stages[0] : undefined;
  const index = findStage(model.stages, label, false) ?? findStage(model.stages, /^stage-(\d+)$/.exec(label)?.[1] ?? '', true);
  return index === undefined ? undefined : model.stages[index];
}

/**
 * Puts each step of a build's progress back on the Dockerfile line it came from. BuildKit numbers
 * a stage's steps FROM first, then each RUN, COPY, ADD and WORKDIR; a step whose keyword does not
 * match the line found (the file changed since the build) is left out rather than misplaced.
 */
export function stepLines(model: DockerfileModel, steps: readonly BuildStep[]): LineResult[] {
  const results: LineResult[] = [];
  for (const step of steps) {
    const stage = stageOf(model, step.stage);
    if (!stage) continue;
    const numbered = numberedSteps(stage);
    const instruction = numbered[step.index - 1];
    if (!instruction || numbered.length !== step.total || !step.title.toUpperCase().startsWith(instruction.keyword)) continue;
    results.push({
      line: instruction.range.start.line,
      status: step.status,
      ...(step.seconds !== undefined ? { seconds: step.seconds } : {}),
      ...(step.error ? { error: step.error } : {}),
      ...(step.merged ? { merged: true } : {}),
    });
  }
  return results;
}

/** How a line's last build result reads in a hover or a decoration. */
export function describeResult(result: LineResult): string {
  switch (result.status) {
    case 'cached':
      return 'cached';
    // Plain progress does not say whether a merged copy was copied again or reused, so neither is claimed.
    case 'ran':
      return result.merged
        ? `merged onto the layers below (${(result.seconds ?? 0).toFixed(1)} s)`
        : `re-ran (${(result.seconds ?? 0).toFixed(1)} s)`;
    case 'failed':
      return `failed: ${result.error ?? 'the step failed'}`;
    default:
      return 'running';
  }
}
