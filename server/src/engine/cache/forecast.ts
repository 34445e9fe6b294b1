import type { ImageStore } from '../../../../common/imageStore';
import { filesCopiedBy } from '../context/listing';
import { parseDockerignore } from '../context/dockerignore';
import type { DockerIgnore } from '../context/dockerignore';
import type { ContextListing } from '../context/listing';
import { listed } from '../knowledge/buildPackages';
import {
  baseOf,
  dependenciesOf,
  expand,
  findStage,
  fromChain,
  globalLookup,
  joinPath,
  lastInstruction,
  lookupAt,
  reachableStages,
  targetStage,
  textOf,
  unquote,
  variablesAt,
  workdirAt,
} from '../model';
import type { BuildArgs, DockerfileModel, Instruction, Stage } from '../model';
import { shownSteps } from './steps';

/**
 * What changed since the last build, as the cache forecast needs it. File changes are by content
 * and mode (BuildKit ignores modification times), relative to the context root.
 */
export interface ForecastOptions {
  /** Context files whose content or mode changed, or that appeared or went. */
  changedFiles?: readonly string[];
  /** Build args whose value changed. */
  changedArgs?: readonly string[];
  /** Base images whose tag now points at another image. */
  changedImages?: readonly string[];
  /** The Dockerfile as it was at the last build; without it, its text is taken as unchanged. */
  previous?: DockerfileModel;
  target?: string;
  /** The target of the last build, when it differs: stages it did not need were not built. */
  previousTarget?: string;
  buildArgs?: BuildArgs;
  dockerignore?: DockerIgnore | null;
  /** The Dockerfile's own path in the context, when it lies inside: `COPY .` sends it too. */
  dockerfilePath?: string;
  /**
   * A fresh builder whose only cache is the inline cache of the last pushed final image
   * (`--cache-from IMAGE`), as on a new CI runner: only the final image's layers are served.
   */
  freshRunner?: boolean;
  /**
   * What the fresh runner imports: `inline` (the default) as above, or a registry cache exported
   * with `mode=max`, which holds every step of every stage, so the runner finds what the old
   * builder would have found (tried on BuildKit v0.25, containerd image store).
   */
  freshRunnerCache?: 'inline' | 'max';
  /**
   * The daemon's image store, when known: it decides whether a `COPY --link` after a re-run step
   * is reused (containerd) or runs again (classic).
   */
  imageStore?: ImageStore;
}

export interface StepForecast {
  instruction: Instruction;
  stage: number;
  /** 1-based position among the stage's steps, FROM first, as BuildKit numbers them (`[build 2/5]`). */
  position: number;
  stageSteps: number;
  forecast: 'cached' | 'runs';
  /**
   * False when the outcome hangs on bytes no one can know before building: a `COPY --from`
   * whose source stage re-runs a `RUN` stays cached if that `RUN` writes the same bytes again.
   */
  certain: boolean;
  reasons: string[];
  /** The step belongs to a stage the target does not need: BuildKit never builds it. */
  skipped: boolean;
}

/** A path a re-run step may have changed in its stage's filesystem; `*` for anywhere (a RUN). */
interface Write {
  path: string;
  certain: boolean;
  line: number;
}

interface StageResult {
  ran: boolean;
  certain: boolean;
  lastLine: number;
  writes: Write[];
}

