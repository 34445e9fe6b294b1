import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { BuildProgress, describeSummary, summarize } from '../../../common/buildProgress';
import { looksLikeSecretName } from '../../../common/secretNames';
import {
  assumedEngine,
  buildScript,
  BuildPlanError,
  builtImage,
  chooseEngine,
  commandLine,
  defaultImageName,
  planBuild,
  probeDocker,
  resolveSecretFiles,
} from '../../../common/buildPlan';
import { imageHistoryArgs, readImageHistory } from '../../../common/imageHistory';
import type { ImageStore } from '../../../common/imageStore';
import type { BuildEngine, CacheMode, PlannedCommand, ProgramRun, SecretSource } from '../../../common/buildPlan';
import { buildInputs, formatBytes, layerSizes, parseDockerfile } from '../engine';
import type { DockerfileModel } from '../engine';
import { ConfigFinder } from '../../../common/projectConfig';
import { contextFolderProblem, readTextIfAny } from './files';
import { parseBuildArgs } from './io';
import type { CliIO } from './io';

/** `id=ID,src=PATH` or `id=ID,env=VAR`, as docker's --secret takes them; the path may hold commas. */
function parseSecret(flag: string): [string, SecretSource] | undefined {
  const match = /^id=([^,]+),(src|source|env)=(.+)$/.exec(flag);
  if (!match) return undefined;
  return [match[1], match[2] === 'env' ? { env: match[3] } : { src: match[3] }];
}

/** The docker client run with an argv, synchronously: the probe is three short calls. */
function syncRunner(docker: string): (args: string[]) => Promise<ProgramRun> {
  return async (args) => {
    const result = spawnSync(docker, args, { encoding: 'utf8', timeout: 15_000 });
    const error: NodeJS.ErrnoException | undefined = result.error;
    const code = error?.code;
    const notStarted = code ? (code === 'ENOENT' ? 'not found' : String(result.error?.message)) : undefined;
    return { code: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '', notStarted };
  };
}

/** Runs one planned command with its output streamed through, and reads BuildKit's progress from it. */
function runCommand(
  command: PlannedCommand,
  cwd: string,
  io: CliIO,
): Promise<{ exitCode: number; steps: BuildProgress['steps']; seconds: number }> {
  const progress = new BuildProgress();
  const started = Date.now();
  const write = io.stream ?? ((chunk: string) => process.stderr.write(chunk));
  return new Promise((resolve) => {
    const [program, ...args] = command.argv;
    const child = spawn(program, args, {
      cwd,
      env: { ...process.env, ...command.env, ...command.hiddenEnv },
      stdio: ['inherit', 'pipe', 'pipe'],
    });
    let finished = false;
    const finish = (exitCode: number) => {
      if (finished) return;
      finished = true;
      progress.end();
      resolve({ exitCode, steps: progress.steps, seconds: (Date.now() - started) / 1000 });
    };
    const read = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      write(text);
      progress.push(text);
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('error', (error) => {
      io.stderr(`layerlens: ${program}: ${error.message}`);
      finish(127);
    });
    child.on('close', (code, signal) => finish(code ?? (signal ? 130 : 1)));
  });
}

/**
 * `layerlens build`: the same plan the editor's build commands run, for CI. It prints the commands
 * (`--print`), writes them as a POSIX script (`--script`), or runs them in order, stopping at the
 * first failure with its exit code, and ends with what each command re-ran and how long it took.
 */
