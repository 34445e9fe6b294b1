import { dependenciesOf, findStage } from '../model';
import type { DockerfileModel, Stage, StageDependency } from '../model';

/**
 * The stage a reference names if it is defined later in the file (BuildKit would read it as an image).
 * A FROM is read before its own `AS` name exists, so `FROM scratch AS scratch` and `FROM node AS node`
 * name the image; a COPY --from or mount naming its own stage is a real cycle.
 */
export function laterStage(model: DockerfileModel, reference: StageDependency): Stage | undefined {
  if (reference.target !== undefined) return undefined;
  const first = reference.kind === 'from' ? reference.stage + 1 : reference.stage;
  const index = findStage(model.stages.slice(first), reference.reference, false);
  return index === undefined ? undefined : model.stages[first + index];
}

/** True when `from` depends, through earlier-stage links, on stage `target`. */
export function dependsOn(model: DockerfileModel, from: number, target: number, seen = new Set<number>()): boolean {
  if (from === target) return true;
  if (seen.has(from)) return false;
  seen.add(from);
  return dependenciesOf(model, from).some((d) => d.target !== undefined && dependsOn(model, d.target, target, seen));
}
