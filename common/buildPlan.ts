/**
 * The docker command lines Layerlens runs, composed in one pure place: the extension's build
 * commands, `layerlens build` in CI and the tests against a real BuildKit all run what this
 * module plans, so that an editor and a pipeline never drift apart. A plan is argv arrays and
 * environment variables, never a shell string; quoting happens only when a plan is shown or
 * written as a script, for the shell that will read it.
 */
import * as path from 'path';
import { looksLikeSecretName } from './secretNames';
import { imageStoreFromDriverStatus } from './imageStore';
import { splitImageReference } from './imageReference';
import type { ImageStore } from './imageStore';
import { quoteCommand, quoteWord, unsafeForCmd } from './shellQuote';
import type { ShellKind } from './shellQuote';

/** A secret's source: a file or an environment variable of the machine that runs the build, never a value. */
export type SecretSource = { src: string } | { env: string };
export type BuildEngine = 'buildx' | 'docker';
/**
 * `inline`: BUILDKIT_INLINE_CACHE in each pushed image; `registry`: buildx's registry cache exporter
 * (`mode=max`); `auto`: the exporter when the builder can export a cache, else the inline procedure.
 */
export type CacheMode = 'none' | 'auto' | 'inline' | 'registry';

/** What a build needs to know of the Dockerfile, read from the engine's analysis. */
export interface BuildInputs {
  stages: { index: number; name?: string; line: number }[];
  /** The named stages the final stage needs (through FROM, COPY --from, RUN --mount=from), in file order. */
  cacheStages: string[];
  /** The secret ids the file mounts, with the line of their first mount. */
  secrets: { id: string; required: boolean; line: number }[];
}

export interface BuildOptions {
  /** The docker executable: `docker`, or a path such as `/usr/bin/docker`. */
  docker: string;
  engine: BuildEngine;
  /** buildx's builder, when not the current one (a remote or Kubernetes BuildKit). */
  builder?: string;
  /** buildx's driver; any but `docker` keeps results in the builder unless `--load` brings them back. */
  driver?: string;
  /** The daemon's image store, from `docker info`: the `docker` driver exports a cache only on containerd's. */
  imageStore?: ImageStore;
  dockerfile: string;
  context: string;
  /** `NAME[:TAG]`; the tag defaults to `latest`. */
  image: string;
  target?: string;
  buildArgs?: Readonly<Record<string, string>>;
  platform?: string;
  secrets?: Readonly<Record<string, SecretSource>>;
  cache?: CacheMode;
  push?: boolean;
  /** `plain` lets Layerlens read each step's result from the output. */
  progress?: 'plain';
  /** Further `--cache-from` sources and a `--cache-to` export, as written in a task definition. */
  cacheFrom?: readonly string[];
  cacheTo?: string;
}

export interface PlannedCommand {
  /** What the command does, for progress and summaries. */
  title: string;
  argv: string[];
  /** Environment variables the command needs on top of the caller's. */
  env: Record<string, string>;
  /**
   * Values of build arguments named like secrets: the argv names them (`--build-arg API_KEY`) and
   * docker reads them from this environment. Runners pass them; printed commands and scripts never
   * show them, and expect them in the environment of whoever runs them.
   */
  hiddenEnv?: Record<string, string>;
}

export class BuildPlanError extends Error {}

