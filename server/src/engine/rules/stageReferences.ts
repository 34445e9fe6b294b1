import { dependenciesOf, findStage } from '../model';
import type { DockerfileModel, Stage, StageDependency } from '../model';

/** The stage a reference names if it is defined later in the file (BuildKit would read it as an image). */
export function laterStage(model: DockerfileModel, reference: StageDependency): Stage | undefined {
  if (reference.target !== undefined) return undefined;
  const index = findStage(model.stages.slice(reference.stage), reference.reference, false);
  return index === undefined ? undefined : model.stages[reference.stage + index];
}

/** True when `from` depends, through earlier-stage links, on stage `target`. */
export function dependsOn(model: DockerfileModel, from: number, target: number, seen = new Set<number>()): boolean {
  if (from === target) return true;
  if (seen.has(from)) return false;
  seen.add(from);
  return dependenciesOf(model, from).some((d) => d.target !== undefined && dependsOn(model, d.target, target, seen));
}