const REMOTE = /^(https?:\/\/|git@|[\w.-]+\.git(#|$))/;

const stageKey = (stage: Stage) => (stage.name ? stage.name.toLowerCase() : `#${stage.index}`);
const stageLabel = (stage: Stage) => (stage.name ? `\`${stage.name}\`` : `${stage.index}`);
/** The label of the stage at `index`: a model's links name only stages it has, so the fallback is never shown. */
const stageLabelAt = (model: DockerfileModel, index: number) => {
  const stage = model.stages[index];
  return stage ? stageLabel(stage) : `${index}`;
};
const lineOf = (instruction: Instruction) => instruction.range.start.line + 1;

function expandWord(model: DockerfileModel, instruction: Instruction, text: string, buildArgs: BuildArgs): string {
  return expand(text, lookupAt(model, instruction, buildArgs), model.directives.escape.char).value;
}

/**
 * The parts of a step's cache key that the Dockerfile decides, each with a label that names
 * it in a reason. File contents and source stages are compared separately.
 */
function keyParts(model: DockerfileModel, instruction: Instruction, buildArgs: BuildArgs): Map<string, string> {
  const parts = new Map<string, string>();
  const stage = model.stages[instruction.stage];
  const flags = instruction.flags.map((f) => textOf(model.text, model.lineStarts, f.range)).join(' ');
  const heredocs = instruction.heredocs.map((h) => h.content).join('\n');
  switch (instruction.keyword) {
    case 'FROM': {
      if (!stage) break;
      const base = baseOf(model, stage);
      parts.set(
        'its base',
        base
          ? `stage ${stageKey(base)}`
          : expand(stage.base, globalLookup(model.globalArgs, buildArgs, model.directives.escape.char), model.directives.escape.char).value,
      );
      break;
    }
    case 'RUN':
      // The command reaches the shell unexpanded; the variables are part of the key on their own.
      parts.set('its instruction', `${flags}\n${instruction.run?.command ?? ''}\n${heredocs}`);
      for (const variable of variablesAt(model, instruction, buildArgs)) parts.set(`\`${variable.name}\``, variable.value ?? '\u0000unset');
      parts.set('WORKDIR', workdirAt(model, instruction, buildArgs));
      for (const keyword of ['USER', 'SHELL'])
        parts.set(keyword, (stage && lastInstruction(stage, keyword, instruction))?.args.map((a) => a.value).join(' ') ?? '');
      break;
    default: {
      const words = instruction.args.map((a) => expandWord(model, instruction, a.value, buildArgs)).join(' ');
      parts.set('its instruction', `${expandWord(model, instruction, flags, buildArgs)}\n${words}\n${heredocs}`);
      if (instruction.keyword !== 'WORKDIR') parts.set('WORKDIR', workdirAt(model, instruction, buildArgs));
      else parts.set('WORKDIR', joinPath(workdirAt(model, instruction, buildArgs), unquote(words)));
    }
  }
  return parts;
}

function differences(before: Map<string, string>, after: Map<string, string>): string[] {
  const labels = new Set([...before.keys(), ...after.keys()]);
  return [...labels].filter((label) => before.get(label) !== after.get(label));
}

function describeChange(label: string): string {
  if (label === 'its instruction') return 'its instruction changed';
  if (label === 'its base') return 'its base changed';
  return `${label} changed`;
}

/** The first paths, quoted, then how many more. */
const someOf = (paths: string[]) =>
  listed(
    paths.map((p) => `\`${p}\``),
    3,
  );

/** Whether a write at `written` can change what a copy of `copied` reads (a wildcard reads its whole folder). */
function overlaps(written: string, copied: string): boolean {
  if (written === '*') return true;
  const wildcard = copied.search(/[*?[]/);
  const read = (wildcard < 0 ? copied : copied.slice(0, copied.lastIndexOf('/', wildcard))).replace(/\/+$/, '');
  const wrote = written.replace(/\/+$/, '');
  return read === wrote || read === '' || wrote === '' || wrote.startsWith(`${read}/`) || read.startsWith(`${wrote}/`);
}

/** What the whole forecast knows, shared by the per-step helpers below. */
interface Run {
  model: DockerfileModel;
  options: ForecastOptions;
  buildArgs: BuildArgs;
  previousModel: DockerfileModel;
  previousBuilt?: Set<number>;
  changedListing: ContextListing;
  results: StageResult[];
}

/** Why the step's own key changed: its text, a variable, a base image, or a stage built anew. */
function keyChanges(
  run: Run,
  stage: Stage,
  instruction: Instruction,
  parts: Map<string, string>,
  before: Instruction | undefined,
  previousStage: Stage | undefined,
): string[] {
  const { model, options, buildArgs } = run;
  const reasons: string[] = [];
  if (options.previous) {
    if (!previousStage) reasons.push(`stage ${stageLabel(stage)} is new`);
    else if (!before || before.keyword !== instruction.keyword) reasons.push('a new step here');
    else reasons.push(...differences(keyParts(options.previous, before, buildArgs), parts).map(describeChange));
  }
  // A build arg changed when the key computed with another value for it differs.
  for (const name of options.changedArgs ?? []) {
    const other = { ...buildArgs, [name]: `${buildArgs[name] ?? ''}\u0000changed` };
    if (differences(keyParts(model, instruction, other), parts).length > 0) reasons.push(`\`${name}\` changed`);
  }
  if (run.previousBuilt && !run.previousBuilt.has(findStage(run.previousModel.stages, stage.name ?? String(stage.index), true) ?? -1)) {
    reasons.push(`stage ${stageLabel(stage)} was not built last time (target \`${options.previousTarget}\`)`);
  }
  if (instruction.keyword === 'FROM' && stage.baseStage === undefined) {
    const image = parts.get('its base') ?? '';
    if ((options.changedImages ?? []).some((c) => sameImage(c, image)))
      reasons.push(`the base image \`${image}\` now points at another image`);
  }
  return reasons;
}

/**
 * The changed context files a COPY/ADD or a context bind mount reads, and where a COPY puts
 * them, so that a later COPY --from of other paths can stay cached.
 */
function contextChanges(run: Run, instruction: Instruction, destination: string | undefined): { reasons: string[]; landed: string[] } {
  const { model, buildArgs, changedListing } = run;
  const reasons: string[] = [];
  const landed: string[] = [];
  const copy = instruction.copy;
  if (copy && copy.from === undefined && destination && !copy.sources.some((s) => REMOTE.test(s.value))) {
    const intoFolder = copy.sources.length > 1 || copy.destination?.value.endsWith('/') === true;
    // `--exclude` patterns match paths inside each source, and what they leave out is not in the key.
    const excluded =
      copy.exclude.length > 0
        ? parseDockerignore(copy.exclude.map((e) => expandWord(model, instruction, unquote(e), buildArgs)).join('\n'))
        : undefined;
    const touched = new Set<string>();
    for (const word of copy.sources) {
      const source = expandWord(model, instruction, unquote(word.value), buildArgs).replace(/^\.\/|\/+$/g, '') || '.';
      for (const file of filesCopiedBy(changedListing, source)) {
        if (excluded?.excludes(insideSource(source, file))) continue;
        touched.add(file);
        if (/[*?[]/.test(source)) landed.push(destination);
        else if (source === '.') landed.push(joinPath(destination, file));
        else if (file === source) landed.push(intoFolder ? joinPath(destination, file.split('/').pop() as string) : destination);
        else landed.push(joinPath(destination, file.slice(source.length + 1)));
      }
    }
    if (touched.size > 0) reasons.push(`${someOf([...touched])} changed`);
  }
  for (const mount of instruction.run?.mounts ?? []) {
    if (mount.type !== 'bind' || mount.from !== undefined) continue;
    const touched = filesCopiedBy(changedListing, mount.source ?? '.');
    if (touched.length > 0) reasons.push(`${someOf(touched)} changed (bind mount)`);
  }
  return { reasons, landed };
}

/** A copied file's path below the source that sends it, which is what `--exclude` patterns match. */
function insideSource(source: string, file: string): string {
  if (source === '.') return file;
  if (file === source) return file.split('/').pop() as string;
  const wildcard = source.search(/[*?[]/);
  const folder = wildcard < 0 ? source : source.slice(0, Math.max(source.lastIndexOf('/', wildcard), 0));
  return folder === '' ? file : file.slice(folder.length + 1);
}

/** What changed in the stages a COPY --from or a bind mount reads; uncertain when only a RUN wrote there. */
function stageInputChanges(run: Run, stage: Stage, instruction: Instruction): { reasons: string[]; certain: boolean } {
  const { model, buildArgs, results } = run;
  const copy = instruction.copy;
  const sourceStage =
    copy?.from !== undefined ? findStage(model.stages, expandWord(model, instruction, copy.from, buildArgs), true, stage.index) : undefined;
  if (copy && sourceStage !== undefined) {
    const paths = copy.sources.map((s) => joinPath('/', unquote(expandWord(model, instruction, s.value, buildArgs))));
    const hits = (results[sourceStage]?.writes ?? []).filter((w) => paths.some((p) => overlaps(w.path, p)));
    const sure = hits.find((w) => w.certain);
    const label = stageLabelAt(model, sourceStage);
    if (sure) return { reasons: [`${someOf(paths)} in stage ${label} changed (line ${sure.line})`], certain: true };
    const firstHit = hits[0];
    if (firstHit) {
      return {
        reasons: [
          `${someOf(paths)} in stage ${label} may change: the RUN at line ${firstHit.line} re-runs, and this step stays cached only if it writes the same bytes there`,
        ],
        certain: false,
      };
    }
  }
  const reasons: string[] = [];
  let certain = true;
  for (const mount of instruction.run?.mounts ?? []) {
    const mounted = mount.type === 'bind' && mount.from !== undefined ? findStage(model.stages, mount.from, true, stage.index) : undefined;
    const writes = mounted === undefined ? [] : (results[mounted]?.writes ?? []);
    if (mounted === undefined || writes.length === 0) continue;
    reasons.push(`stage ${stageLabelAt(model, mounted)}, bind-mounted here, changed`);
    certain &&= writes.some((w) => w.certain);
  }
  return { reasons, certain };
}

/**
 * Predicts, for every step of every stage, whether BuildKit will find it in its cache on the
 * next build, and why not: the rules of ../shared/domain/buildkit-cache.md, sections 1 and 2.
 */
export function forecastBuild(model: DockerfileModel, options: ForecastOptions = {}): StepForecast[] {
  const needed = reachableStages(model, options.target);
  const finalChain = new Set(fromChain(model, targetStage(model, options.target)).map((s) => s.index));
  const previousModel = options.previous ?? model;
  const sent = (path: string) => !(options.dockerignore?.excludes(path) ?? false);
  const changed = (options.changedFiles ?? []).filter(sent);
  if (options.previous && options.dockerfilePath && options.previous.text !== model.text && sent(options.dockerfilePath))
    changed.push(options.dockerfilePath);
  const run: Run = {
    model,
    options,
    buildArgs: options.buildArgs ?? {},
    previousModel,
    previousBuilt: options.previousTarget !== undefined ? reachableStages(previousModel, options.previousTarget) : undefined,
    changedListing: { files: changed, complete: true },
    results: [],
  };
  const out: StepForecast[] = [];

  for (const stage of model.stages) {
    const steps = shownSteps(stage);
    const previousStage = options.previous?.stages.find((s) => stageKey(s) === stageKey(stage));
    const previousSteps = previousStage ? shownSteps(previousStage) : [];
    if (!needed.has(stage.index)) {
      const why = `stage ${stageLabel(stage)} is not needed for the target${options.target ? ` \`${options.target}\`` : ''}: BuildKit does not build it`;
      steps.forEach((instruction, i) =>
        out.push({
          instruction,
          stage: stage.index,
          position: i + 1,
          stageSteps: steps.length,
          forecast: 'cached',
          certain: true,
          reasons: [why],
          skipped: true,
        }),
      );
      run.results.push({ ran: false, certain: true, lastLine: 0, writes: [] });
      continue;
    }
    const base = stage.baseStage !== undefined ? run.results[stage.baseStage] : undefined;
    // A stage built FROM another goes on from that stage's last step: if it re-ran, all of this one does.
    let running = base?.ran ?? false;
    let certain = base?.certain ?? true;
    let lastRan = base?.lastLine ?? 0;
    const written: Write[] = base?.ran ? [...base.writes] : [];

    steps.forEach((instruction, i) => {
      const parts = keyParts(model, instruction, run.buildArgs);
      const copy = instruction.copy;
      const destination = copy?.destination
        ? joinPath(parts.get('WORKDIR') ?? '/', unquote(expandWord(model, instruction, copy.destination.value, run.buildArgs)))
        : undefined;
      const keyed = keyChanges(run, stage, instruction, parts, previousSteps[i], previousStage);
      const fromContext = contextChanges(run, instruction, destination);
      const fromStages = stageInputChanges(run, stage, instruction);
      const own = [...keyed, ...fromContext.reasons, ...fromStages.reasons];
      // Uncertain only when the one thing that changed is bytes a re-run RUN may reproduce.
      const ownCertain = keyed.length > 0 || fromContext.reasons.length > 0 || fromStages.certain;
      if (running && own.length === 0 && copy?.link && run.options.imageStore === 'containerd') {
        out.push({
          instruction,
          stage: stage.index,
          position: i + 1,
          stageSteps: steps.length,
          forecast: 'cached',
          certain: true,
          reasons: [linkedCopyReused(lastRan)],
          skipped: false,
        });
        return;
      }
      const runs = running || own.length > 0;
      const reasons = running ? [...own, `the step at line ${lastRan} re-ran`] : own;
      if (running && own.length === 0 && copy?.link) reasons.push(linkedCopyOnStore(run.options.imageStore));
      if (runs) {
        const stepCertain = own.length > 0 ? ownCertain : certain;
        const line = lineOf(instruction);
        // A step that re-runs only because an earlier one did has the same inputs and writes the
        // same bytes, except a RUN, whose output no one can know before it runs.
        if (instruction.keyword === 'RUN') written.push({ path: '*', certain: false, line });
        else if (own.length > 0 && instruction.keyword === 'FROM') written.push({ path: '*', certain: stepCertain, line });
        else if (own.length > 0 && instruction.keyword === 'WORKDIR')
          written.push({ path: parts.get('WORKDIR') ?? '/', certain: stepCertain, line });
        else if (destination && (keyed.length > 0 || fromStages.reasons.length > 0))
          written.push({ path: destination, certain: stepCertain, line });
        else written.push(...fromContext.landed.map((path) => ({ path, certain: stepCertain, line })));
        if (!running) certain = stepCertain;
        else if (own.length > 0 && ownCertain) certain = true;
        running = true;
        lastRan = line;
      }
      out.push({
        instruction,
        stage: stage.index,
        position: i + 1,
        stageSteps: steps.length,
        forecast: runs ? 'runs' : 'cached',
        certain: runs ? certain : true,
        reasons,
        skipped: false,
      });
    });
    run.results.push({ ran: running, certain, lastLine: lastRan, writes: written });
  }
  return options.freshRunner && options.freshRunnerCache !== 'max' ? onFreshRunner(model, out, finalChain) : out;
}

/**
 * A new builder that imports only the inline cache of the last final image. That cache holds the
 * final image's layers with their keys, so the final stage is matched as on the old builder, and
 * a stage it copies from is never run when the copy is matched by its definition. But a stage
 * that has to run finds nothing cached for any of its steps, not even those before the change,
 * and neither do the stages it needs.
 */
function onFreshRunner(model: DockerfileModel, steps: StepForecast[], finalChain: Set<number>): StepForecast[] {
  const mustRun = new Set<number>();
  for (const step of steps) if (!step.skipped && step.forecast === 'runs' && !finalChain.has(step.stage)) mustRun.add(step.stage);
  for (let s = model.stages.length - 1; s >= 0; s--) {
    if (!mustRun.has(s)) continue;
    for (const dependency of dependenciesOf(model, s)) {
      if (dependency.target !== undefined && !finalChain.has(dependency.target)) mustRun.add(dependency.target);
    }
  }
  return steps.map((step) => {
    if (step.skipped || finalChain.has(step.stage)) return step;
    const label = stageLabelAt(model, step.stage);
    return mustRun.has(step.stage)
      ? {
          ...step,
          forecast: 'runs',
          certain: true,
          reasons: [
            `stage ${label} has to run, and the inline cache holds only the final image's layers: none of its steps is cached on a fresh runner`,
          ],
        }
      : {
          ...step,
          forecast: 'cached',
          certain: true,
          reasons: [`the final image's inline cache matches what the final stage takes from stage ${label}, so BuildKit does not run it`],
        };
  });
}

/**
 * A `COPY --link` is keyed without the layers below it. The containerd image store reuses the
 * copy and merges it onto the re-run layers (plain progress prints only that merge); the classic
 * store cannot merge layers, so there it copies again like a plain `COPY`. Tried on BuildKit v0.25.
 */
function linkedCopyReused(lastRan: number): string {
  return `\`--link\`: the copy does not depend on the step at line ${lastRan}, which re-ran, so BuildKit reuses it and only merges it onto the new layers below (containerd image store; plain progress prints the step as a \`merging\` DONE, never CACHED)`;
}

function linkedCopyOnStore(store: ImageStore | undefined): string {
  return store === 'classic'
    ? '`--link` does not help on the classic image store: it copies again (the containerd image store would reuse the copy and only merge it)'
    : 'depends on the image store: the classic store copies again, the containerd store reuses the copy and only merges it onto the new layers (the daemon did not say which it uses)';
}

/** `busybox`, `busybox:latest` and `docker.io/library/busybox:latest` name the same image. */
function sameImage(a: string, b: string): boolean {
  const normal = (name: string) => {
    let n = name.replace(/^docker\.io\//, '').replace(/^library\//, '');
    if (!/[:@][^/]*$/.test(n)) n += ':latest';
    return n;
  };
  return normal(a) === normal(b);
}
