import type { ImageStore } from '../../../../common/imageStore';
import { baseOf, dependentsOf, expand, findStage, isPredefinedProxyArg, lastInstruction, lookupAt, variablesAt } from '../model';
import type { BuildArgs, DockerfileModel, Instruction, Mount, Stage } from '../model';
import { HIDDEN_SECRET, hideSecretShapes, looksLikeSecretName } from '../secrets';
import { isCacheStep } from './steps';

/**
 * What a build step's cache key is made of, what is deliberately left out of it, and what
 * re-runs when it misses: the facts of ../shared/domain/buildkit-cache.md (sections 1–3)
 * applied to one instruction. Only RUN, COPY and ADD make steps with content of their own;
 * the other instructions change metadata that the next such step reads.
 */
export interface StepExplanation {
  instruction: Instruction;
  kind: 'run' | 'copy-context' | 'copy-stage' | 'add-remote';
  dependsOn: string[];
  notInKey: string[];
  rerunsOnMiss: string[];
}

const MAX_LISTED_STEPS = 6;

const code = (text: string): string => {
  const clean = hideSecretShapes(text).replace(/\s+/g, ' ').trim();
  const short = clean.length > 80 ? clean.slice(0, 77) + '…' : clean;
  const fence = short.includes('`') ? '``' : '`';
  return `${fence}${short}${fence}`;
};

function stageLabel(stage: Stage): string {
  return stage.name
    ? `stage \`${stage.name}\` (line ${stage.from.range.start.line + 1})`
    : `stage ${stage.index} (line ${stage.from.range.start.line + 1})`;
}

/** What the step sits on, and what its change does to the step (`consequence`; by default a step re-runs with it). */
function previousStep(model: DockerfileModel, stage: Stage, instruction: Instruction, consequence?: string): string {
  const last = stage.instructions.filter((i) => i.index < instruction.index && isCacheStep(i)).at(-1);
  if (last)
    return `the previous step, line ${last.range.start.line + 1} (${last.keyword}): ${consequence ?? 'if it re-runs, so does this one'}`;
  const base = baseOf(model, stage);
  const below = base
    ? `the last step of the base stage, ${stageLabel(base)}`
    : `the base image ${code(stage.resolvedBase || stage.base)} (its tag resolved to a digest: a moved tag re-runs everything)`;
  return consequence ? `${below}: ${consequence}` : below;
}

function describeMount(mount: Mount): string {
  switch (mount.type) {
    case 'cache':
      return `cache mount at ${code(mount.target ?? '?')}`;
    case 'secret':
      return `secret \`${mount.id ?? '?'}\``;
    case 'bind':
      return `bind mount of ${code(mount.source ?? '.')} from ${mount.from ? code(mount.from) : 'the build context'}`;
    case 'ssh':
      return `SSH agent socket \`${mount.id}\``;
    case 'tmpfs':
      return `tmpfs at ${code(mount.target ?? '?')}`;
    default:
      return `mount of unknown type \`${mount.declaredType}\``;
  }
}

