import type { BuildInputs } from '../../../../common/buildPlan';
import { findStage } from './stages';
import type { DockerfileModel, Stage, StageDependency } from './types';

/**
 * A value per stage, computed once from the stage and the value of the stage it is built FROM:
 * `base` is undefined for an image, and where a `FROM stage` cycle (which CircularStageDependency
 * reports) closes. Each stage is computed once, so a long chain of stages is walked once.
 */
export function alongFromChain<T>(model: DockerfileModel, compute: (stage: Stage, base: T | undefined) => T): (stage: Stage) => T {
  const known = new Map<number, T>();
  return (stage: Stage): T => {
    // Down the chain to a stage already known, an image or a cycle, then back up: a loop, not
    // recursion, so that a chain of thousands of stages cannot overflow the stack.
    const chain: Stage[] = [];
    const onChain = new Set<number>();
    for (let current: Stage | undefined = stage; current && !known.has(current.index) && !onChain.has(current.index);) {
      chain.push(current);
      onChain.add(current.index);
      current = baseOf(model, current);
    }
    for (const link of chain.reverse()) {
      const base = link.baseStage !== undefined && known.has(link.baseStage) ? known.get(link.baseStage) : undefined;
      known.set(link.index, compute(link, base));
    }
    return known.get(stage.index) as T;
  };
}

/** The stage `stage` is built FROM; undefined when it starts from an image. */
export function baseOf(model: DockerfileModel, stage: Stage): Stage | undefined {
  return stage.baseStage === undefined ? undefined : model.stages[stage.baseStage];
}

/**
 * The stage and the stages it is built FROM, nearest first: what its filesystem starts from.
 * Empty for no stage, so that a build target that names none (`targetStage`) needs no case of its own.
 */
export function fromChain(model: DockerfileModel, stage: number | undefined): Stage[] {
  const chain: Stage[] = [];
  // A FROM names only earlier stages, so the chain always ends.
  for (let current = stage === undefined ? undefined : model.stages[stage]; current; current = baseOf(model, current)) chain.push(current);
  return chain;
}

/** The stage a build target names: a stage name or index; the last stage when omitted. */
export function targetStage(model: DockerfileModel, target?: string): number | undefined {
  if (model.stages.length === 0) return undefined;
  if (target === undefined || target === '') return model.stages.length - 1;
  return findStage(model.stages, target, true);
}

/**
 * The earlier stages a reference written with variables (`FROM base-${VARIANT}`, `FROM $BASE`,
 * `COPY --from=build-$TARGETARCH`) can name once a build argument is given: every stage whose name
 * fits the text around the variables. The default value names one, but a build may pick another.
 */
export function stagesAVariableCanName(model: DockerfileModel, written: string, before: number): number[] {
  if (!written.includes('$')) return [];
  const pattern = new RegExp(
    `^${written
      .split(/\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*/)
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
    'i',
  );
  return model.stages
    .slice(0, before)
    .filter((s) => s.name !== undefined && pattern.test(s.name))
    .map((s) => s.index);
}

/**
 * The stages BuildKit builds for a target: the target and every stage it reaches through
 * `FROM stage`, `COPY --from` and `RUN --mount=from=`, and every stage such a reference written with
 * variables can name. The others are never built.
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
    for (const dependency of dependenciesOf(model, stage)) {
      if (dependency.target !== undefined) pending.push(dependency.target);
      const written =
        dependency.kind === 'from'
          ? (model.stages[stage]?.base ?? '')
          : (dependency.instruction.flags.find((f) => f.name.toLowerCase() === 'from')?.value ?? '');
      pending.push(...stagesAVariableCanName(model, written, stage));
    }
  }
  return reached;
}

/**
 * The model's stage links grouped both ways, made once per model: walks over the stage graph ask
 * per stage, and filtering every link each time made a file of thousands of stages quadratic.
 */
const linksKept = new WeakMap<DockerfileModel, { bySource: StageDependency[][]; byTarget: StageDependency[][] }>();

function links(model: DockerfileModel) {
  let kept = linksKept.get(model);
  if (!kept) {
    kept = { bySource: model.stages.map(() => []), byTarget: model.stages.map(() => []) };
    for (const dependency of model.dependencies) {
      kept.bySource[dependency.stage]?.push(dependency);
      if (dependency.target !== undefined) kept.byTarget[dependency.target]?.push(dependency);
    }
    linksKept.set(model, kept);
  }
  return kept;
}

/** What `stage` itself needs (its FROM, COPY --from and mounts from other stages), in file order. */
export function dependenciesOf(model: DockerfileModel, stage: number): readonly StageDependency[] {
  return links(model).bySource[stage] ?? [];
}

/** The stages that depend on `stage` directly, with how, in file order. */
export function dependentsOf(model: DockerfileModel, stage: number): readonly StageDependency[] {
  return links(model).byTarget[stage] ?? [];
}

/**
 * What the build commands need to know of a Dockerfile: its stages, the named stages the final
 * stage needs (each gets its own inline cache image), and the secret ids its RUNs mount.
 */
export function buildInputs(model: DockerfileModel): BuildInputs {
  const final = model.stages.length - 1;
  const needed = reachableStages(model);
  const secrets: BuildInputs['secrets'] = [];
  for (const instruction of model.instructions) {
    for (const mount of instruction.run?.mounts ?? []) {
      if (mount.type !== 'secret' || !mount.id) continue;
      const known = secrets.find((s) => s.id === mount.id);
      if (known) known.required ||= mount.required;
      else secrets.push({ id: mount.id, required: mount.required, line: instruction.range.start.line });
    }
  }
  return {
    stages: model.stages.map((s) => ({ index: s.index, name: s.name, line: s.from.range.start.line })),
    cacheStages: model.stages.filter((s) => s.index !== final && needed.has(s.index) && s.name).map((s) => s.name as string),
    secrets,
  };
}
