import { fromChain, joinPath, programWords, textOf, unquote, wholeLines, workdirAt, writtenFiles } from '../model';
import type { DockerfileModel, Instruction } from '../model';
import type { ContextListing } from '../context/listing';
import {
  declaresNoDependencies,
  gemfileNeedsSources,
  goModNeedsSources,
  installScripts,
  isWorkspaceRoot,
  pnpmPatchFiles,
  requirementReferences,
} from '../knowledge/manifests';
import {
  copiedFromAnInstall,
  dependencyInstalls,
  installedBefore,
  isDependencyInstall,
  isToolInstall,
  onlyInstalls,
  PROJECT_FILES,
} from '../knowledge/dependencyInstalls';
import type { DependencyInstall } from '../knowledge/dependencyInstalls';
import { mayCarryDependencies } from '../knowledge/images';
import type { Fix } from './types';
import { defineRule } from './types';

/** Top-level folders that conventionally hold a project's sources. */
const SOURCE_FOLDERS = /^(\.\/)?(src|app|lib|source|sources)\/?$/i;

/**
 * A COPY/ADD of the context root or of a conventional source folder: what changes with every
 * source edit. Other folders (protobuf definitions, build scripts) change rarely and are left alone.
 */
function copiesSources(instruction: Instruction): boolean {
  const copy = instruction.copy;
  if (!copy || copy.from !== undefined || instruction.heredocs.length > 0) return false;
  return copiesWholeContext(instruction) || copy.sources.some((s) => SOURCE_FOLDERS.test(unquote(s.value)));
}

/** A COPY of the context root (`COPY . .`), as opposed to a source folder. */
function copiesWholeContext(instruction: Instruction): boolean {
  return (instruction.copy?.sources ?? []).some((s) => ['.', './', '*', './*'].includes(unquote(s.value)));
}

/** True when an earlier COPY of the stage names one of the install's manifests, or its manager's project file, by itself. */
function manifestsCopiedBefore(earlier: Instruction[], install: DependencyInstall): boolean {
  const baseName = (path: string) =>
    path
      .replace(/\/+$/, '')
      .slice(path.replace(/\/+$/, '').lastIndexOf('/') + 1)
      .replace(/\*$/, '');
  const names = new Set((install.manifests ?? []).map(baseName));
  const project = PROJECT_FILES[install.manager];
  return earlier.some(
    (step) =>
      step.copy !== undefined &&
      step.copy.from === undefined &&
      step.copy.sources.some((source) => {
        const name = baseName(unquote(source.value));
        return names.has(name) || (project?.test(name) ?? false);
      }),
  );
}

const folderOf = (path: string) => (path.includes('/') ? path.slice(0, path.lastIndexOf('/') + 1) : '');

/** The context folder the COPY takes the sources from, `''` for the root. */
function sourceRoot(copy: Instruction): string | undefined {
  const sources = copy.copy?.sources ?? [];
  const [source] = sources;
  if (sources.length !== 1 || !source) return undefined;
  const root = unquote(source.value)
    .replace(/^\.\/?/, '')
    .replace(/\/+$/, '');
  return root === '*' ? '' : root;
}

/**
 * Where each manifest the install reads comes from in the context, and which folder it must be
 * copied to, through the COPY of the sources being reordered: `COPY app/ /srv/` with
 * `pip install -r /srv/requirements.txt` copies `app/requirements.txt` to `/srv/`. Paths are
 * compared in the image, each against its instruction's working directory. Undefined when a
 * manifest cannot be traced back through that COPY, or (with the context listed) is missing.
 */
