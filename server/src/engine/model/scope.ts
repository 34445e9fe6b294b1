import { globalLookup, PREDEFINED_PROXY_ARGS } from './stages';
import { alongFromChain, baseOf } from './graph';
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

/** What a stage's ARGs and ENVs set, computed once per model and build args. */
interface StageScope {
  /** ENV from the stages it is built on (`FROM stage`), as the stage starts. */
  inherited: ReadonlyMap<string, ScopedVariable>;
  /** Per name, what each ARG or ENV of the stage set it to, in instruction order. */
  local: ReadonlyMap<string, readonly ScopedVariable[]>;
  /** Everything in effect after the stage's last instruction, for the stages built on it. */
  final: ReadonlyMap<string, ScopedVariable>;
}

/**
 * One scope index per model and set of build args. A model is immutable and dropped with its
 * document version, so keying on it frees the index with it; without the index every lookup
 * re-walked the stage and its whole `FROM stage` chain, which made long chains quadratic.
 */
const scopeIndex = new WeakMap<DockerfileModel, Map<string, (stage: Stage) => StageScope>>();

/** The scope of an instruction outside every stage: the global ARGs are looked up apart from it. */
const NO_SCOPE: StageScope = { inherited: new Map(), local: new Map(), final: new Map() };

function stageScope(model: DockerfileModel, stageIndex: number, buildArgs: BuildArgs): StageScope {
  const stage = model.stages[stageIndex];
  if (!stage) return NO_SCOPE;
  let byArgs = scopeIndex.get(model);
  if (!byArgs) scopeIndex.set(model, (byArgs = new Map<string, (stage: Stage) => StageScope>()));
  const key = JSON.stringify(Object.entries(buildArgs).sort());
  let scopeOf = byArgs.get(key);
  if (!scopeOf)
    byArgs.set(key, (scopeOf = alongFromChain<StageScope>(model, (stage, base) => computeScope(model, stage, base, buildArgs))));
  return scopeOf(stage);
}

/** A stage's scope from its base's: a stage built on itself (a cycle, which the stage rules report) inherits nothing. */
function computeScope(model: DockerfileModel, stage: Stage, base: StageScope | undefined, buildArgs: BuildArgs): StageScope {
  const inherited = new Map<string, ScopedVariable>();
  for (const variable of base?.final.values() ?? []) {
    if (variable.kind === 'env') inherited.set(variable.name, { ...variable, declaredBy: undefined });
  }
  const escapeChar = model.directives.escape.char;
  const globals = globalLookup(model.globalArgs, buildArgs, escapeChar);
  const scope = new Map(inherited);
  const local = new Map<string, ScopedVariable[]>();
  const set = (variable: ScopedVariable) => {
    scope.set(variable.name, variable);
    const history = local.get(variable.name);
    if (history) history.push(variable);
    else local.set(variable.name, [variable]);
  };
  const lookup: Lookup = (name) => {
    const variable = scope.get(name);
    return variable === undefined ? undefined : variable.value;
  };
  for (const instruction of stage.instructions) {
    if (instruction.keyword === 'ARG') {
      for (const p of instruction.properties) {
        const own = p.value === null ? undefined : expand(p.value, lookup, escapeChar).value;
        const value = buildArgs[p.name] ?? own ?? globals(p.name) ?? null;
        // An ENV of the same name wins over an ARG, whatever their order.
        if (scope.get(p.name)?.kind !== 'env') set({ name: p.name, value, kind: 'arg', declaredBy: instruction });
      }
    } else if (instruction.keyword === 'ENV') {
      // All pairs of one ENV see the values from before that ENV, as in BuildKit.
      const values = instruction.properties.map((p) => ({ p, value: p.value === null ? '' : expand(p.value, lookup, escapeChar).value }));
      for (const { p, value } of values) set({ name: p.name, value, kind: 'env', declaredBy: instruction });
    }
  }
  return { inherited, local, final: scope };
}

/** The last setting of a variable in a stage's history before the instruction at `index`. */
function lastBefore(history: readonly ScopedVariable[] | undefined, index: number): ScopedVariable | undefined {
  let found: ScopedVariable | undefined;
  for (const variable of history ?? []) {
    if ((variable.declaredBy?.index ?? -1) >= index) break;
    found = variable;
  }
  return found;
}

