import { invocation, joinPath, lastInstruction, programWords, subcommand, unquote, workdirAt } from '../model';
import type { DockerfileModel, Instruction, Stage } from '../model';
import { BUILD_ONLY, packageName } from '../knowledge/buildPackages';
import { dependencyInstalls } from '../knowledge/dependencyInstalls';
import type { DependencyInstall } from '../knowledge/dependencyInstalls';
import { commandsOf as commands } from '../knowledge/packageCaches';
import { imageParts, slimVariant } from '../knowledge/images';
import type { TextEdit } from './fix';

export type Toolchain = 'node' | 'python' | 'go' | 'java' | 'rust' | 'generic';

export interface MultiStageConversion {
  toolchain: Toolchain;
  /** The final stage's base image. */
  finalBase: string;
  edits: TextEdit[];
}

export interface ConversionOptions {
  /** Where a Go binary runs: distroless (CA certificates included) or scratch. */
  goBase?: 'distroless' | 'scratch';
}

/** A line of the final stage that differs where a choice is left to the user: the default, and the snippet. */
type Line = string | { plain: string; snippet: string };

/** Text taken literally inside an LSP snippet. */
function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, (c) => `\\${c}`);
}

/** Download tools the build uses and the program does not; compilers and headers are in BUILD_ONLY. */
const DOWNLOAD_TOOLS = new Set(['curl', 'wget', 'git', 'unzip']);
const buildOnly = (name: string) => BUILD_ONLY.test(name) || DOWNLOAD_TOOLS.has(name);
const BUILD_PROGRAMS = new Set([
  'make',
  'cmake',
  'gcc',
  'g++',
  'cc',
  'clang',
  'go',
  'cargo',
  'mvn',
  'gradle',
  'javac',
  'tsc',
  'curl',
  'wget',
  'git',
  'tar',
  'unzip',
  'npm',
  'yarn',
  'pnpm',
  'pip',
  'pip3',
  'poetry',
  'uv',
]);
const INSTALL_SUBCOMMAND: Record<string, string> = { 'apt-get': 'install', apt: 'install', apk: 'add' };
/** Where outputs never live: caches, temporary files, package lists. */
const SCRATCH_PATHS = /^\/(tmp|var\/tmp|var\/cache|var\/lib\/apt|root\/\.cache|dev|proc)(\/|$)/;

/** Programs that create the users and groups a later USER names. */
const USER_PROGRAMS = new Set(['useradd', 'adduser', 'groupadd', 'addgroup']);
/** What a user-creating RUN may also do and still be repeated in the final stage as it is. */
const USER_SETUP_PROGRAMS = new Set([...USER_PROGRAMS, 'usermod', 'mkdir', 'chown', 'chmod']);

const createsUser = (instruction: Instruction) =>
  instruction.keyword === 'RUN' && commands(instruction).some((c) => USER_PROGRAMS.has(programWords(c)[0] ?? ''));
const onlySetsUpUsers = (instruction: Instruction) => commands(instruction).every((c) => USER_SETUP_PROGRAMS.has(programWords(c)[0] ?? ''));
const isRootUser = (user: Instruction) =>
  /^(root|0)(:(root|0))?$/.test(
    user.args
      .map((a) => a.value)
      .join(' ')
      .trim(),
  );

/** pip options that install somewhere other than the environment on PATH, which the venv would no longer be. */
const PIP_ELSEWHERE = /^(--user|--target|-t|--prefix|--root|--system)(=|$)/;

/**
 * True when the Python stage manages its own environment in a way the conversion's `/opt/venv`
 * would break: an install run as a non-root USER (who cannot write `/opt`), an install into the
 * user's site or another prefix, or a venv the stage makes itself.
 */
function ownsItsPythonEnvironment(
  stage: Stage,
  first: Instruction | undefined,
  installs: { install: DependencyInstall }[],
  split: Instruction,
): boolean {
  const user = first && lastInstruction(stage, 'USER', first);
  if (user && !isRootUser(user)) return true;
  if (installs.some(({ install }) => install.words.some((w) => PIP_ELSEWHERE.test(w)) || install.words[0]?.includes('/'))) return true;
  return stage.instructions.some(
    (i) =>
      i.index <= split.index &&
      i.keyword === 'RUN' &&
      commands(i).some((c) => {
        const words = programWords(c);
        return words[0] === 'virtualenv' || (words.includes('-m') && words[words.indexOf('-m') + 1] === 'venv');
      }),
  );
}