function placeManifests(
  model: DockerfileModel,
  copy: Instruction,
  run: Instruction,
  manifests: string[],
  context: ContextListing | undefined,
): { source: string; folder: string }[] | undefined {
  const root = sourceRoot(copy);
  const destination = copy.copy?.destination ? unquote(copy.copy.destination.value) : undefined;
  if (root === undefined || destination === undefined || destination.includes('$')) return undefined;
  const into = destination === '.' || destination === './' ? '' : destination.replace(/\/+$/, '') + '/';
  const copiedTo = `${joinPath(workdirAt(model, copy), into || '.').replace(/\/$/, '')}/`;
  const runDir = installDir(model, run);
  const placed: { source: string; folder: string }[] = [];
  for (const manifest of manifests) {
    const inImage = joinPath(runDir, manifest);
    if (!inImage.startsWith(copiedTo)) return undefined;
    // The path as the install sees it, relative to where the COPY put the sources.
    const relative = inImage.slice(copiedTo.length) + (manifest.endsWith('*') && !inImage.endsWith('*') ? '*' : '');
    const source = root ? `${root}/${relative}` : relative;
    placed.push({ source, folder: `${into || './'}${folderOf(relative)}` });
  }
  return context ? present(placed, context) : placed;
}

/**
 * The folder the RUN's first dependency install runs in: its working directory, moved by a `cd`
 * before the install in the same RUN (`cd /build/frontend && pnpm install`).
 */
function installDir(model: DockerfileModel, run: Instruction): string {
  let dir = workdirAt(model, run);
  for (const command of run.run?.commands ?? []) {
    if (isDependencyInstall(command)) break;
    const words = programWords(command);
    const [program, folder] = words;
    if (program === 'cd' && words.length === 2 && folder !== undefined && !folder.includes('$') && folder !== '-')
      dir = joinPath(dir, folder);
  }
  return dir;
}

/**
 * The files the RUN's own commands write, as absolute paths: redirection targets, `tee`'s files,
 * output options and what `cp`, `mv` and `install` write. A manifest made this way (`grep torch requirements.txt
 * > /tmp/req.txt && pip install -r /tmp/req.txt`) is not in the context, so no COPY can bring it first.
 */
function writtenByRun(model: DockerfileModel, run: Instruction): Set<string> {
  const dir = installDir(model, run);
  const written = new Set<string>();
  for (const { words } of run.run?.commands ?? []) {
    for (const file of writtenFiles(words)) written.add(joinPath(dir, file));
    // An output option (`uv export --output-file requirements.txt`, `pip-compile -o requirements.txt`).
    words.forEach((word, i) => {
      const target = /^(?:--output-file|--output|-o)=?(.*)$/.exec(word)?.[1];
      const file = target || words[i + 1];
      if (target !== undefined && file) written.add(joinPath(dir, file));
    });
  }
  return written;
}

/**
 * With the context listed, the manifests as they are there: an optional lockfile (`yarn.lock*`)
 * by its name when present and left out when absent. Undefined when a required manifest is
 * missing, since a COPY of it would fail the build.
 */
function present(placed: { source: string; folder: string }[], context: ContextListing): { source: string; folder: string }[] | undefined {
  const files = new Set(context.files);
  const found: { source: string; folder: string }[] = [];
  for (const entry of placed) {
    const optional = entry.source.endsWith('*');
    const name = optional ? entry.source.slice(0, -1) : entry.source;
    if (files.has(name)) found.push({ ...entry, source: name });
    else if (!optional && context.complete) return undefined;
    else if (!optional) found.push(entry);
  }
  return found;
}

/**
 * False only when the listed context shows that the COPY brings in no project file of the manager
 * (`go.mod`, `Cargo.toml`, …) at any depth; true whenever that cannot be told.
 */
function copiesAProject(copy: Instruction, manager: string, context: ContextListing | undefined): boolean {
  const projectFile = PROJECT_FILES[manager];
  const root = sourceRoot(copy);
  if (!projectFile || !context?.complete || root === undefined) return true;
  const prefix = root ? `${root}/` : '';
  return context.files.some((f) => f.startsWith(prefix) && projectFile.test(f.slice(f.lastIndexOf('/') + 1)));
}

/** Options that keep an install from the network; cargo's `--frozen` (`--locked --offline`) is read where cargo runs. */
const OFFLINE = new Set(['--offline', '--prefer-offline', '--no-index']);