export async function build(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      context: { type: 'string' },
      tag: { type: 'string' },
      target: { type: 'string' },
      'registry-cache': { type: 'boolean', default: false },
      push: { type: 'boolean', default: false },
      secret: { type: 'string', multiple: true, default: [] },
      'build-arg': { type: 'string', multiple: true, default: [] },
      platform: { type: 'string' },
      engine: { type: 'string' },
      docker: { type: 'string', default: 'docker' },
      builder: { type: 'string' },
      print: { type: 'boolean', default: false },
      script: { type: 'boolean', default: false },
    },
  });
  if (positionals.length > 1) {
    io.stderr('layerlens: build takes one Dockerfile');
    return 2;
  }
  if (values.print && values.script) {
    io.stderr('layerlens: choose one of --print and --script');
    return 2;
  }
  const engineSetting = values.engine ?? 'auto';
  if (engineSetting !== 'auto' && engineSetting !== 'buildx' && engineSetting !== 'docker') {
    io.stderr(`layerlens: --engine must be auto, buildx or docker, not "${engineSetting}"`);
    return 2;
  }
  const dockerfile = path.resolve(positionals[0] ?? 'Dockerfile');
  let text: string;
  try {
    text = fs.readFileSync(dockerfile, 'utf8');
  } catch (error) {
    io.stderr(`layerlens: cannot read ${dockerfile}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    return 2;
  }
  const configs = new ConfigFinder(readTextIfAny);
  const settings = configs.forFile(dockerfile);
  const config = configs.buildFor(dockerfile);
  const buildArgs = parseBuildArgs(values['build-arg'] ?? [], io);
  if (!buildArgs) return 2;
  const folder = path.dirname(dockerfile);
  const context = path.resolve(values.context ?? configs.contextFor(dockerfile) ?? folder);
  const contextProblem = contextFolderProblem(context);
  if (contextProblem) {
    io.stderr(`layerlens: the build context ${context} ${contextProblem}`);
    return 2;
  }
  const secrets: Record<string, SecretSource> = { ...config?.secrets };
  for (const flag of values.secret ?? []) {
    const parsed = parseSecret(flag);
    if (!parsed) {
      io.stderr(`layerlens: --secret takes id=ID,src=PATH or id=ID,env=VAR (never a value), not "${flag}"`);
      return 2;
    }
    secrets[parsed[0]] = parsed[1];
  }

  const docker = values.docker ?? 'docker';
  const builder = values.builder ?? config?.builder ?? '';
  const probe = await probeDocker(syncRunner(docker), builder);
  const choice = chooseEngine(probe, engineSetting, docker);
  let engine: BuildEngine;
  let driver: string | undefined;
  let imageStore: ImageStore | undefined;
  if ('problem' in choice) {
    if (!values.print && !values.script) {
      io.stderr(`layerlens: ${choice.problem}`);
      return 2;
    }
    // Printing for another machine (CI) needs no docker here.
    engine = assumedEngine(engineSetting);
    io.stderr(
      `layerlens: docker is not usable here (${choice.problem}); printing the ${engine === 'buildx' ? 'buildx' : 'DOCKER_BUILDKIT=1 docker build'} commands, assumed`,
    );
  } else {
    engine = choice.engine;
    driver = choice.driver;
    imageStore = choice.imageStore;
  }
  const cache: CacheMode = values['registry-cache'] ? (config?.cache ?? 'auto') : 'none';
  let commands: PlannedCommand[];
  const model = parseDockerfile(text);
  try {
    commands = planBuild(buildInputs(model), {
      docker,
      engine,
      driver,
      imageStore,
      builder: builder || undefined,
      dockerfile,
      context,
      image: values.tag ?? defaultImageName(path.basename(folder)),
      target: values.target,
      buildArgs: { ...settings?.build.args, ...buildArgs },
      platform: values.platform ?? (config?.platform || undefined),
      // Relative secret files are the Dockerfile's neighbours, as in the editor's settings.
      secrets: resolveSecretFiles(secrets, folder),
      cache,
      push: values.push || (values['registry-cache'] && config?.push === true),
      progress: 'plain',
    });
  } catch (error) {
    if (!(error instanceof BuildPlanError)) throw error;
    io.stderr(`layerlens: ${error.message}`);
    return 2;
  }
  if (values.print) {
    io.stdout(commands.map((c) => commandLine(c)).join('\n'));
    return 0;
  }
  if (values.script) {
    // The command that wrote it, without the values of build arguments named like secrets.
    const shown = argv.map((arg, i) => {
      const name = arg.split('=')[0];
      return argv[i - 1] === '--build-arg' && looksLikeSecretName(name) ? name : arg;
    });
    io.stdout(buildScript(commands, `Written by: layerlens build ${shown.join(' ')}`).trimEnd());
    return 0;
  }

  const lines: string[] = [];
  for (const command of commands) {
    io.stderr(`layerlens: ▶ ${command.title}`);
    const outcome = await runCommand(command, folder, io);
    lines.push(
      `  ${command.title}: ${outcome.exitCode === 0 ? 'done' : `failed (exit code ${outcome.exitCode})`}, ${describeSummary(summarize(outcome.steps), outcome.seconds)}`,
    );
    // Which steps re-ran is what a reader of a CI log wants to know: it says whether the cache worked.
    const reran = outcome.steps.filter((s) => s.status === 'ran' && s.index > 1);
    if (reran.length > 0)
      lines.push(
        ...reran.map(
          (s) => `    re-ran ${s.stage ? `[${s.stage}] ` : ''}${s.title}${s.seconds !== undefined ? ` (${s.seconds.toFixed(1)} s)` : ''}`,
        ),
      );
    if (outcome.exitCode !== 0) {
      io.stderr(
        `layerlens: build summary\n${lines.join('\n')}\nlayerlens: stopped at the first failure${commands.length > lines.length ? `; ${commands.length - lines.length} command(s) not run` : ''}`,
      );
      return outcome.exitCode;
    }
  }
  const image = builtImage(commands);
  if (image) lines.push(...(await imageLines(model, image, values.target, syncRunner(docker))));
  io.stderr(`layerlens: build summary\n${lines.join('\n')}`);
  return 0;
}

/** How many of the largest layers the summary names: enough to say where the size is. */
const LARGEST_SHOWN = 3;

/**
 * The built image's size and where it comes from, from the engine's history mapped to lines: the
 * largest layers, and any step that deletes files without shrinking the image. An image the build
 * did not leave in the local store (pushed only) has no history, and the summary says so.
 */
async function imageLines(
  model: DockerfileModel,
  image: string,
  target: string | undefined,
  run: (args: string[]) => Promise<ProgramRun>,
): Promise<string[]> {
  const history = await run(imageHistoryArgs(image));
  const rows = history.code === 0 ? readImageHistory(history.stdout) : [];
  if (rows.length === 0)
    return [`  image ${image}: no local history to measure (${history.notStarted ?? (history.stderr.trim() || 'docker listed none')})`];
  const measured = layerSizes(model, rows, target);
  const largest = [...measured.layers]
    .filter((l) => l.bytes > 0)
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, LARGEST_SHOWN);
  const parts = [
    ...(measured.base ? [`base image ${formatBytes(measured.base.bytes)}`] : []),
    ...(largest.length > 0 ? [`largest layers: ${largest.map((l) => `line ${l.line + 1} +${formatBytes(l.bytes)}`).join(', ')}`] : []),
  ];
  return [
    `  image ${image}: ${formatBytes(measured.totalBytes)}${parts.length > 0 ? ` (${parts.join('; ')})` : ''}`,
    ...measured.layers
      .filter((l) => l.deletesOnly)
      .map((l) => `    line ${l.line + 1} deletes files and adds nothing: they stay in the layer that added them`),
  ];
}