function runParts(model: DockerfileModel, stage: Stage, instruction: Instruction, buildArgs: BuildArgs, out: StepExplanation): void {
  const run = instruction.run;
  if (!run) return;
  // Shown, not keyed: a variable named like a secret is shown by name, never by value.
  const lookup = lookupAt(model, instruction, buildArgs);
  const expanded = expand(
    run.command,
    (name) => (looksLikeSecretName(name) && lookup(name) ? HIDDEN_SECRET : lookup(name)),
    model.directives.escape.char,
  ).value;
  out.dependsOn.push(
    expanded !== run.command && run.form === 'shell'
      ? `the command text ${code(run.command)}, expanded with the values known here: ${code(expanded)}`
      : `the command text ${code(run.command)}`,
  );
  if (instruction.heredocs.length > 0)
    out.dependsOn.push(`the heredoc bodies (${instruction.heredocs.map((h) => `\`${h.name}\``).join(', ')})`);
  const scope = variablesAt(model, instruction, buildArgs).filter(
    (v) => !(v.kind === 'arg' && isPredefinedProxyArg(v.name) && v.declaredBy === undefined),
  );
  const args = scope.filter((v) => v.kind === 'arg').map((v) => `\`${v.name}\``);
  const envs = scope.filter((v) => v.kind === 'env').map((v) => `\`${v.name}\``);
  if (args.length + envs.length > 0) {
    const parts = [args.length ? `ARG ${args.join(', ')}` : '', envs.length ? `ENV ${envs.join(', ')}` : ''].filter(Boolean);
    out.dependsOn.push(`the values of every variable in scope, used or not: ${parts.join('; ')}`);
  } else {
    out.dependsOn.push('the environment: no ARG or ENV is in scope here');
  }
  const settings = ['WORKDIR', 'USER', 'SHELL']
    .map((k) => lastInstruction(stage, k, instruction))
    .filter((i): i is Instruction => i !== undefined)
    .map((i) => `${i.keyword} ${code(i.args.map((a) => a.value).join(' '))} (line ${i.range.start.line + 1})`);
  if (settings.length > 0) out.dependsOn.push(`the working directory, user and shell in effect: ${settings.join(', ')}`);
  const flags = [
    ...run.mounts.map(describeMount),
    run.network !== undefined ? `--network=${run.network}` : '',
    run.security !== undefined ? `--security=${run.security}` : '',
  ].filter(Boolean);
  if (flags.length > 0) out.dependsOn.push(`its flags: ${flags.join(', ')}`);
  for (const mount of run.mounts) {
    if (mount.type === 'bind') out.dependsOn.push(`the content under the ${describeMount(mount)}`);
  }
  out.notInKey.push(
    'whatever the command fetches from the network: a cached result (say, of `apt-get update`) is reused until something above changes',
  );
  for (const mount of run.mounts) {
    if (mount.type === 'secret')
      out.notInKey.push(`the contents of ${describeMount(mount)}: rotating it does not re-run this step, and it is written to no layer`);
    if (mount.type === 'cache')
      out.notInKey.push(
        `the contents of the ${describeMount(mount)}: kept between builds on this builder only (not exported by --cache-from, inline or registry cache), and files left there are not in the layer`,
      );
  }
  out.notInKey.push('build args the Dockerfile does not declare, and the predefined proxy args (`HTTP_PROXY` …) unless declared');
}