/** A Go build from a vendor folder (`-mod=vendor`, or `vendor/modules.txt` in the sources) downloads nothing. */
function vendored(copy: Instruction, install: DependencyInstall, context: ContextListing | undefined): boolean {
  const words = install.words;
  if (words.includes('-mod=vendor') || words.some((w, i) => w === '-mod' && words[i + 1] === 'vendor')) return true;
  const root = sourceRoot(copy);
  return context !== undefined && root !== undefined && context.files.includes(root ? `${root}/vendor/modules.txt` : 'vendor/modules.txt');
}

const NODE_MANAGERS = new Set(['npm', 'yarn', 'pnpm']);

/**
 * A RUN that runs a script of the sources or a build: a relative path (`./prepare`, `scripts/x.sh`),
 * `make`, or a command a variable names. A bare name (`install-composer.sh`) runs a tool from PATH.
 */
function runsAScript(instruction: Instruction): boolean {
  return (
    instruction.keyword === 'RUN' &&
    (instruction.run?.commands ?? []).some((c) => {
      const words = programWords(c);
      const program = words[0] ?? '';
      const script = /^(ba|z|da)?sh$/.test(program) ? (words.find((w, n) => n > 0 && !w.startsWith('-')) ?? '') : program;
      return /^\.{1,2}\//.test(script) || (script.includes('/') && !script.startsWith('/')) || script.startsWith('$') || script === 'make';
    })
  );
}

/**
 * What npm, yarn and pnpm read beside package.json before they install, as the install sees it:
 * `.npmrc` (the registry and its credentials), Yarn 2's `.yarnrc.yml` with the release and plugins
 * under `.yarn/`, Yarn 1's `.yarnrc`, and the patch files pnpm applies (`pnpm.patchedDependencies`).
 */
function nodeInstallFiles(
  model: DockerfileModel,
  copy: Instruction,
  run: Instruction,
  manager: string,
  context: ContextListing | undefined,
): string[] {
  const manifest = context && placeManifests(model, copy, run, ['package.json'], context)?.[0];
  if (!context || !manifest) return [];
  const folder = folderOf(manifest.source);
  const beside = (name: string) => context.files.includes(`${folder}${name}`);
  const files = beside('.npmrc') ? ['.npmrc'] : [];
  if (manager === 'yarn' && beside('.yarnrc')) files.push('.yarnrc');
  if (manager === 'yarn' && beside('.yarnrc.yml')) {
    files.push(
      '.yarnrc.yml',
      ...context.files
        .filter((f) => f.startsWith(`${folder}.yarn/releases/`) || f.startsWith(`${folder}.yarn/plugins/`))
        .map((f) => f.slice(folder.length)),
    );
  }
  const text = context.texts?.get(manifest.source);
  if (manager === 'pnpm' && text !== undefined) files.push(...pnpmPatchFiles(manifest.source, text));
  // pnpm reads its settings (overrides, patches, allowed builds) from pnpm-workspace.yaml even
  // outside a workspace, and a frozen install fails when they differ from the lockfile's.
  if (manager === 'pnpm' && beside('pnpm-workspace.yaml')) files.push('pnpm-workspace.yaml');
  return files;
}

/**
 * The install-time scripts of the package.json the install reads, as the context has it: through
 * the COPY of the sources, or through the COPY that put package.json where the install runs
 * (`COPY src/ /app/src/` first, `COPY package.json /app/` after it).
 */
