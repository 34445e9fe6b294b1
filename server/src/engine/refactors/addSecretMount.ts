import { argumentsRange, joinPath, programWords, referencedNames, textOf, unquote, wholeLines, workdirAt } from '../model';
import { commandsOf } from '../knowledge/packageCaches';
import type { DockerfileModel, Instruction, Property, Word } from '../model';
import type { Fix, TextEdit } from './fix';

/** Where BuildKit mounts a secret when the mount gives no target. */
export function secretPath(id: string): string {
  return `/run/secrets/${id}`;
}

/** The secret id the fix gives a variable: its name in lower case, as `--secret id=` conventions go. */
export function secretIdFor(name: string): string {
  return name.toLowerCase();
}

function usesVariable(instruction: Instruction, name: string, escapeChar: string): boolean {
  const texts = instruction.run
    ? [instruction.run.command, ...instruction.heredocs.map((h) => h.content)]
    : instruction.args.map((a) => a.value);
  return texts.some((text) => referencedNames(text, escapeChar).includes(name));
}

/** Deletes whole lines of a one-property instruction, or just the property among several. */
function removeDeclaration(instruction: Instruction, property: Property): TextEdit {
  if (instruction.properties.length === 1) {
    return { range: wholeLines(instruction.range), newText: '' };
  }
  const index = instruction.properties.indexOf(property);
  const previous = instruction.properties[index - 1];
  const next = instruction.properties[index + 1];
  // The spaces between two properties go with the one removed.
  if (previous) return { range: { start: previous.range.end, end: property.range.end }, newText: '' };
  return { range: { start: property.range.start, end: next ? next.range.start : property.range.end }, newText: '' };
}

/**
 * "Add secret mount": removes the ARG or ENV that carries a secret and gives every RUN of
 * the stage that reads the variable a `--mount=type=secret` instead, exporting the variable
 * from the mounted file for that one command. The file form (rather than `env=`) is what
 * the Dockerfile frontend built into Docker 20.10 understands. Unsafe: the build must now be
 * given `--secret id=…`, and the value no longer comes from the ARG's default or the ENV.
 * Returns undefined where the rewrite would not keep the build working: a global ARG, a
 * variable read outside RUN, an exec-form RUN, a custom SHELL, a Windows (backtick) file.
 */
export function addSecretMount(model: DockerfileModel, declaration: Instruction, property: Property): Fix | undefined {
  const escapeChar = model.directives.escape.char;
  const stage = model.stages[declaration.stage];
  if (!stage || escapeChar !== '\\') return undefined;
  if (stage.instructions.some((i) => i.keyword === 'SHELL')) return undefined;
  const name = property.name;
  const inheritedByLaterStages = model.stages.some(
    (s) => s.baseStage === stage.index && s.instructions.some((i) => i !== s.from && usesVariable(i, name, escapeChar)),
  );
  if (declaration.keyword === 'ENV' && inheritedByLaterStages) return undefined;

  const later = stage.instructions.filter((i) => i.index > declaration.index && i.keyword !== 'FROM');
  const readers = later.filter((i) => usesVariable(i, name, escapeChar));
  if (readers.length === 0 || readers.some((i) => i.keyword !== 'RUN' || i.run?.form !== 'shell')) return undefined;

  const id = secretIdFor(name);
  const exportLine = `export ${name}="$(cat ${secretPath(id)})"`;
  const edits: TextEdit[] = [removeDeclaration(declaration, property)];
  for (const run of readers) {
    const hasMount = run.run?.mounts.some((m) => m.type === 'secret' && m.id === id) ?? false;
    if (!hasMount) {
      edits.push({
        range: { start: run.keywordRange.end, end: run.keywordRange.end },
        newText: ` --mount=type=secret,id=${id},required=true`,
      });
    }
    const heredoc = run.heredocs[0];
    const first = run.args[0];
    if (heredoc && first?.value.startsWith('<<')) {
      if (!heredoc.contentRange || heredoc.content.startsWith('#!')) return undefined;
      edits.push({ range: { start: heredoc.contentRange.start, end: heredoc.contentRange.start }, newText: exportLine + model.eol });
    } else if (first) {
      edits.push({ range: { start: first.range.start, end: first.range.start }, newText: `${exportLine} && ` });
    }
  }
  return {
    title: `Add secret mount: pass ${name} as secret "${id}" instead of ${declaration.keyword}`,
    safety: 'unsafe',
    edits,
    // The value used to come in as a build argument or environment: the build reads it from the same variable.
    secrets: [{ id, source: { env: name } }],
  };
}

/** Which programs read a credential file, by its name: the RUNs that run them get the mount. */
const READERS: { file: RegExp; programs: RegExp }[] = [
  { file: /^\.npmrc$/, programs: /^(npm|npx|yarn|pnpm)$/ },
  { file: /^(\.pypirc|pip\.conf|\.netrc)$/, programs: /^(pip[23]?|python[0-9.]*|poetry|uv|twine|pipenv)$/ },
  { file: /^auth\.toml$/, programs: /^poetry$/ },
  { file: /^\.git-credentials$/, programs: /^git$/ },
  { file: /^config\.json$/, programs: /^docker$/ },
  { file: /^credentials$/, programs: /^aws$/ },
];

/** `.npmrc` → `npmrc`, `pip.conf` → `pip_conf`: a secret id from a file name. */
export function secretIdForFile(path: string): string {
  return (path.split('/').pop() ?? path)
    .replace(/^\.+/, '')
    .replace(/[^A-Za-z0-9_-]+/g, '_')
    .toLowerCase();
}

