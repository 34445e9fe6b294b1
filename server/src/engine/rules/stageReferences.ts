import { expand, findStage, globalLookup } from '../model';
import type { DockerfileModel, Instruction, Range, Stage } from '../model';

/** A reference from an instruction to a stage or image: `FROM x`, `COPY --from=x`, `--mount from=x`. */
export interface StageReference {
  stage: Stage;
  instruction: Instruction;
  kind: 'from' | 'copy' | 'mount';
  name: string;
  range: Range;
}

/** Every reference of the file, with the range of the word that names it. */
export function stageReferences(model: DockerfileModel): StageReference[] {
  const lookup = globalLookup(model.globalArgs, {}, model.directives.escape.char);
  const resolve = (text: string) => expand(text, lookup, model.directives.escape.char).value;
  const references: StageReference[] = [];
  for (const stage of model.stages) {
    const base = stage.from.args[0];
    if (base) references.push({ stage, instruction: stage.from, kind: 'from', name: stage.resolvedBase, range: base.range });
    for (const instruction of stage.instructions) {
      const flag = instruction.copy?.from !== undefined ? instruction.flags.find((f) => f.name.toLowerCase() === 'from') : undefined;
      if (flag?.value) references.push({ stage, instruction, kind: 'copy', name: resolve(flag.value), range: flag.valueRange ?? flag.range });
      for (const mount of instruction.run?.mounts ?? []) {
        if ((mount.type === 'bind' || mount.type === 'cache') && mount.from) references.push({ stage, instruction, kind: 'mount', name: resolve(mount.from), range: mount.range });
      }
    }
  }
  return references;
}

/** The stage a reference names if it is defined later in the file (BuildKit would read it as an image). */
export function laterStage(model: DockerfileModel, reference: StageReference): Stage | undefined {
  if (findStage(model.stages.slice(0, reference.stage.index), reference.name, reference.kind !== 'from') !== undefined) return undefined;
  const index = findStage(model.stages.slice(reference.stage.index), reference.name, false);
  return index === undefined ? undefined : model.stages[reference.stage.index + index];
}

/** True when `from` depends, through earlier-stage links, on stage `target`. */
export function dependsOn(model: DockerfileModel, from: number, target: number, seen = new Set<number>()): boolean {
  if (from === target) return true;
  if (seen.has(from)) return false;
  seen.add(from);
  return model.dependencies.some((d) => d.stage === from && d.target !== undefined && dependsOn(model, d.target, target, seen));
}
