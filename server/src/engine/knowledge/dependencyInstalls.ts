import { fromChain, programWords } from '../model';
import type { DockerfileModel, Instruction, SimpleCommand, Stage } from '../model';

/** A command that installs a project's dependencies from its manifests. */
export interface DependencyInstall {
  manager: string;
  /** The words as written, for messages. */
  command: string;
  /** The program's words, flags included. */
  words: string[];
  /**
   * The files the install reads, to copy before it; globs ending in `*` tolerate a missing
   * lock file. Undefined when the command needs the sources too (`go build`, `poetry install`
   * without `--no-root`), so that no manifest-only copy can come first.
   */
  manifests?: string[];
}

/**
 * The file that makes a folder a project of each manager whose build reads the sources: without
 * one in what a COPY brings in, a build there cannot be fetching that project's dependencies.
 */
export const PROJECT_FILES: Readonly<Record<string, RegExp>> = {
  go: /^go\.mod$/,
  cargo: /^Cargo\.toml$/,
  maven: /^pom\.xml$/,
  gradle: /^(build|settings)\.gradle(\.kts)?$/,
  composer: /^composer\.json$/,
  uv: /^pyproject\.toml$/,
  poetry: /^pyproject\.toml$/,
  dotnet: /\.(csproj|fsproj|vbproj|sln|slnx)$/,
};

const positional = (words: string[]) => words.filter((w) => !w.startsWith('-'));
const has = (words: string[], ...flags: string[]) => words.some((w) => flags.includes(w));
/** Every value of a repeatable option: `-r a.txt -r b.txt` → `a.txt`, `b.txt`. */
const valuesOf = (words: string[], ...flags: string[]): string[] =>
  words.flatMap((w, i) => {
    if (flags.includes(w)) return words.slice(i + 1, i + 2);
    const flag = flags.find((f) => w.startsWith(`${f}=`));
    return flag ? [w.slice(flag.length + 1)] : [];
  });
const valueOf = (words: string[], ...flags: string[]): string | undefined => valuesOf(words, ...flags)[0];

function classify(words: string[]): Omit<DependencyInstall, 'words'> | undefined {
  const [program, ...rest] = words;
  const base = program?.split('/').pop() ?? '';
  const command = words.join(' ');
  const [sub, ...args] = positional(rest);
  switch (base) {
    case 'npm':
      // `npm install <package>` adds a package; only the bare form installs the manifest's dependencies.
      if (sub === 'ci' || ((sub === 'install' || sub === 'i') && args.length === 0 && !has(rest, '-g', '--global'))) {
        return { manager: 'npm', command, manifests: ['package.json', 'package-lock.json*'] };
      }
      return undefined;
    case 'yarn':
      if (sub === undefined || (sub === 'install' && args.length === 0))
        return { manager: 'yarn', command, manifests: ['package.json', 'yarn.lock*'] };
      return undefined;
    case 'pnpm':
      if ((sub === 'install' || sub === 'i' || sub === 'fetch') && args.length === 0)
        return { manager: 'pnpm', command, manifests: ['package.json', 'pnpm-lock.yaml*'] };
      return undefined;
    case 'pip':
    case 'pip3':
    case 'uv': {
      const pipWords = base === 'uv' && sub === 'pip' ? rest.slice(1) : rest;
      const requirements = valuesOf(pipWords, '-r', '--requirement', '-c', '--constraint');
      if (positional(pipWords)[0] === 'install' && requirements.length > 0) return { manager: 'pip', command, manifests: requirements };
      if (base === 'uv' && sub === 'sync')
        return { manager: 'uv', command, manifests: has(rest, '--no-install-project') ? ['pyproject.toml', 'uv.lock*'] : undefined };
      return undefined;
    }
    case 'python':
    case 'python3':
      if (rest[0] === '-m' && (rest[1] === 'pip' || rest[1] === 'pip3')) return classify(rest.slice(1));
      return undefined;
    case 'poetry':
      if (sub === 'install')
        return { manager: 'poetry', command, manifests: has(rest, '--no-root') ? ['pyproject.toml', 'poetry.lock*'] : undefined };
      return undefined;
    case 'pipenv':
      if (sub === 'install' && args.length === 0) return { manager: 'pipenv', command, manifests: ['Pipfile', 'Pipfile.lock*'] };
      return undefined;
    case 'bundle': {
      // `--gemfile=/app/Gemfile` names where the Gemfile is; its lock file sits beside it.
      const gemfile = valueOf(rest, '--gemfile') ?? 'Gemfile';
      if (sub === 'install') return { manager: 'bundler', command, manifests: [gemfile, `${gemfile}.lock*`] };
      return undefined;
    }
    case 'go':
      if (sub === 'mod' && args[0] === 'download') return { manager: 'go', command, manifests: ['go.mod', 'go.sum*'] };
      if (sub === 'build' || sub === 'install') return { manager: 'go', command };
      return undefined;
    case 'cargo':
      // cargo-chef: `cargo chef cook` builds the dependencies from recipe.json before the sources come.
      if (sub === 'chef' && args[0] === 'cook')
        return { manager: 'cargo', command, manifests: [valueOf(rest, '--recipe-path') ?? 'recipe.json'] };
      if (sub === 'build' || sub === 'fetch' || sub === 'install' || sub === 'vendor') return { manager: 'cargo', command };
      return undefined;
    case 'mvn':
    case 'mvnw':
      return { manager: 'maven', command, manifests: has(rest, 'dependency:go-offline', 'dependency:resolve') ? ['pom.xml'] : undefined };
    case 'gradle':
    case 'gradlew':
      return { manager: 'gradle', command };
    case 'composer':
      if (sub === 'install')
        return {
          manager: 'composer',
          command,
          manifests: has(rest, '--no-scripts') && has(rest, '--no-autoloader') ? ['composer.json', 'composer.lock*'] : undefined,
        };
      return undefined;
    case 'dotnet':
      if (sub === 'restore') return { manager: 'dotnet', command };
      return undefined;
    default:
      return undefined;
  }
}