function copyParts(model: DockerfileModel, stage: Stage, instruction: Instruction, buildArgs: BuildArgs, out: StepExplanation): void {
  const copy = instruction.copy;
  if (!copy) return;
  const sources = copy.sources.map((s) => s.value);
  const destination = copy.destination ? code(copy.destination.value) : 'the destination';
  const flags = [
    copy.chown !== undefined ? `--chown=${copy.chown}` : '',
    copy.chmod !== undefined ? `--chmod=${copy.chmod}` : '',
    copy.link ? '--link' : '',
    ...copy.exclude.map((e) => `--exclude=${e}`),
    copy.parents ? '--parents' : '',
  ].filter(Boolean);
  if (copy.from !== undefined) {
    const reference = expand(copy.from, lookupAt(model, instruction, buildArgs), model.directives.escape.char).value;
    const sourceIndex = findStage(model.stages, reference, true, stage.index);
    const source = sourceIndex === undefined ? undefined : model.stages[sourceIndex];
    const where = source ? stageLabel(source) : `image ${code(reference)}`;
    out.kind = 'copy-stage';
    out.dependsOn.push(`the content and mode of ${sources.map(code).join(', ')} as they are in ${where}, not how they were produced`);
    out.notInKey.push(
      source
        ? `the history of ${where}: if it re-runs and produces identical bytes at these paths, this step stays cached`
        : 'how the image was built: only the copied bytes count',
    );
  } else if (instruction.keyword === 'ADD' && sources.some((s) => /^(https?:\/\/|git@|[\w.-]+\.git(#|$))/.test(s))) {
    out.kind = 'add-remote';
    out.dependsOn.push(
      copy.checksum !== undefined
        ? `the declared --checksum=${copy.checksum}`
        : `the fetched content of ${sources.map(code).join(', ')}: BuildKit downloads it on every build to find out`,
    );
  } else {
    out.dependsOn.push(
      `the content and mode of ${sources.length ? sources.map(code).join(', ') : 'the sources'} in the build context, as selected after \`.dockerignore\``,
    );
    out.notInKey.push('file modification times: touching a file without changing it keeps this step cached');
    out.notInKey.push('files excluded by `.dockerignore`: changing them never re-runs this step');
  }
  out.dependsOn.push(`the destination ${destination}${flags.length ? ` and the flags ${flags.map(code).join(', ')}` : ''}`);
}

function reruns(model: DockerfileModel, stage: Stage, instruction: Instruction, out: StepExplanation): void {
  const after = stage.instructions.filter((i) => i.index > instruction.index && isCacheStep(i));
  if (after.length > 0) {
    const lines = after.slice(0, MAX_LISTED_STEPS).map((i) => `${i.range.start.line + 1}`);
    const more = after.length > MAX_LISTED_STEPS ? ` and ${after.length - MAX_LISTED_STEPS} more` : '';
    out.rerunsOnMiss.push(`every later step of this stage: line${after.length > 1 ? 's' : ''} ${lines.join(', ')}${more}`);
  } else {
    out.rerunsOnMiss.push('no later step of this stage (this is its last step)');
  }
  for (const dependent of dependentsOf(model, stage.index)) {
    const dependentStage = model.stages[dependent.stage];
    if (!dependentStage) continue;
    const label = stageLabel(dependentStage);
    if (dependent.kind === 'from') out.rerunsOnMiss.push(`${label}, which is built FROM this stage: all of it`);
    else if (dependent.kind === 'copy')
      out.rerunsOnMiss.push(
        `the COPY --from at line ${dependent.instruction.range.start.line + 1} in ${label}, only if the bytes it copies change`,
      );
    else out.rerunsOnMiss.push(`the RUN at line ${dependent.instruction.range.start.line + 1} in ${label}, which mounts this stage`);
  }
}

/**
 * What a change below a `COPY --link` does to it: the copy is keyed without the layers below, so
 * the containerd image store reuses it and merges it onto them, while the classic store, which
 * cannot merge layers, copies again (tried on BuildKit v0.25).
 */
function linkedCopyConsequence(store: ImageStore | undefined): string {
  if (store === 'containerd')
    return 'when it changes, this copy is reused (`--link`) and only merged onto the new layers, though every later step re-runs';
  if (store === 'classic')
    return 'when it changes, this copy runs again; `--link` lets only the containerd image store reuse the copy, and this engine uses the classic store';
  return 'when it changes, what happens to this copy depends on the image store: the containerd store reuses it (`--link`) and only merges it onto the new layers, the classic store copies again';
}

export function explainStep(
  model: DockerfileModel,
  instruction: Instruction,
  buildArgs: BuildArgs = {},
  imageStore?: ImageStore,
): StepExplanation | undefined {
  const stage = model.stages[instruction.stage];
  if (!stage || !isCacheStep(instruction)) return undefined;
  const out: StepExplanation = {
    instruction,
    kind: instruction.keyword === 'RUN' ? 'run' : 'copy-context',
    dependsOn: [],
    notInKey: [],
    rerunsOnMiss: [],
  };
  if (instruction.keyword === 'RUN') runParts(model, stage, instruction, buildArgs, out);
  else copyParts(model, stage, instruction, buildArgs, out);
  out.dependsOn.push(previousStep(model, stage, instruction, instruction.copy?.link ? linkedCopyConsequence(imageStore) : undefined));
  reruns(model, stage, instruction, out);
  return out;
}
