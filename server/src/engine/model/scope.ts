import { globalLookup, PREDEFINED_PROXY_ARGS } from './stages';
import { joinPath } from './paths';
import { expand, Lookup, unquote } from './variables';
import type { DockerfileModel, Instruction, Stage } from './types';

export type BuildArgs = Readonly<Record<string, string>>;

/** A variable in effect at some instruction, and where it came from. */
export interface ScopedVariable {
  name: string;
  value: string | null;
  kind: 'arg' | 'env';
  /** The instruction that declared or set it; undefined for ENV inherited from a base stage's image. */
  declaredBy?: Instruction;
}

/**
 * The ARGs and ENVs in effect when `instruction` runs, in declaration order, as BuildKit
 * computes them: stage ARGs take `--build-arg` overrides, then their own default, then the
 * global ARG's value when they re-declare one without a default; ENV follows `FROM stage`
 * chains; global ARGs are not visible inside a stage unless re-declared.
 */
export function variablesAt(model: DockerfileModel, instruction: Instruction, buildArgs: BuildArgs = {}): ScopedVariable[] {
  const escapeChar = model.directives.escape.char;
  const globals = globalLookup(model.globalArgs, buildArgs, escapeChar);
  if (instruction.stage < 0) {
    return model.globalArgs
      .filter((a) => a.instruction.index < instruction.index)
      .map((a) => ({ name: a.name, value: globals(a.name) ?? null, kind: 'arg', declaredBy: a.instruction }));
  }
  const stage = model.stages[instruction.stage];
  const scope = new Map<string, ScopedVariable>();
  for (const inherited of inheritedEnv(model, stage, buildArgs, new Set())) scope.set(inherited.name, { ...inherited, declaredBy: undefined });
  applyStage(stage, instruction.index, scope, globals, buildArgs, escapeChar);
  return [...scope.values()];
}

function inheritedEnv(model: DockerfileModel, stage: Stage, buildArgs: BuildArgs, seen: Set<number>): ScopedVariable[] {
  if (stage.baseStage === undefined || seen.has(stage.index)) return [];
  seen.add(stage.index);
  const parent = model.stages[stage.baseStage];
  const scope = new Map<string, ScopedVariable>();
  for (const inherited of inheritedEnv(model, parent, buildArgs, seen)) scope.set(inherited.name, inherited);
  const globals = globalLookup(model.globalArgs, buildArgs, model.directives.escape.char);
  applyStage(parent, Number.MAX_SAFE_INTEGER, scope, globals, buildArgs, model.directives.escape.char);
  return [...scope.values()].filter((v) => v.kind === 'env');
}

function applyStage(stage: Stage, beforeIndex: number, scope: Map<string, ScopedVariable>, globals: Lookup, buildArgs: BuildArgs, escapeChar: string): void {
  const lookup: Lookup = (name) => {
    const v = scope.get(name);
    return v === undefined ? undefined : v.value;
  };
  for (const instruction of stage.instructions) {
    if (instruction.index >= beforeIndex) break;
    if (instruction.keyword === 'ARG') {
      for (const p of instruction.properties) {
        const own = p.value === null ? undefined : expand(p.value, lookup, escapeChar).value;
        const value = buildArgs[p.name] ?? own ?? globals(p.name) ?? null;
        // An ENV of the same name wins over an ARG, whatever their order.
        if (scope.get(p.name)?.kind !== 'env') scope.set(p.name, { name: p.name, value, kind: 'arg', declaredBy: instruction });
      }
    } else if (instruction.keyword === 'ENV') {
      // All pairs of one ENV see the values from before that ENV, as in BuildKit.
      const values = instruction.properties.map((p) => ({ p, value: p.value === null ? '' : expand(p.value, lookup, escapeChar).value }));
      for (const { p, value } of values) scope.set(p.name, { name: p.name, value, kind: 'env', declaredBy: instruction });
    }
  }
}

/** A lookup over `variablesAt`, for expanding an instruction's words. */
export function lookupAt(model: DockerfileModel, instruction: Instruction, buildArgs: BuildArgs = {}): Lookup {
  const variables = new Map(variablesAt(model, instruction, buildArgs).map((v) => [v.name, v.value]));
  return (name) => variables.get(name);
}

export function isPredefinedProxyArg(name: string): boolean {
  return (PREDEFINED_PROXY_ARGS as readonly string[]).includes(name);
}

/** The last `keyword` instruction of the stage before `before`, if any (the USER, SHELL … in effect). */
export function lastInstruction(stage: Stage, keyword: string, before: Instruction): Instruction | undefined {
  const found = stage.instructions.filter((i) => i.keyword === keyword && i.index < before.index);
  return found[found.length - 1];
}

/** The working directory in effect before `instruction`, WORKDIR values expanded, through `FROM stage` chains. */
export function workdirAt(model: DockerfileModel, instruction: Instruction, buildArgs: BuildArgs = {}): string {
  const stage = model.stages[instruction.stage];
  let dir = '/';
  if (stage.baseStage !== undefined) {
    const base = model.stages[stage.baseStage];
    const last = base.instructions[base.instructions.length - 1];
    dir = workdirAt(model, { ...last, index: Number.MAX_SAFE_INTEGER }, buildArgs);
  }
  for (const i of stage.instructions) {
    if (i.index >= instruction.index) break;
    if (i.keyword !== 'WORKDIR' || i.args.length === 0) continue;
    const path = expand(i.args.map((a) => a.value).join(' '), lookupAt(model, i, buildArgs), model.directives.escape.char).value;
    dir = joinPath(dir, unquote(path));
  }
  return dir;
}