/** The dependency installs a RUN performs, in order. */
export function dependencyInstalls(instruction: Instruction): DependencyInstall[] {
  return (instruction.run?.commands ?? []).flatMap((c) => {
    const words = programWords(c);
    const install = classify(words);
    return install ? [{ ...install, words }] : [];
  });
}

/** True when the simple command installs dependencies (`npm ci`, `pip install -r …`). */
export function isDependencyInstall(command: SimpleCommand): boolean {
  return classify(programWords(command)) !== undefined;
}

/**
 * Commands that read no source file, so that a RUN of them around an install can move with it: writing
 * a registry setting and removing it again (`echo "//registry/:_authToken=$T" > .npmrc && npm ci && rm .npmrc`),
 * setting variables, making a folder, changing into one.
 */
const SOURCE_FREE = new Set(['echo', 'printf', 'rm', 'export', 'set', 'mkdir', 'cd', 'true', ':']);

/** True when the RUN installs dependencies and does nothing that reads the sources: then it can run before they are copied. */
export function onlyInstalls(instruction: Instruction): boolean {
  if (!instruction.run || instruction.run.form !== 'shell' || instruction.heredocs.length > 0) return false;
  const commands = instruction.run.commands;
  return commands.some(isDependencyInstall) && commands.every((c) => isDependencyInstall(c) || SOURCE_FREE.has(programWords(c)[0] ?? ''));
}

/**
 * `cargo install wasm-pack` and `go install x@v1` fetch a tool once, not the project's dependencies;
 * `cargo install --path .` and `go install ./cmd/app` build the project itself.
 */
export function isToolInstall(install: DependencyInstall): boolean {
  const words = install.words;
  if (!words.includes('install')) return false;
  if (install.manager === 'cargo') return !words.some((w) => w === '--path' || w.startsWith('--path='));
  return install.manager === 'go' && words.some((w) => w.includes('@'));
}

/**
 * True when a step before `before`, in its stage or the stages it is built FROM, already installed
 * the project's dependencies with this manager (`pnpm fetch`, `cargo chef cook`, `uv sync
 * --no-install-project`): an install after it adds little more than the project itself.
 */
export function installedBefore(model: DockerfileModel, stage: Stage, before: Instruction, manager: string): boolean {
  return fromChain(model, stage.index).some((current) =>
    current.instructions.some(
      (earlier) => earlier.index < before.index && dependencyInstalls(earlier).some((i) => i.manager === manager && !isToolInstall(i)),
    ),
  );
}

/**
 * True when, before `before`, the stage (or a stage it is built FROM) copies files out of a stage
 * that installed dependencies with this manager (`COPY --from=builder /app/.venv .venv`): the
 * install after it finds them there and downloads little or nothing.
 */
export function copiedFromAnInstall(model: DockerfileModel, stage: Stage, before: Instruction, manager: string): boolean {
  const chain = new Set(fromChain(model, stage.index).map((s) => s.index));
  return model.dependencies.some(
    (d) =>
      d.kind !== 'from' &&
      chain.has(d.stage) &&
      d.target !== undefined &&
      d.instruction.index < before.index &&
      fromChain(model, d.target).some((source) =>
        source.instructions.some((i) => dependencyInstalls(i).some((x) => x.manager === manager && !isToolInstall(x))),
      ),
  );
}