/** A RUN that builds, fetches or installs: it belongs in the build stage. */
function isBuildStep(instruction: Instruction): boolean {
  if (instruction.keyword !== 'RUN') return false;
  if (dependencyInstalls(instruction).length > 0) return true;
  return commands(instruction).some((command) => {
    const words = programWords(command);
    const [program] = words;
    if (program && INSTALL_SUBCOMMAND[program] === subcommand(words)) return true;
    return program !== undefined && BUILD_PROGRAMS.has(program);
  });
}

/** apt/apk packages a stage installs, split into what only the build needs and what the program may need at run time. */
function packages(stage: Stage, before: number): { manager: 'apt' | 'apk'; runtime: string[] } | undefined {
  let manager: 'apt' | 'apk' | undefined;
  const runtime: string[] = [];
  for (const instruction of stage.instructions.filter((i) => i.index <= before)) {
    for (const command of commands(instruction)) {
      const words = programWords(command);
      const [program] = words;
      if (!program || INSTALL_SUBCOMMAND[program] !== subcommand(words)) continue;
      manager = program === 'apk' ? 'apk' : 'apt';
      for (const word of words.slice(1)) {
        const name = packageName(word);
        // A package named by a shell variable has no value in the final stage's RUN.
        if (word.startsWith('-') || word === INSTALL_SUBCOMMAND[program] || buildOnly(name) || name.includes('$')) continue;
        if (!runtime.includes(name)) runtime.push(name);
      }
    }
  }
  return manager ? { manager, runtime } : undefined;
}

function toolchainOf(stage: Stage): Toolchain {
  const { repository } = imageParts(stage.resolvedBase);
  const managers = new Set(stage.instructions.flatMap((i) => dependencyInstalls(i).map((d) => d.manager)));
  if (repository === 'node' && (managers.has('npm') || managers.has('yarn') || managers.has('pnpm'))) return 'node';
  if (repository === 'python' && ['pip', 'poetry', 'uv'].some((m) => managers.has(m))) return 'python';
  if (
    repository === 'golang' &&
    stage.instructions.some((i) => commands(i).some((c) => invocation(c).words[0] === 'go' && subcommand(invocation(c).words) === 'build'))
  )
    return 'go';
  if ((managers.has('maven') || managers.has('gradle')) && /^(maven|gradle|eclipse-temurin|openjdk|amazoncorretto)$/.test(repository))
    return 'java';
  if (
    repository === 'rust' &&
    stage.instructions.some((i) =>
      commands(i).some((c) => invocation(c).words[0] === 'cargo' && subcommand(invocation(c).words) === 'build'),
    )
  )
    return 'rust';
  return 'generic';
}

/**
 * The slim variant for the final stage, as the image's own tags write it; the build's image itself
 * when it publishes none (the conversion still leaves the build's files behind).
 */
function slim(image: string): string {
  const { tag } = imageParts(image);
  if (tag && /(slim|alpine)/.test(tag)) return image;
  return slimVariant(image) ?? image;
}

/** Absolute paths a RUN names as its output: `> /out`, `-o /out`, `-O /out`, `--output /out`. */
function namedOutputs(instruction: Instruction, workdir: string): string[] {
  const outputs: string[] = [];
  for (const command of commands(instruction)) {
    const words = command.words;
    words.forEach((word, i) => {
      const next = words[i + 1];
      let path: string | undefined;
      if ((word === '>' || word === '>>' || word === '-o' || word === '-O' || word === '--output') && next) path = next;
      else if (/^(-o|--output=)./.test(word)) path = word.replace(/^(-o|--output=)/, '');
      else if (/^>>?\S/.test(word)) path = word.replace(/^>>?/, '');
      if (path && !path.startsWith('$') && !path.startsWith('&')) outputs.push(joinPath(workdir, unquote(path)));
    });
  }
  return outputs.filter((p) => !SCRATCH_PATHS.test(p) && p !== '/dev/null');
}