function scriptsOf(
  model: DockerfileModel,
  copy: Instruction,
  run: Instruction,
  manifests: string[],
  context: ContextListing | undefined,
): string[] {
  if (!context) return [];
  const sources = (placeManifests(model, copy, run, manifests, context) ?? []).map((p) => p.source);
  return [...new Set([...sources, ...packageJsonsCopiedFor(model, run)])].flatMap((source) => {
    const text = context.texts?.get(source.replace(/^\.\//, ''));
    return text === undefined ? [] : installScripts(source, text);
  });
}

/** The context paths of the package.json files that a COPY before the RUN put where its install runs. */
function packageJsonsCopiedFor(model: DockerfileModel, run: Instruction): string[] {
  const target = joinPath(installDir(model, run), 'package.json');
  return (model.stages[run.stage]?.instructions ?? [])
    .filter((i) => i.index < run.index)
    .flatMap((i) => {
      if (!i.copy?.destination || i.copy.from !== undefined) return [];
      const folder = joinPath(workdirAt(model, i), unquote(i.copy.destination.value));
      return i.copy.sources
        .map((w) => unquote(w.value))
        .filter((source) => source.endsWith('package.json') && joinPath(folder, 'package.json') === target);
    });
}

/** True when the manifest the install reads (a Gemfile, a go.mod), as the context has it, passes `test`; false when its text is unknown. */
function manifestSays(
  model: DockerfileModel,
  copy: Instruction,
  run: Instruction,
  manifest: string,
  context: ContextListing | undefined,
  test: (text: string) => boolean,
): boolean {
  const source = context && placeManifests(model, copy, run, [manifest], context)?.[0]?.source;
  const text = source === undefined ? undefined : context?.texts?.get(source);
  return text !== undefined && test(text);
}

/**
 * The manifests a pip install reads with its requirements files' includes added (`-r base.txt` in
 * `requirements/prod.txt` is `requirements/base.txt` to the install); undefined when one of them
 * installs a local project (`-e .`), which needs the sources.
 */
function withRequirementIncludes(
  model: DockerfileModel,
  copy: Instruction,
  run: Instruction,
  manifests: string[],
  context: ContextListing | undefined,
): string[] | undefined {
  if (!context?.texts) return manifests;
  const all = [...manifests];
  // Includes can form a cycle; a real project has a handful of requirements files.
  // The list grows while it is walked; an array's iterator reads its length at every step.
  for (const manifest of all) {
    if (all.length >= 50) break;
    const source = placeManifests(model, copy, run, [manifest], context)?.[0]?.source;
    const text = source === undefined ? undefined : context.texts.get(source);
    if (text === undefined) continue;
    const { includes, needsSources } = requirementReferences(text);
    if (needsSources) return undefined;
    for (const include of includes) {
      const joined = joinPath('/', `${folderOf(manifest)}${include}`);
      const path = manifest.startsWith('/') || include.startsWith('/') ? joined : joined.slice(1);
      if (!all.includes(path)) all.push(path);
    }
  }
  return all;
}

/**
 * True when the context says the install's manifest declares no dependency (nothing to download),
 * or is a workspace root, whose install needs every member's manifest: copying the root manifest
 * alone first, as the message advises, would break the install.
 */
function readsNothingToCache(
  model: DockerfileModel,
  copy: Instruction,
  run: Instruction,
  manifests: string[],
  context: ContextListing | undefined,
): boolean {
  if (!context) return false;
  return (placeManifests(model, copy, run, manifests, context) ?? []).some(({ source }) => {
    const text = context.texts?.get(source);
    return (text !== undefined && declaresNoDependencies(source, text)) || isWorkspaceRoot(source, text, context.files);
  });
}

export const copyContextBeforeInstall = defineRule({
  id: 'CopyContextBeforeInstall',
  description: 'The sources are copied before the dependency install: every source edit re-runs the install.',
  category: 'cache',
  defaultSeverity: 'off',
  fix: { availability: 'sometimes', safety: 'unsafe' },
  aliases: [],
  buildkit: false,
  messages: {
    scripts: (install: string, line: number, manifests: string[], scripts: string[], yarnBerry: boolean) =>
      `The sources are copied before \`${install}\` (line ${line}): any source edit re-runs it. Its ${scripts.join(', ')} script${scripts.length > 1 ? 's' : ''} may need the sources: copy ${manifests.join(', ')} first, install with ${yarnBerry ? '--mode=skip-build' : '--ignore-scripts'}, then copy the rest and run the scripts that were skipped (${yarnBerry ? "`yarn rebuild` runs the dependencies' own" : "`npm rebuild` and `pnpm rebuild` run the dependencies' own"})`,
    early: (install: string, line: number, manifests?: string[]) =>
      manifests
        ? `The sources are copied before \`${install}\` (line ${line}): any source edit re-runs it. Copy ${manifests.join(', ')} first, install, then copy the rest`
        : `The sources are copied before \`${install}\` (line ${line}): any source edit re-runs it and re-downloads every dependency. Fetch the dependencies in a step that needs only the manifests`,
    cargo: (install: string, line: number) =>
      `The sources are copied before \`${install}\` (line ${line}): any source edit re-runs it, downloading and compiling every crate again. Build the dependencies from the manifests first (cargo-chef's \`cargo chef cook\`), or mount caches on the cargo registry and target/`,
  },
  check({ model, context, messages, report }) {
    for (const stage of model.stages) {
      const steps = stage.instructions;
      for (const [i, copy] of steps.entries()) {
        if (!copiesSources(copy)) continue;
        // A tool installed once (`cargo install wasm-pack`) reads none of the sources.
        const projectInstalls = (step: Instruction) => dependencyInstalls(step).filter((d) => !isToolInstall(d));
        const runIndex = steps.findIndex((s, j) => j > i && projectInstalls(s).length > 0);
        const run = steps[runIndex];
        const [install] = run ? projectInstalls(run) : [];
        if (!run || !install) continue;
        // A folder copied after the install's own manifests were copied on their own (the Gemfile, then
        // the lib/ its gemspec requires) is what the install needs: the file already copies manifests first.
        if (!copiesWholeContext(copy) && manifestsCopiedBefore(steps.slice(0, i), install)) continue;
        // A script run between the copy and the install may make what the install reads (a generated
        // Gemfile, a flattened workspace): then the sources must come first.
        if (steps.slice(i + 1, runIndex).some(runsAScript)) continue;
        // After the dependencies were fetched from the manifests earlier in this stage or the stages
        // it is built FROM (`pnpm fetch`, `cargo chef cook`, `uv sync --no-install-project`), or copied
        // in from a stage that installed them, the install after the sources adds the project itself;
        // an offline install downloads nothing.
        if (
          installedBefore(model, stage, copy, install.manager) ||
          copiedFromAnInstall(model, stage, run, install.manager) ||
          install.words.some((w) => OFFLINE.has(w)) ||
          (install.manager === 'cargo' && install.words.includes('--frozen'))
        )
          continue;
        if (mayCarryDependencies(fromChain(model, stage.index).at(-1)?.resolvedBase ?? '')) continue;
        if (install.manager === 'go' && vendored(copy, install, context)) continue;
        // A Go module that requires no other module has nothing to download, before or after the sources.
        if (install.manager === 'go' && manifestSays(model, copy, run, 'go.mod', context, (text) => declaresNoDependencies('go.mod', text)))
          continue;
        // A manifest the RUN itself makes from the sources cannot be copied first: the advice is then the
        // general one, to fetch the dependencies in a step of their own.
        const written = writtenByRun(model, run);
        const generated = (d: DependencyInstall) => d.manifests?.some((m) => written.has(joinPath(installDir(model, run), m))) ?? false;
        // The files each install reads, as the context shows them: a requirements file's includes,
        // `.npmrc`, Yarn's settings and release, pnpm's patches. Undefined for an install that needs the sources.
        const manifestsOf = (d: DependencyInstall): string[] | undefined => {
          if (!d.manifests || generated(d)) return undefined;
          if (d.manager === 'pip') return withRequirementIncludes(model, copy, run, d.manifests, context);
          if (d.manager === 'bundler') {
            const [gemfile] = d.manifests;
            return gemfile !== undefined && manifestSays(model, copy, run, gemfile, context, gemfileNeedsSources) ? undefined : d.manifests;
          }
          if (d.manager === 'go') return manifestSays(model, copy, run, 'go.mod', context, goModNeedsSources) ? undefined : d.manifests;
          return NODE_MANAGERS.has(d.manager) ? [...d.manifests, ...nodeInstallFiles(model, copy, run, d.manager, context)] : d.manifests;
        };
        const manifests = manifestsOf(install);
        // A manifest that says the install reads the sources (`-e .` in requirements, `gemspec` in a
        // Gemfile) makes the order the only one that works; splitting it is a redesign, not a reorder.
        if (install.manifests && !manifests && !generated(install)) continue;
        if (manifests && readsNothingToCache(model, copy, run, manifests, context)) continue;
        // A build that needs the sources is fine after them when a cache mount keeps the downloads.
        if (!manifests && run.run?.mounts.some((m) => m.type === 'cache')) continue;
        // Nor when the copy brings in no project of its manager (a context of scripts, whose build
        // clones its sources): no source edit can re-run it.
        if (!manifests && !copiesAProject(copy, install.manager, context)) continue;
        // npm, yarn and pnpm run the package's install scripts, which may read the sources: then the
        // manifests alone cannot install, and the advice is to defer the scripts.
        // Yarn 2 and later (a .yarnrc.yml) run no `prepare` on install and skip scripts with --mode=skip-build.
        const yarnBerry = install.manager === 'yarn' && (manifests?.includes('.yarnrc.yml') ?? false);
        const scripts =
          NODE_MANAGERS.has(install.manager) &&
          manifests &&
          !install.words.includes('--ignore-scripts') &&
          !install.words.some((w) => w === '--mode=skip-build')
            ? scriptsOf(model, copy, run, manifests, context).filter((script) => !(yarnBerry && script === 'prepare'))
            : [];
        if (manifests && scripts.length > 0) {
          report({
            range: copy.range,
            message: messages.scripts(install.command, run.range.start.line + 1, manifests, scripts, yarnBerry),
            instructionIndex: copy.index,
          });
          continue;
        }
        // Reordering is safe to offer only when the RUN directly follows and does nothing but install.
        const all = dependencyInstalls(run).map(manifestsOf);
        const movable = runIndex === i + 1 && onlyInstalls(run) && all.every((m) => m !== undefined);
        const wanted = [...new Set(all.flatMap((m) => m ?? []))];
        const placed = movable ? placeManifests(model, copy, run, wanted, context) : undefined;
        let fix: Fix | undefined;
        if (placed && placed.length > 0) {
          const flags = copy.flags
            .filter((f) => ['chown', 'chmod', 'link'].includes(f.name.toLowerCase()))
            .map((f) => textOf(model.text, model.lineStarts, f.range))
            .join(' ');
          const folders = new Map<string, string[]>();
          for (const { source, folder } of placed) folders.set(folder, [...(folders.get(folder) ?? []), source]);
          const copyLines = [...folders]
            .map(([folder, sources]) => ['COPY', flags, ...sources, folder].filter(Boolean).join(' '))
            .join(model.eol);
          const runText = textOf(model.text, model.lineStarts, run.range);
          const lineStart = { line: copy.range.start.line, character: 0 };
          fix = {
            title: `Copy ${placed.map((p) => p.source).join(', ')} and install before copying the sources`,
            safety: 'unsafe',
            edits: [
              { range: { start: lineStart, end: lineStart }, newText: `${copyLines}${model.eol}${runText}${model.eol}` },
              { range: wholeLines(run.range), newText: '' },
            ],
          };
        }
        report({
          range: copy.range,
          message:
            install.manager === 'cargo' && ['build', 'install'].includes(install.words[1] ?? '')
              ? messages.cargo(install.command, run.range.start.line + 1)
              : messages.early(install.command, run.range.start.line + 1, manifests),
          fix,
          instructionIndex: copy.index,
        });
      }
    }
  },
});