const REPOSITORY = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?::[0-9]+)?(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;

/** Splits `registry:5000/team/app:1.2` into its repository and tag, rejecting what docker would read otherwise. */
export function splitImage(image: string): { repository: string; tag: string } {
  const { name: repository, tag = 'latest', digest } = splitImageReference(image);
  if (digest !== undefined || !REPOSITORY.test(repository) || !TAG.test(tag)) {
    throw new BuildPlanError(
      `"${image}" is not an image name docker accepts: use lower-case letters, digits, ".", "_", "-" and "/", then an optional ":tag"`,
    );
  }
  return { repository, tag };
}

/**
 * One field of a comma-separated option (`--secret`, `--cache-to`): docker reads them as CSV,
 * so a path with a comma or a quote is quoted the CSV way rather than split apart.
 */
function csvField(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

/** Secret files named relative to `base` (the Dockerfile's folder, a task's workspace folder) made absolute. */
export function resolveSecretFiles(secrets: Readonly<Record<string, SecretSource>>, base: string): Record<string, SecretSource> {
  return Object.fromEntries(
    Object.entries(secrets).map(([id, source]) => [id, 'src' in source ? { src: path.resolve(base, source.src) } : source]),
  );
}

function secretFlag(id: string, source: SecretSource): string {
  if (!/^[\w.-]+$/.test(id))
    throw new BuildPlanError(`the secret id "${id}" is not one BuildKit accepts: use letters, digits, ".", "_" and "-"`);
  return [`id=${id}`, 'src' in source ? `src=${source.src}` : `env=${source.env}`].map(csvField).join(',');
}

/**
 * Whether this builder can export a cache, and why: buildx with a driver that runs its own BuildKit
 * (docker-container, kubernetes, remote), or the `docker` driver on the containerd image store. The
 * `docker` driver on the classic store refuses `--cache-to` (tried on Docker 28.5).
 */
export function cacheExport(options: Pick<BuildOptions, 'engine' | 'driver' | 'imageStore'>): { can: boolean; why: string } {
  if (options.engine !== 'buildx') return { can: false, why: 'the classic docker build has no cache exporter' };
  const driver = options.driver ?? 'docker';
  if (driver !== 'docker') return { can: true, why: `the ${driver} driver exports a cache` };
  if (options.imageStore === 'containerd') return { can: true, why: 'the docker driver exports a cache on the containerd image store' };
  if (options.imageStore === 'classic') return { can: false, why: 'the docker driver cannot export a cache on the classic image store' };
  return { can: false, why: "the docker driver exports a cache only on the containerd image store, and the daemon's store is unknown" };
}

/** The command lines of a build, in the order they must run; the caller stops at the first that fails. */
export function planBuild(inputs: BuildInputs, options: BuildOptions): PlannedCommand[] {
  const { repository, tag } = splitImage(options.image);
  const exporter = cacheExport(options);
  const cache = options.cache === 'auto' ? (exporter.can ? 'registry' : 'inline') : (options.cache ?? 'none');
  // Which cache a registry-cache build keeps, and why, is part of each command's title.
  const because = options.cache === 'auto' ? `: ${exporter.why}` : '';
  if (options.target !== undefined && !inputs.stages.some((s) => s.name?.toLowerCase() === options.target?.toLowerCase())) {
    throw new BuildPlanError(`the Dockerfile has no stage named "${options.target}"`);
  }
  if (cache === 'registry' && options.engine !== 'buildx') {
    throw new BuildPlanError("the registry cache exporter needs buildx; choose the inline cache, or install Docker's buildx component");
  }
  if (cache === 'registry' && !exporter.can) {
    throw new BuildPlanError(
      `${exporter.why}: turn on the containerd image store, create a docker-container builder (docker buildx create --use), or choose the inline cache`,
    );
  }
  // A context that starts with "-" would be read as an option.
  const context = options.context.startsWith('-') ? `./${options.context}` : options.context;
  if (options.cacheTo && options.engine !== 'buildx')
    throw new BuildPlanError('--cache-to needs buildx; the classic docker build only writes the inline cache');
  const load = options.engine === 'buildx' && options.driver !== undefined && options.driver !== 'docker';
  const shared: string[] = ['--file', options.dockerfile];
  if (options.progress) shared.push('--progress', options.progress);
  if (options.platform) shared.push('--platform', options.platform);
  const hiddenEnv: Record<string, string> = {};
  for (const [name, value] of Object.entries(options.buildArgs ?? {})) {
    const secret = looksLikeSecretName(name);
    if (secret) hiddenEnv[name] = value;
    shared.push('--build-arg', secret ? name : `${name}=${value}`);
  }
  const hidden = Object.keys(hiddenEnv).length > 0 ? { hiddenEnv } : {};
  for (const [id, source] of Object.entries(options.secrets ?? {})) shared.push('--secret', secretFlag(id, source));
  for (const source of options.cacheFrom ?? []) shared.push('--cache-from', source);
  if (options.cacheTo) shared.push('--cache-to', options.cacheTo);

  const build = (title: string, flags: string[]): PlannedCommand => {
    const head =
      options.engine === 'buildx'
        ? [options.docker, 'buildx', 'build', ...(options.builder ? ['--builder', options.builder] : [])]
        : [options.docker, 'build'];
    // `--push` sends the result straight from a registry-cache build; otherwise a non-docker driver must load it.
    const output = cache === 'registry' && options.push ? ['--push'] : load ? ['--load'] : [];
    return {
      title,
      argv: [...head, ...shared, ...flags, ...output, context],
      env: options.engine === 'docker' ? { DOCKER_BUILDKIT: '1' } : {},
      ...hidden,
    };
  };
  const push = (ref: string): PlannedCommand => ({ title: `push ${ref}`, argv: [options.docker, 'push', ref], env: {} });
  const image = `${repository}:${tag}`;
  const targetFlag = options.target ? ['--target', options.target] : [];

  if (cache === 'registry') {
    const ref = `${repository}:buildcache`;
    return [
      build(`build ${image} with the registry cache ${ref} (mode=max${because})`, [
        '--tag',
        image,
        ...targetFlag,
        '--cache-from',
        `type=registry,ref=${ref}`,
        '--cache-to',
        `type=registry,ref=${ref},mode=max`,
      ]),
    ];
  }
  if (cache === 'none') {
    return [
      build(`build ${image}${options.target ? ` (stage ${options.target})` : ''}`, ['--tag', image, ...targetFlag]),
      ...(options.push ? [push(image)] : []),
    ];
  }
  // Inline cache records only the final image's layers, so each stage the final stage needs is built,
  // tagged and pushed as an image of its own: a fresh runner then finds every stage's cache.
  const stages = options.target ? [] : inputs.cacheStages;
  const inline = ['--build-arg', 'BUILDKIT_INLINE_CACHE=1'];
  const commands: PlannedCommand[] = [];
  const cachedFrom: string[] = [];
  for (const stage of stages) {
    const ref = `${repository}:${stage}`;
    cachedFrom.push(ref);
    commands.push(
      build(`build stage ${stage} as ${ref}${commands.length === 0 ? ` (inline cache${because})` : ''}`, [
        '--target',
        stage,
        '--tag',
        ref,
        ...cachedFrom.flatMap((r) => ['--cache-from', r]),
        ...inline,
      ]),
    );
  }
  commands.push(
    build(`build ${image}${commands.length === 0 ? ` (inline cache${because})` : ''}`, [
      '--tag',
      image,
      ...targetFlag,
      ...[...cachedFrom, image].flatMap((r) => ['--cache-from', r]),
      ...inline,
    ]),
  );
  if (options.push) commands.push(...cachedFrom.map(push), push(image));
  return commands;
}

/**
 * A command as one line for a shell to copy into, its environment set the way that shell does
 * (`DOCKER_BUILDKIT=1 docker build …` in sh and fish, `$env:DOCKER_BUILDKIT='1'; …` in PowerShell).
 */
export function commandLine(command: PlannedCommand, shell: ShellKind = 'posix'): string {
  if (shell === 'cmd' && [...command.argv, ...Object.values(command.env)].some(unsafeForCmd)) {
    throw new BuildPlanError(
      'a path or value has characters cmd.exe cannot be given safely (", %, !, a line break): copy the command for PowerShell instead',
    );
  }
  const env = Object.entries(command.env);
  const line = quoteCommand(command.argv, shell);
  switch (shell) {
    case 'powershell':
      return [...env.map(([k, v]) => `$env:${k}=${quoteWord(v, shell)};`), line].join(' ');
    case 'cmd':
      return [...env.map(([k, v]) => `set "${k}=${v}" &&`), line].join(' ');
    default:
      return [...env.map(([k, v]) => `${k}=${quoteWord(v, shell)}`), line].join(' ');
  }
}

/** A complete POSIX `sh` script that runs the plan and stops at the first failure. */
export function buildScript(commands: readonly PlannedCommand[], origin: string): string {
  const fromEnvironment = [...new Set(commands.flatMap((c) => Object.keys(c.hiddenEnv ?? {})))];
  return [
    '#!/bin/sh',
    `# ${origin.replace(/[\r\n]+/g, ' ')}`,
    '# Each command runs only when the one before it succeeded.',
    'set -eu',
    ...fromEnvironment.flatMap((name) => [
      `# ${name} is named like a secret: docker reads it from the environment, and this script does not hold it.`,
      `: "\${${name}:?set ${name} in the environment}"`,
    ]),
    '',
    ...commands.flatMap((c) => [`# ${c.title.replace(/[\r\n]+/g, ' ')}`, commandLine(c)]),
    '',
  ].join('\n');
}

/** The image a plan leaves behind: the `--tag` of its last build command. */
export function builtImage(commands: readonly PlannedCommand[]): string | undefined {
  for (const command of [...commands].reverse()) {
    const tag = command.argv.indexOf('--tag');
    if (tag >= 0 && command.argv.includes('build')) return command.argv[tag + 1];
  }
  return undefined;
}

/** A default image name for a Dockerfile: its folder's name, lower-cased into a valid repository name. */
export function defaultImageName(folderName: string): string {
  const name = folderName
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
  return `${name || 'image'}:latest`;
}

/** What running the docker client told about this machine. */
export interface DockerProbe {
  /** Set when the client could not be run at all (not found, not executable). */
  missing?: string;
  clientVersion?: string;
  /** Absent when the daemon did not answer. */
  serverVersion?: string;
  /** What the client said when the daemon did not answer. */
  serverError?: string;
  /** Present when `docker buildx version` worked. */
  buildx?: { version: string; driver?: string };
  /** From `docker info`, when the daemon answered. */
  imageStore?: ImageStore;
}

/** One run of the docker client, as the caller's IO reports it. */
export interface ProgramRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Set when the program could not be started at all (`not found`, a permission error). */
  notStarted?: string;
}

/**
 * Asks the docker client what it is, through the caller's way of running it: its version and its
 * daemon's (`docker version` prints the client's half even when the daemon is down), and whether
 * buildx works and with which driver.
 */
export async function probeDocker(run: (args: string[]) => Promise<ProgramRun>, builder = ''): Promise<DockerProbe> {
  const version = await run(['version', '--format', '{{json .}}']);
  if (version.notStarted) return { missing: version.notStarted };
  let parsed: { Client?: { Version?: string }; Server?: { Version?: string } | null } = {};
  try {
    parsed = JSON.parse(version.stdout.trim().split('\n')[0] || '{}') as typeof parsed;
  } catch {
    // A client that does not know `--format` prints nothing parsable: it is too old for BuildKit anyway.
  }
  const probe: DockerProbe = { clientVersion: parsed.Client?.Version, serverVersion: parsed.Server?.Version ?? undefined };
  if (!probe.serverVersion) probe.serverError = version.stderr || version.stdout;
  else {
    const info = await run(['info', '--format', '{{json .DriverStatus}}']);
    if (info.code === 0) probe.imageStore = imageStoreFromDriverStatus(info.stdout);
  }
  const buildx = await run(['buildx', 'version']);
  if (buildx.code === 0) {
    const inspect = await run(['buildx', 'inspect', ...(builder ? [builder] : [])]);
    probe.buildx = { version: buildx.stdout.trim(), driver: /^Driver:\s*(\S+)/m.exec(inspect.stdout)?.[1] };
  }
  return probe;
}

export type EngineChoice = { engine: BuildEngine; driver?: string; imageStore?: ImageStore } | { problem: string };

function major(version: string | undefined): [number, number] {
  const match = /^(\d+)\.(\d+)/.exec(version ?? '');
  return match ? [Number(match[1]), Number(match[2])] : [0, 0];
}

/**
 * The engine a build is written out for when docker cannot be asked (no daemon, an untrusted
 * workspace, a script for CI): buildx, which BuildKit needs from Docker 23 on, unless the setting
 * names the classic client.
 */
export function assumedEngine(setting: 'auto' | 'buildx' | 'docker'): BuildEngine {
  return setting === 'docker' ? 'docker' : 'buildx';
}

/**
 * How builds run on this machine: buildx when it works (and the setting allows), else the classic
 * client with DOCKER_BUILDKIT=1, which Docker 18.09 to 22.x honour and 23+ refuse without buildx.
 * Anything that would only fail in the terminal is a problem with what to do about it instead.
 */
export function chooseEngine(probe: DockerProbe, setting: 'auto' | 'buildx' | 'docker', docker: string): EngineChoice {
  if (probe.missing)
    return {
      problem: `Docker could not be run ("${docker}": ${probe.missing}). Install Docker, or set layerlens.docker.path to its client.`,
    };
  if (setting === 'buildx' && !probe.buildx) {
    return {
      problem: `"${docker} buildx version" failed: buildx is not installed for this client. Install Docker's buildx component, or set layerlens.build.engine to "docker".`,
    };
  }
  const engine: BuildEngine = setting !== 'docker' && probe.buildx ? 'buildx' : 'docker';
  const driver = engine === 'buildx' ? probe.buildx?.driver : undefined;
  // A builder with its own BuildKit (docker-container, kubernetes, remote) needs no local daemon to build.
  const needsDaemon = engine === 'docker' || driver === undefined || driver === 'docker';
  if (needsDaemon && !probe.serverVersion) {
    return {
      problem: `The Docker daemon is not answering${probe.serverError ? ` (${probe.serverError.trim().split('\n')[0]})` : ''}. Start Docker, then build again.`,
    };
  }
  if (engine === 'docker') {
    const [maj, min] = major(probe.clientVersion);
    if (maj >= 23) {
      return {
        problem: `Docker ${probe.clientVersion} builds with BuildKit only through its buildx component, which is missing ("${docker} buildx version" failed). Install buildx (docker-buildx-plugin), or set layerlens.docker.path to a client that has it.`,
      };
    }
    if (maj < 18 || (maj === 18 && min < 9))
      return { problem: `Docker ${probe.clientVersion ?? '(unknown version)'} predates BuildKit (18.09). Update Docker.` };
  }
  return { engine, ...(driver ? { driver } : {}), ...(probe.imageStore ? { imageStore: probe.imageStore } : {}) };
}