/** The words of CMD and ENTRYPOINT that look like paths. */
function runtimePaths(stage: Stage, workdir: string): { absolute: string[]; resolved: string[]; relative: boolean } {
  const words = stage.instructions
    .filter((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT')
    .flatMap((i) => i.args.flatMap((a) => a.value.replace(/^\[|\]$/g, '').split(/[\s,]+/)))
    .map((w) => unquote(w.replace(/^"|",?$|"$/g, '')))
    .filter((w) => w !== '' && !w.startsWith('-'));
  const absolute = words.filter((w) => w.startsWith('/')).map((w) => joinPath('/', w));
  const relative = words.some((w) => !w.startsWith('/') && /[./]/.test(w) && !/^\d/.test(w));
  const resolved = words.filter((w) => w.includes('/')).map((w) => joinPath(workdir, w));
  return { absolute, resolved, relative: relative && workdir !== '/' };
}

/**
 * Converts a single-stage Dockerfile into a build stage and a small final stage. The build stage
 * is the original text up to its last build step, untouched but for `AS build`; the final stage
 * starts right after it, so the instructions that follow (CMD, EXPOSE, a runtime RUN) move into it
 * verbatim with their comments. What the final stage needs from before the split (ENV, WORKDIR,
 * USER, run-time packages, the program's files) is declared again, since nothing crosses a FROM.
 */
export function convertToMultiStage(model: DockerfileModel, options: ConversionOptions = {}): MultiStageConversion | undefined {
  const [stage] = model.stages;
  if (model.stages.length !== 1 || !stage) return undefined;
  const image = stage.from.args[0];
  const split = [...stage.instructions].reverse().find(isBuildStep);
  if (!image || !split || stage.baseStage !== undefined) return undefined;
  const eol = model.eol;
  const toolchain = toolchainOf(stage);
  const name = stage.name ?? 'build';
  const workdirInstruction = lastInstruction(stage, 'WORKDIR', split);
  const workdir = workdirAt(model, split);
  const edits: TextEdit[] = [];
  if (!stage.name) edits.push({ range: { start: image.range.end, end: image.range.end }, newText: ' AS build' });

  const lineStart = (instruction: Instruction) => ({ line: instruction.range.start.line, character: 0 });
  const before = (instruction: Instruction, lines: string[]) =>
    edits.push({ range: { start: lineStart(instruction), end: lineStart(instruction) }, newText: lines.map((l) => l + eol).join('') });
  const buildTail: string[] = [];
  const block: string[] = [];
  // Where the base names global ARGs, the final stage names them too: they resolve in every FROM,
  // also when they have no default and only the build gives them a value.
  let finalBase = stage.base.includes('$') ? stage.base : stage.resolvedBase;
  let fromLine: Line | undefined;
  const copies: string[] = [];

  switch (toolchain) {
    case 'node': {
      finalBase = slim(stage.resolvedBase);
      const manager = stage.instructions
        .flatMap((i) => dependencyInstalls(i))
        .find((d) => ['npm', 'yarn', 'pnpm'].includes(d.manager))?.manager;
      // Dropping the development dependencies in the build stage lets the final stage take the app folder whole.
      buildTail.push(
        manager === 'yarn'
          ? 'RUN yarn install --production --ignore-scripts --prefer-offline'
          : manager === 'pnpm'
            ? 'RUN pnpm prune --prod'
            : 'RUN npm prune --omit=dev',
      );
      copies.push(workdir);
      break;
    }
    case 'python': {
      finalBase = slim(stage.resolvedBase);
      const installs = stage.instructions
        .flatMap((i) => dependencyInstalls(i).map((install) => ({ instruction: i, install })))
        .filter(({ install }) => ['pip', 'poetry', 'uv'].includes(install.manager));
      const first = installs[0];
      if (ownsItsPythonEnvironment(stage, first?.instruction, installs, split)) return undefined;
      // pip installs into the first python on PATH; poetry and `uv pip` into the environment VIRTUAL_ENV
      // names; `uv sync` only into UV_PROJECT_ENVIRONMENT. The venv is made after any `pip install poetry`,
      // so the tool itself stays in the build stage.
      const venvEnv = [
        'VIRTUAL_ENV=/opt/venv',
        ...(installs.some(({ install }) => install.manager === 'uv') ? ['UV_PROJECT_ENVIRONMENT=/opt/venv'] : []),
        'PATH="/opt/venv/bin:$PATH"',
      ];
      if (first) before(first.instruction, ['RUN python -m venv /opt/venv', `ENV ${venvEnv.join(' ')}`]);
      block.push('ENV VIRTUAL_ENV=/opt/venv PATH="/opt/venv/bin:$PATH"');
      copies.push('/opt/venv');
      // The sources come over when an install used them (the project itself is installed into the venv
      // and points back at them) or the build stage did something with them after installing.
      const usedSources =
        installs.some(({ install }) => install.manifests === undefined) ||
        stage.instructions.some(
          (i) => i.index > (first?.instruction.index ?? Infinity) && i.index <= split.index && !installs.some((x) => x.instruction === i),
        );
      if (workdir !== '/' && usedSources) copies.push(workdir);
      break;
    }
    case 'go': {
      finalBase = options.goBase === 'scratch' ? 'scratch' : 'gcr.io/distroless/static-debian12';
      const goBuild = stage.instructions.find((i) =>
        commands(i).some((c) => invocation(c).words[0] === 'go' && subcommand(invocation(c).words) === 'build'),
      );
      if (goBuild) before(goBuild, ['ENV CGO_ENABLED=0']);
      const outputs = goBuild ? namedOutputs(goBuild, workdir) : [];
      copies.push(...(outputs.length > 0 ? outputs : runtimePaths(stage, workdir).absolute));
      if (options.goBase === 'scratch') copies.push('/etc/ssl/certs/ca-certificates.crt');
      break;
    }
    case 'java': {
      // maven:3.9-eclipse-temurin-21 and eclipse-temurin:21-jdk name the Java version the JRE must match.
      const { tag } = imageParts(stage.resolvedBase);
      const version = /(?:temurin-|^)(\d+)(?:-jdk|$|-)/.exec(tag ?? '')?.[1];
      finalBase = `eclipse-temurin:${version ?? '21'}-jre`;
      // The JRE must match the JDK; when the tag does not say which, the user picks.
      if (!version) fromLine = { plain: `FROM ${finalBase}`, snippet: 'FROM eclipse-temurin:${1|21,17,11|}-jre' };
      const gradle = stage.instructions.some((i) => dependencyInstalls(i).some((d) => d.manager === 'gradle'));
      copies.push(joinPath(workdir, gradle ? 'build/libs' : 'target'));
      break;
    }
    case 'rust': {
      // The binary links the glibc of the rust image's Debian release; the final image must have the same.
      finalBase = `debian:${/\b(bullseye|buster|trixie)\b/.exec(imageParts(stage.resolvedBase).tag ?? '')?.[1] ?? 'bookworm'}-slim`;
      const binaries = runtimePaths(stage, workdir).resolved.filter(
        (p) => p.includes('/target/release/') || p.startsWith('/usr/local/cargo/bin/'),
      );
      if (binaries.length === 0) return undefined;
      copies.push(...binaries);
      break;
    }
    default: {
      const runtime = runtimePaths(stage, workdir);
      const buildText = stage.instructions
        .filter((i) => i.index <= split.index)
        .map((i) => i.text)
        .join('\n');
      const outputs = stage.instructions.filter((i) => i.index <= split.index).flatMap((i) => namedOutputs(i, workdir));
      // A path the program needs was made by the build when the build names it or a folder above it
      // that is not a system one (`make install PREFIX=/usr/local` makes /usr/local/bin/app).
      const named = (p: string) =>
        p
          .split('/')
          .slice(0, -1)
          .map((_, n, parts) => parts.slice(0, n + 1).join('/'))
          .concat(p)
          .some((prefix) => prefix.split('/').length > 2 && buildText.includes(prefix));
      const produced = runtime.absolute.filter((p) => named(p) || outputs.some((o) => p === o || p.startsWith(`${o}/`)));
      // Of the outputs, those the program names; else those of the last build step.
      const used = outputs.filter((o) => runtime.absolute.some((p) => p === o || p.startsWith(`${o}/`)));
      const kept = used.length > 0 ? used : namedOutputs(split, workdir);
      const insideWorkdir = (p: string) => workdir !== '/' && (p === workdir || p.startsWith(`${workdir}/`));
      const wroteWorkdir =
        workdir !== '/' &&
        stage.instructions.some(
          (i) =>
            i.index <= split.index &&
            i.index > (workdirInstruction?.index ?? -1) &&
            (i.keyword === 'COPY' || i.keyword === 'ADD' || i.keyword === 'RUN'),
        );
      if (wroteWorkdir && (runtime.relative || produced.some(insideWorkdir) || outputs.some(insideWorkdir))) copies.push(workdir);
      for (const path of [...produced, ...kept]) if (!copies.some((c) => path === c || path.startsWith(`${c}/`))) copies.push(path);
    }
  }

  const installed = toolchain === 'go' || toolchain === 'java' ? undefined : packages(stage, split.index);
  if (installed && installed.runtime.length > 0) {
    block.push(
      installed.manager === 'apk'
        ? `RUN apk add --no-cache ${installed.runtime.join(' ')}`
        : `RUN apt-get update && apt-get install -y --no-install-recommends ${installed.runtime.join(' ')} && rm -rf /var/lib/apt/lists/*`,
    );
  }
  // ENV and WORKDIR set for the build are set again for the program; ARGs only where later lines use them.
  const carried = stage.instructions
    .filter((i) => i.index <= split.index && i.keyword === 'ENV' && toolchain !== 'go' && toolchain !== 'rust')
    .map((i) => i.text.trim());
  const after = stage.instructions.filter((i) => i.index > split.index);
  const usedLater = (name: string) => after.some((i) => new RegExp(`\\$\\{?${name}\\b`).test(i.text));
  const args = stage.instructions
    .filter((i) => i.index <= split.index && i.keyword === 'ARG')
    .flatMap((i) => i.properties.map((p) => p.name))
    .filter(usedLater);
  const user = lastInstruction(stage, 'USER', split);
  // The final stage starts from a fresh base, where a user the build stage created does not exist:
  // its creation is repeated there, and when it is mixed with other work the conversion is not offered.
  const userSetup = stage.instructions.filter((i) => i.index <= split.index && createsUser(i));
  if (userSetup.some((i) => !onlySetsUpUsers(i) || i.heredocs.length > 0)) return undefined;
  // Nothing the program needs could be found: rather than a final stage that silently lacks it,
  // the user names it (a tab stop in editors that take snippets, a comment elsewhere).
  const unknownFiles: Line | undefined =
    copies.length === 0 && toolchain === 'generic'
      ? {
          plain: `# Layerlens could not tell which files the program needs from the build stage: COPY --from=${name} them here.`,
          snippet: `COPY --from=${escapeSnippet(name)} \${1:/path/in/build} \${2:/path/in/image}`,
        }
      : undefined;
  const lines: Line[] = [
    fromLine ?? `FROM ${finalBase}`,
    ...args.map((a) => `ARG ${a}`),
    ...carried,
    ...userSetup.map((i) => i.text.trim()),
    ...(workdir !== '/' && toolchain !== 'go' ? [`WORKDIR ${workdir}`] : []),
    ...block,
    ...copies.map((path) => `COPY --from=${name} ${path} ${path}`),
    ...(unknownFiles ? [unknownFiles] : []),
    ...(user ? [user.text.trim()] : []),
  ];
  const end = { line: split.range.end.line + 1, character: 0 };
  const splitLineEnds = split.range.end.line + 1 < model.lineStarts.length;
  const head = `${splitLineEnds ? '' : eol}${buildTail.map((l) => l + eol).join('')}${eol}`;
  const plain = head + lines.map((l) => (typeof l === 'string' ? l : l.plain) + eol).join('');
  const hasChoice = lines.some((l) => typeof l !== 'string');
  const snippet = hasChoice
    ? escapeSnippet(head) + lines.map((l) => (typeof l === 'string' ? escapeSnippet(l) : l.snippet) + eol).join('')
    : undefined;
  edits.push({ range: { start: end, end }, newText: plain, ...(snippet ? { snippet } : {}) });
  return { toolchain, finalBase, edits };
}