/**
 * "Add secret mount" for a credential file a COPY puts in a layer: drops it from the COPY (the
 * whole line when it was the only source), mounts it with `--mount=type=secret` at the same path
 * on every later RUN of the stage whose programs read it, drops those RUNs' `rm` of it (a secret
 * mount cannot be deleted), and adds it to `.dockerignore` so that the context no longer sends it.
 * Unsafe: the build must now be given `--secret id=…,src=…`. Undefined when no later RUN reads
 * it, or the file is Windows (backtick) or uses a custom SHELL.
 */
export function mountCopiedSecret(model: DockerfileModel, copy: Instruction, source: Word, path: string): Fix | undefined {
  const stage = model.stages[copy.stage];
  const details = copy.copy;
  if (!stage || !details?.destination || model.directives.escape.char !== '\\' || stage.instructions.some((i) => i.keyword === 'SHELL'))
    return undefined;
  const name = path.split('/').pop() ?? path;
  const reader = READERS.find((r) => r.file.test(name));
  if (!reader) return undefined;
  const readers = stage.instructions.filter(
    (i) =>
      i.index > copy.index &&
      i.keyword === 'RUN' &&
      i.run?.form === 'shell' &&
      commandsOf(i).some((c) => reader.programs.test(programWords(c)[0] ?? '')),
  );
  if (readers.length === 0) return undefined;

  const workdir = workdirAt(model, copy);
  const destination = unquote(details.destination.value);
  const intoFolder = details.sources.length > 1 || destination.endsWith('/') || destination === '.';
  const target = joinPath(workdir, intoFolder ? `${destination}/${name}` : destination);
  const id = secretIdForFile(path);

  const edits: TextEdit[] = [];
  if (details.sources.length === 1) {
    edits.push({ range: wholeLines(copy.range), newText: '' });
  } else {
    const index = details.sources.indexOf(source);
    const next = details.sources[index + 1] ?? details.destination;
    edits.push({ range: { start: source.range.start, end: next.range.start }, newText: '' });
  }
  const removable = new RegExp(
    `(^|\\s*(?:&&|;)\\s*)rm(\\s+-[a-zA-Z]+)*\\s+(${escapeRegExp(target)}|(\\./)?${escapeRegExp(name)})(?=\\s*($|&&|;))`,
    'g',
  );
  for (const run of readers) {
    edits.push({
      range: { start: run.keywordRange.end, end: run.keywordRange.end },
      newText: ` --mount=type=secret,id=${id},target=${target},required=true`,
    });
    const commandRange = argumentsRange(run.args);
    const command = commandRange ? textOf(model.text, model.lineStarts, commandRange) : '';
    const kept = command.replace(removable, '').replace(/^\s*(&&|;)\s*/, '');
    if (commandRange && kept !== command) edits.push({ range: commandRange, newText: kept });
  }
  return {
    title: `Add secret mount: pass ${path} as secret "${id}" (--secret id=${id},src=${path}) instead of copying it`,
    safety: 'unsafe',
    edits,
    contextLines: [{ file: '.dockerignore', line: path }],
    secrets: [{ id, source: { src: path } }],
  };
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** Where package managers read their registry credentials, as root: the file a secret mount can stand in for. */
const TOOL_CREDENTIALS: { tool: string; programs: RegExp; subcommands: RegExp; id: string; file: string; target: string }[] = [
  { tool: 'npm', programs: /^(npm|yarn|pnpm)$/, subcommands: /^(ci|install|i|add)$/, id: 'npmrc', file: '.npmrc', target: '/root/.npmrc' },
  {
    tool: 'poetry',
    programs: /^poetry$/,
    subcommands: /^(install|lock|add|update)$/,
    id: 'poetry_auth',
    file: 'auth.toml',
    target: '/root/.config/pypoetry/auth.toml',
  },
  { tool: 'pip', programs: /^pip[23]?$/, subcommands: /^(install|download)$/, id: 'pip_conf', file: 'pip.conf', target: '/etc/pip.conf' },
];

export interface ToolCredentialMount {
  title: string;
  id: string;
  edits: TextEdit[];
}

/**
 * "Add secret mount" on a RUN whose package manager may need registry credentials: mounts the
 * manager's credentials file (`.npmrc`, poetry's `auth.toml`, `pip.conf`) as a secret at the path
 * the manager reads, for that one RUN, so a private registry works without the file ever reaching
 * a layer. Offered only as root (another user's home is not in the file), when the RUN mounts no
 * secret yet; the build is then given `--secret id=…,src=…` (optional: `required` is left off, so
 * builds without private packages keep working).
 */
export function mountToolCredentials(model: DockerfileModel, run: Instruction): ToolCredentialMount | undefined {
  const stage = model.stages[run.stage];
  if (!stage || !run.run || run.run.form !== 'shell' || run.run.mounts.some((m) => m.type === 'secret')) return undefined;
  if (stage.instructions.some((i) => (i.keyword === 'USER' || i.keyword === 'SHELL') && i.index < run.index)) return undefined;
  const used = TOOL_CREDENTIALS.find((c) =>
    commandsOf(run).some((command) => {
      const words = programWords(command);
      return c.programs.test(words[0] ?? '') && c.subcommands.test(words.slice(1).find((w) => !w.startsWith('-')) ?? '');
    }),
  );
  if (!used) return undefined;
  return {
    title: `Add secret mount: ${used.tool} reads its registry credentials (${used.file}) from secret "${used.id}" (--secret id=${used.id},src=…)`,
    id: used.id,
    edits: [
      {
        range: { start: run.keywordRange.end, end: run.keywordRange.end },
        newText: ` --mount=type=secret,id=${used.id},target=${used.target}`,
      },
    ],
  };
}