/**
 * The ARGs and ENVs in effect when `instruction` runs, in declaration order, as BuildKit
 * computes them: stage ARGs take `--build-arg` overrides, then their own default, then the
 * global ARG's value when they re-declare one without a default; ENV follows `FROM stage`
 * chains; global ARGs are not visible inside a stage unless re-declared.
 */
export function variablesAt(model: DockerfileModel, instruction: Instruction, buildArgs: BuildArgs = {}): ScopedVariable[] {
  if (instruction.stage < 0) {
    const globals = globalLookup(model.globalArgs, buildArgs, model.directives.escape.char);
    return model.globalArgs
      .filter((a) => a.instruction.index < instruction.index)
      .map((a) => ({ name: a.name, value: globals(a.name) ?? null, kind: 'arg', declaredBy: a.instruction }));
  }
  const { inherited, local } = stageScope(model, instruction.stage, buildArgs);
  const scope = new Map(inherited);
  for (const [name, history] of local) {
    const variable = lastBefore(history, instruction.index);
    if (variable) scope.set(name, variable);
  }
  return [...scope.values()];
}

/**
 * One variable in effect when `instruction` runs, without listing the others: what rules ask of
 * every instruction, in time independent of how many variables the stage and its bases set.
 */
export function variableAt(
  model: DockerfileModel,
  instruction: Instruction,
  name: string,
  buildArgs: BuildArgs = {},
): ScopedVariable | undefined {
  // A global ARG declared again is the later declaration.
  if (instruction.stage < 0)
    return variablesAt(model, instruction, buildArgs)
      .filter((v) => v.name === name)
      .pop();
  const { inherited, local } = stageScope(model, instruction.stage, buildArgs);
  return lastBefore(local.get(name), instruction.index) ?? inherited.get(name);
}

/** A lookup over `variablesAt`, for expanding an instruction's words. */
export function lookupAt(model: DockerfileModel, instruction: Instruction, buildArgs: BuildArgs = {}): Lookup {
  return (name) => {
    const variable = variableAt(model, instruction, name, buildArgs);
    return variable === undefined ? undefined : variable.value;
  };
}

export function isPredefinedProxyArg(name: string): boolean {
  return (PREDEFINED_PROXY_ARGS as readonly string[]).includes(name);
}

/**
 * The instruction whose lines include `line`, found by binary search: instructions are in text
 * order and do not overlap, and a scan per question is quadratic on files of thousands of them.
 */
export function instructionOnLine(model: DockerfileModel, line: number): Instruction | undefined {
  let low = 0;
  let high = model.instructions.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const candidate = model.instructions[middle];
    if (!candidate) break;
    if (line < candidate.range.start.line) high = middle - 1;
    else if (line > candidate.range.end.line) low = middle + 1;
    else return candidate;
  }
  return undefined;
}

/** The last `keyword` instruction of the stage before `before`, if any (the USER, SHELL … in effect). */
export function lastInstruction(stage: Stage, keyword: string, before: Instruction): Instruction | undefined {
  return stage.instructions.filter((i) => i.keyword === keyword && i.index < before.index).at(-1);
}

/** The working directory in effect before `instruction`, WORKDIR values expanded, through `FROM stage` chains. */
export function workdirAt(model: DockerfileModel, instruction: Instruction, buildArgs: BuildArgs = {}): string {
  const stage = model.stages[instruction.stage];
  if (!stage) return '/';
  let dir = '/';
  const baseLast = baseOf(model, stage)?.instructions.at(-1);
  if (baseLast) dir = workdirAt(model, { ...baseLast, index: Number.MAX_SAFE_INTEGER }, buildArgs);
  for (const i of stage.instructions) {
    if (i.index >= instruction.index) break;
    if (i.keyword !== 'WORKDIR' || i.args.length === 0) continue;
    const path = expand(i.args.map((a) => a.value).join(' '), lookupAt(model, i, buildArgs), model.directives.escape.char).value;
    dir = joinPath(dir, unquote(path));
  }
  return dir;
}
