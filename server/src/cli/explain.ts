import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import {
  explainStep,
  findDockerignore,
  forecastBuild,
  gitChanges,
  parseDockerfile,
  parseDockerignore,
  hideSecretShapes,
  renderExplanation,
  secretRedactor,
  targetStage,
} from '../engine';
import type { DockerfileModel, GitRunner, StepForecast } from '../engine';
import type { CliIO } from './io';
import { ConfigFinder, pathInFolder } from '../../../common/projectConfig';
import { contextFolderProblem, readTextIfAny } from './files';
import { parseBuildArgs } from './io';
import { imageStoreFromDriverStatus } from '../../../common/imageStore';
import type { ImageStore } from '../../../common/imageStore';

/** One step of the JSON forecast; its shape is documented in the README and kept stable. */
export interface JsonStep {
  line: number;
  stage: string | number;
  position: string;
  instruction: string;
  forecast: 'cached' | 'runs';
  certain: boolean;
  reasons: string[];
  skipped?: true;
}

const oneLine = (text: string) =>
  hideSecretShapes(text)
    .replace(/\\\r?\n/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

function toJsonStep(model: DockerfileModel, step: StepForecast): JsonStep {
  const stage = model.stages[step.stage];
  return {
    line: step.instruction.range.start.line + 1,
    stage: stage.name ?? stage.index,
    position: `${step.position}/${step.stageSteps}`,
    instruction: oneLine(step.instruction.text),
    forecast: step.forecast,
    certain: step.certain,
    reasons: step.reasons,
    ...(step.skipped ? { skipped: true as const } : {}),
  };
}

function textForecast(model: DockerfileModel, steps: StepForecast[], cards: boolean, imageStore: ImageStore | undefined): string {
  const lines: string[] = [];
  let stage = -1;
  for (const step of steps) {
    if (step.stage !== stage) {
      stage = step.stage;
      const s = model.stages[stage];
      lines.push(`${lines.length ? '\n' : ''}stage ${s.name ?? s.index}${step.skipped ? ' (not needed for this target)' : ''}`);
    }
    if (step.skipped) continue;
    const verdict = step.forecast === 'cached' ? 'cached' : step.certain ? 'runs' : 'runs?';
    const text = oneLine(step.instruction.text);
    lines.push(
      `  ${String(step.instruction.range.start.line + 1).padStart(4)}  ${verdict.padEnd(6)}  ${text.length > 70 ? `${text.slice(0, 69)}…` : text}`,
    );
    for (const reason of step.reasons) lines.push(`                ${reason}`);
    const explanation = cards ? explainStep(model, step.instruction, {}, imageStore) : undefined;
    if (explanation)
      lines.push(
        renderExplanation(model, explanation, 'plaintext', { imageStore })
          .split('\n')
          .map((l) => (l ? `                ${l}` : l))
          .join('\n'),
      );
  }
  const counted = steps.filter((s) => !s.skipped);
  const runs = counted.filter((s) => s.forecast === 'runs').length;
  lines.push(
    '',
    `${runs} of ${counted.length} steps re-run, ${counted.length - runs} cached${steps.length > counted.length ? `, ${steps.length - counted.length} skipped` : ''}`,
  );
  return lines.join('\n');
}

// The editor's forecast runs git the same way (lsp/forecast.ts); each side does its own IO.
const runGit: GitRunner = (cwd, args) =>
  execFileSync('git', args, { cwd, encoding: 'utf8', timeout: 5000, stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 * 1024 * 1024 });

/**
 * The local daemon's image store, asked only when a `COPY --link` makes the forecast depend on it;
 * no daemon, or one too slow to answer, leaves it unknown and the forecast says what each store does.
 */
function askImageStore(): ImageStore | undefined {
  try {
    return imageStoreFromDriverStatus(
      execFileSync('docker', ['info', '--format', '{{json .DriverStatus}}'], {
        encoding: 'utf8',
        timeout: 5000,
        stdio: ['ignore', 'pipe', 'ignore'],
      }),
    );
  } catch {
    return undefined;
  }
}

export function explain(argv: string[], io: CliIO): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: 'string', default: 'text' },
      explain: { type: 'boolean', default: false },
      changed: { type: 'string', multiple: true, default: [] },
      'changed-arg': { type: 'string', multiple: true, default: [] },
      'changed-image': { type: 'string', multiple: true, default: [] },
      previous: { type: 'string' },
      target: { type: 'string' },
      'previous-target': { type: 'string' },
      context: { type: 'string' },
      'build-arg': { type: 'string', multiple: true, default: [] },
      'fresh-runner': { type: 'boolean', default: false },
      'image-store': { type: 'string' },
      'fresh-runner-cache': { type: 'string', default: 'inline' },
    },
  });
  if (values.format !== 'text' && values.format !== 'json') {
    io.stderr(`layerlens: --format must be text or json, not "${values.format}"`);
    return 2;
  }
  const storeFlag = values['image-store'];
  if (storeFlag !== undefined && storeFlag !== 'classic' && storeFlag !== 'containerd') {
    io.stderr(`layerlens: --image-store must be classic or containerd, not "${storeFlag}"`);
    return 2;
  }
  const runnerCache = values['fresh-runner-cache'];
  if (runnerCache !== 'inline' && runnerCache !== 'max') {
    io.stderr(`layerlens: --fresh-runner-cache must be inline or max, not "${runnerCache}"`);
    return 2;
  }
  if (positionals.length > 1) {
    io.stderr('layerlens: explain takes one Dockerfile');
    return 2;
  }
  const file = positionals[0] ?? 'Dockerfile';
  const cliArgs = parseBuildArgs(values['build-arg'], io);
  if (!cliArgs) return 2;
  let text: string;
  let previousText: string | undefined;
  try {
    text = fs.readFileSync(file, 'utf8');
    if (values.previous !== undefined) previousText = fs.readFileSync(values.previous, 'utf8');
  } catch (error) {
    io.stderr(
      `layerlens: cannot read ${(error as NodeJS.ErrnoException).path ?? file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
    return 2;
  }
  const model = parseDockerfile(text);
  for (const target of [values.target, values['previous-target']]) {
    if (target !== undefined && targetStage(model, target) === undefined) {
      io.stderr(`layerlens: there is no stage "${target}" in ${file}`);
      return 2;
    }
  }
  const configs = new ConfigFinder(readTextIfAny);
  const context = path.resolve(values.context ?? configs.contextFor(file) ?? path.dirname(file));
  const contextProblem = contextFolderProblem(context);
  if (contextProblem) {
    io.stderr(`layerlens: the build context ${context} ${contextProblem}`);
    return 2;
  }
  const dockerignore = findDockerignore(file, context, readTextIfAny);
  const config = configs.forFile(file);
  const dockerfilePath = pathInFolder(context, file);
  // Without any change named on the command line, the working tree is compared with git's HEAD, as
  // the editor's forecast does when no Layerlens build is on record.
  const named = values.changed.length + values['changed-arg'].length + values['changed-image'].length > 0 || values.previous !== undefined;
  const git = named || !dockerfilePath ? undefined : gitChanges(runGit, context, dockerfilePath);
  const basis = named
    ? 'the changes given on the command line'
    : git
      ? `a build of the last commit (${git.commit}): the working tree's changes against git's HEAD`
      : 'nothing changed: no change was given, and the build context is not in a git repository';
  const imageStore = storeFlag ?? (model.instructions.some((i) => i.copy?.link) ? askImageStore() : undefined);
  const steps = forecastBuild(model, {
    changedFiles: git
      ? git.changed.filter((f) => f !== dockerfilePath)
      : values.changed.map((p) => p.replace(/\\/g, '/').replace(/^\.\//, '')),
    changedArgs: values['changed-arg'],
    changedImages: values['changed-image'],
    // A Dockerfile that was never committed was never built from that commit: every step is new.
    previous: git ? parseDockerfile(git.previousDockerfile ?? '') : previousText !== undefined ? parseDockerfile(previousText) : undefined,
    target: values.target,
    previousTarget: values['previous-target'],
    buildArgs: { ...config?.build.args, ...cliArgs },
    dockerignore: dockerignore === undefined ? null : parseDockerignore(dockerignore),
    dockerfilePath,
    freshRunner: values['fresh-runner'],
    freshRunnerCache: runnerCache,
    imageStore,
  });
  // The forecast quotes the file's instructions and the values they expand to: never a secret.
  const redact = secretRedactor(model, { ...config?.build.args, ...cliArgs });
  io.stdout(
    redact(
      values.format === 'json'
        ? JSON.stringify(
            {
              path: file,
              target: values.target ?? null,
              comparedWith: basis,
              imageStore: imageStore ?? null,
              steps: steps.map((s) => toJsonStep(model, s)),
            },
            null,
            2,
          )
        : `Compared with ${basis}${imageStore ? `\nImage store: ${imageStore}${storeFlag ? '' : ' (docker info)'}` : ''}\n\n${textForecast(model, steps, values.explain, imageStore)}`,
    ),
  );
  return 0;
}
