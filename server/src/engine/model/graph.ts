import { findStage } from './stages';
import type { DockerfileModel } from './types';

/** The stage a build target names: a stage name or index; the last stage when omitted. */
export function targetStage(model: DockerfileModel, target?: string): number | undefined {
  if (model.stages.length === 0) return undefined;
  if (target === undefined || target === '') return model.stages.length - 1;
  return findStage(model.stages, target, true);
}

/**
 * The stages BuildKit builds for a target: the target and every stage it reaches through
 * `FROM stage`, `COPY --from` and `RUN --mount=from=`. The others are never built.
 */
export function reachableStages(model: DockerfileModel, target?: string): Set<number> {
  const reached = new Set<number>();
  const start = targetStage(model, target);
  if (start === undefined) return reached;
  const pending = [start];
  while (pending.length > 0) {
    const stage = pending.pop() as number;
    if (reached.has(stage)) continue;
    reached.add(stage);
    for (const dependency of model.dependencies) {
      if (dependency.stage === stage && dependency.target !== undefined) pending.push(dependency.target);
    }
  }
  return reached;
}

/** The stages that depend on `stage` directly, with how. */
export function dependentsOf(model: DockerfileModel, stage: number) {
  return model.dependencies.filter((d) => d.target === stage);
}
