import { expand, Lookup } from './variables';
import type { ArgDeclaration, Instruction, Stage, StageDependency } from './types';

/**
 * The ARGs BuildKit defines for every build. The platform ones are visible to FROM lines
 * without a declaration; inside a stage they need `ARG NAME` like any other.
 */
export const AUTOMATIC_PLATFORM_ARGS = [
  'BUILDPLATFORM',
  'BUILDOS',
  'BUILDARCH',
  'BUILDVARIANT',
  'TARGETPLATFORM',
  'TARGETOS',
  'TARGETARCH',
  'TARGETVARIANT',
] as const;

/** Proxy ARGs are predefined and, unless declared, left out of the cache key. */
export const PREDEFINED_PROXY_ARGS = [
  'HTTP_PROXY',
  'http_proxy',
  'HTTPS_PROXY',
  'https_proxy',
  'FTP_PROXY',
  'ftp_proxy',
  'NO_PROXY',
  'no_proxy',
  'ALL_PROXY',
  'all_proxy',
] as const;

function argDeclarations(instruction: Instruction): ArgDeclaration[] {
  return instruction.properties.map((property) => ({
    name: property.name,
    defaultValue: property.value,
    instruction,
    property,
  }));
}

/** The scope FROM lines see: global ARGs (with build-arg overrides) and the automatic platform ARGs. */
export function globalLookup(globalArgs: ArgDeclaration[], buildArgs: Readonly<Record<string, string>> = {}, escapeChar = '\\'): Lookup {
  const values = new Map<string, string | null>();
  for (const name of AUTOMATIC_PLATFORM_ARGS) values.set(name, buildArgs[name] ?? null);
  for (const arg of globalArgs) {
    const lookup: Lookup = (name) => values.get(name);
    const value = buildArgs[arg.name] ?? (arg.defaultValue === null ? null : expand(arg.defaultValue, lookup, escapeChar).value);
    values.set(arg.name, value);
  }
  return (name) => values.get(name);
}

export interface StageLayout {
  stages: Stage[];
  globalArgs: ArgDeclaration[];
  dependencies: StageDependency[];
}

/** Groups instructions into stages and links the stages they depend on. */
export function buildStages(instructions: Instruction[], escapeChar: string): StageLayout {
  const stages: Stage[] = [];
  const globalArgs: ArgDeclaration[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      stages.push(newStage(instruction, stages, globalArgs, escapeChar));
    }
    const stage = stages[stages.length - 1];
    if (!stage) {
      if (instruction.keyword === 'ARG') globalArgs.push(...argDeclarations(instruction));
      continue;
    }
    instruction.stage = stage.index;
    if (instruction.keyword !== 'FROM') stage.instructions.push(instruction);
    if (instruction.keyword === 'ARG') stage.args.push(...argDeclarations(instruction));
    stage.range = { start: stage.range.start, end: instruction.range.end };
  }
  return { stages, globalArgs, dependencies: collectDependencies(stages, globalArgs, escapeChar) };
}

function newStage(from: Instruction, earlier: Stage[], globalArgs: ArgDeclaration[], escapeChar: string): Stage {
  const [image, as, name] = from.args;
  const base = image?.value ?? '';
  // BuildKit reads FROM's argument as shell words: `FROM alpine:"${TAG}"` names alpine:3.20.
  const resolvedBase = expand(base, globalLookup(globalArgs, {}, escapeChar), escapeChar).value.replace(/["']/g, '');
  const platform = from.flags.find((f) => f.name.toLowerCase() === 'platform');
  const hasName = as !== undefined && as.value.toLowerCase() === 'as' && name !== undefined;
  return {
    index: earlier.length,
    name: hasName ? name.value : undefined,
    nameRange: hasName ? name.range : undefined,
    from,
    base,
    resolvedBase,
    baseStage: findStage(earlier, resolvedBase, false),
    platform: platform?.value ?? undefined,
    instructions: [from],
    args: [],
    range: from.range,
  };
}

/**
 * The first stage of each (lower-cased) name, kept per list of stages: every stage looks up the
 * stages it names, and scanning the earlier ones each time made a file of thousands of stages
 * quadratic. The model's list only grows while it is built, so the index is extended, not redone.
 */
const firstByName = new WeakMap<Stage[], { counted: number; names: Map<string, number> }>();

function stageNamed(stages: Stage[], lower: string): number | undefined {
  let kept = firstByName.get(stages);
  if (!kept) firstByName.set(stages, (kept = { counted: 0, names: new Map() }));
  for (const stage of stages.slice(kept.counted)) {
    const name = stage.name?.toLowerCase();
    if (name !== undefined && !kept.names.has(name)) kept.names.set(name, stage.index);
  }
  kept.counted = stages.length;
  return kept.names.get(lower);
}

/**
 * Finds the stage a reference names among the first `before` of `stages` (all of them by
 * default): by name (case-insensitively, as BuildKit does) and, where allowed, by index
 * (`COPY --from=0`).
 */
export function findStage(stages: Stage[], reference: string, allowIndex: boolean, before = stages.length): number | undefined {
  const byName = stageNamed(stages, reference.toLowerCase());
  if (byName !== undefined && byName < before) return byName;
  if (allowIndex && /^\d+$/.test(reference)) {
    const index = Number(reference);
    if (index < Math.min(before, stages.length)) return index;
  }
  return undefined;
}

function collectDependencies(stages: Stage[], globalArgs: ArgDeclaration[], escapeChar: string): StageDependency[] {
  const dependencies: StageDependency[] = [];
  const lookup = globalLookup(globalArgs, {}, escapeChar);
  for (const stage of stages) {
    const base = stage.from.args[0]?.range ?? stage.from.keywordRange;
    dependencies.push({
      stage: stage.index,
      kind: 'from',
      target: stage.baseStage,
      reference: stage.resolvedBase,
      instruction: stage.from,
      range: base,
    });
    for (const instruction of stage.instructions) {
      const fromFlag = instruction.copy?.from !== undefined ? instruction.flags.find((f) => f.name.toLowerCase() === 'from') : undefined;
      if (fromFlag) {
        const reference = expand(fromFlag.value ?? '', lookup, escapeChar).value;
        const range = fromFlag.valueRange ?? fromFlag.range;
        dependencies.push({
          stage: stage.index,
          kind: 'copy',
          target: findStage(stages, reference, true, stage.index),
          reference,
          instruction,
          range,
        });
      }
      for (const mount of instruction.run?.mounts ?? []) {
        const mountFrom = 'from' in mount ? mount.from : undefined;
        if (mountFrom === undefined) continue;
        const reference = expand(mountFrom, lookup, escapeChar).value;
        dependencies.push({
          stage: stage.index,
          kind: 'mount',
          target: findStage(stages, reference, true, stage.index),
          reference,
          instruction,
          range: mount.range,
        });
      }
    }
  }
  return dependencies;
}
