import { BOOLEAN_KEYS, contains, INSTRUCTION_FLAGS, instructionOnLine, MOUNT_KEYS } from './model';
import type { DockerfileModel, Position, Range } from './model';
import { RULES } from './rules';

/**
 * Completion for the BuildKit syntax dockerfile-language-service does not know: RUN's --mount
 * (types, keys per type, values, the secret and cache ids the file already uses, the stages a
 * `from=` can name), --network and --security, COPY and ADD's newer flags, FROM --platform, and
 * the `# check=` directive with BuildKit's check names. The editor layer adds these to the
 * library's items.
 */
export interface Suggestion {
  label: string;
  /** What replaces `range`. */
  insertText: string;
  range: Range;
  kind: 'flag' | 'key' | 'value';
  documentation: string;
}

const MOUNT_TYPES: Record<string, string> = {
  bind: 'Files from the build context, or from a stage or image with `from=`, read-only by default: nothing is copied into a layer.',
  cache:
    'A folder kept on the builder between builds (package downloads, compiler caches). Its contents are not in the cache key and not in the layer.',
  secret:
    'A secret given to the build with `--secret id=…`, as a file (`/run/secrets/<id>` by default) or an environment variable (`env=`). Never in a layer or the cache key.',
  ssh: 'The SSH agent forwarded with `--ssh`, for `git clone` of private repositories.',
  tmpfs: 'An empty in-memory folder, gone when the step ends.',
};

const MOUNT_KEY_DOCS: Record<string, string> = {
  type: 'What is mounted: `bind` (the default), `cache`, `secret`, `ssh` or `tmpfs`.',
  target: 'Where it is mounted in the step.',
  dst: 'Where it is mounted (same as `target`).',
  destination: 'Where it is mounted (same as `target`).',
  source: 'The path in what is mounted (the context, or `from=`).',
  src: 'The path in what is mounted (same as `source`).',
  from: 'A stage or image to mount from (bind and cache mounts).',
  id: "The secret or SSH id, or the cache's name: builds that name the same id share it.",
  sharing: 'How concurrent builds share a cache: `shared` (default), `private` or `locked` (apt needs `locked`).',
  mode: 'The mode of the mounted folder or file, octal.',
  uid: 'The owner of the mounted folder or file.',
  gid: 'The group of the mounted folder or file.',
  readonly: 'Mounts read-only.',
  ro: 'Mounts read-only.',
  rw: 'Mounts read-write (for bind mounts: changes are discarded after the step).',
  readwrite: 'Mounts read-write.',
  required: 'Fails the build when the secret or SSH agent is not given.',
  env: 'Exposes the secret as this environment variable instead of a file.',
  size: 'The size limit of a tmpfs mount.',
};

const VALUES: Record<string, Record<string, string>> = {
  sharing: {
    shared: 'Builds use the cache at the same time.',
    private: 'A build that finds the cache in use gets a new, empty one.',
    locked: 'A build waits until the cache is free (what apt and dpkg need).',
  },
  required: { true: 'Fail the build when the secret is not given.', false: 'Mount nothing when the secret is not given.' },
  network: {
    default: "The builder's default network.",
    none: 'No network access: the step must not download anything.',
    host: "The host's network (needs `--allow network.host`).",
  },
  security: { sandbox: 'The default.', insecure: 'Elevated privileges (needs `--allow security.insecure`).' },
};

const CHECK_KEYS: Record<string, string> = {
  'skip=': 'Checks not to run, by name, comma-separated, or `all`.',
  'error=true': 'Fail the build when a check reports.',
  'experimental=': 'Experimental checks to run, by name, or `all`.',
};

/** The word being typed at `position`: from the last blank before it on its line. */
function wordAt(model: DockerfileModel, position: Position): { word: string; start: number; lineText: string } {
  const lineStart = model.lineStarts[position.line] ?? model.text.length;
  const lineEnd = model.lineStarts[position.line + 1] ?? model.text.length;
  const lineText = model.text.slice(lineStart, lineEnd).replace(/\r?\n$/, '');
  const before = lineText.slice(0, position.character);
  const start = before.search(/\S*$/);
  return { word: before.slice(start), start, lineText };
}

export function buildkitCompletions(model: DockerfileModel, position: Position): Suggestion[] {
  const { word, start, lineText } = wordAt(model, position);
  const rangeFrom = (character: number): Range => ({ start: { line: position.line, character }, end: position });
  if (/^\s*#\s*check\s*=/i.test(lineText) && model.instructions.every((i) => i.range.start.line > position.line))
    return checkDirective(lineText, position);

  const instruction = instructionOnLine(model, position.line);
  const flags = instruction && INSTRUCTION_FLAGS[instruction.keyword];
  if (!instruction || !flags || !word.startsWith('--')) return [];
  // Only among the flags: once an argument is written, a `--word` is the command's own.
  const firstArgument = instruction.args[0]?.range.start;
  if (firstArgument && (firstArgument.line < position.line || (firstArgument.line === position.line && firstArgument.character < start)))
    return [];

  const assignment = /^--([a-z-]+)=(.*)$/.exec(word);
  if (!assignment) {
    return flags
      .filter((f) => `--${f.name}`.startsWith(word))
      .map((f) => ({
        label: `--${f.name}${f.takesValue ? '=' : ''}`,
        insertText: `--${f.name}${f.takesValue ? '=' : ''}`,
        range: rangeFrom(start),
        kind: 'flag',
        documentation: f.documentation,
      }));
  }
  const [, flag = '', value = ''] = assignment;
  const valueStart = start + flag.length + 3;
  if (flag === 'mount' && instruction.keyword === 'RUN') return mountCompletions(model, instruction.stage, value, valueStart, position);
  const values = VALUES[flag];
  if (!values || !flags.some((f) => f.name === flag)) return [];
  return Object.entries(values)
    .filter(([v]) => v.startsWith(value))
    .map(([v, documentation]) => ({ label: v, insertText: v, range: rangeFrom(valueStart), kind: 'value', documentation }));
}

function mountCompletions(model: DockerfileModel, stage: number, value: string, valueStart: number, position: Position): Suggestion[] {
  const segmentStart = value.lastIndexOf(',') + 1;
  const segment = value.slice(segmentStart);
  const options = value.slice(0, segmentStart).split(',').filter(Boolean);
  const type = /(?:^|,)type=([a-z]+)/.exec(value)?.[1] ?? 'bind';
  const from = valueStart + segmentStart;
  const range = (character: number): Range => ({ start: { line: position.line, character }, end: position });
  const equals = segment.indexOf('=');
  if (equals < 0) {
    const used = new Set(options.map((o) => o.split('=')[0]));
    const keys = [...(MOUNT_KEYS[type] ?? MOUNT_KEYS.bind ?? [])].filter((k) => !used.has(k) && k.startsWith(segment));
    return keys.map((key) => {
      const written = BOOLEAN_KEYS.has(key) ? key : `${key}=`;
      return { label: written, insertText: written, range: range(from), kind: 'key', documentation: MOUNT_KEY_DOCS[key] ?? '' };
    });
  }
  const key = segment.slice(0, equals);
  const typed = segment.slice(equals + 1);
  const at = range(from + equals + 1);
  const offer = (entries: [string, string][]): Suggestion[] =>
    entries
      .filter(([v]) => v.startsWith(typed))
      .map(([v, documentation]) => ({ label: v, insertText: v, range: at, kind: 'value', documentation }));
  if (key === 'type') return offer(Object.entries(MOUNT_TYPES));
  if (key === 'sharing' || key === 'required') return offer(Object.entries(VALUES[key] ?? {}));
  if (key === 'from') {
    // A RUN before the first FROM has no stage (-1), and no earlier stage either.
    return offer(
      model.stages
        .filter((s) => s.name && s.index < stage)
        .map((s) => [s.name as string, `Stage ${s.name}, line ${s.from.range.start.line + 1} (FROM ${s.base})`]),
    );
  }
  if (key === 'id' && (type === 'secret' || type === 'cache' || type === 'ssh')) {
    const ids = new Map<string, number>();
    for (const instruction of model.instructions) {
      for (const mount of instruction.run?.mounts ?? []) {
        const id = 'id' in mount ? mount.id : undefined;
        if (mount.type === type && id && !ids.has(id)) ids.set(id, instruction.range.start.line + 1);
      }
    }
    return offer([...ids].map(([id, firstLine]) => [id, `The ${type} id the RUN at line ${firstLine} mounts`]));
  }
  return [];
}

/**
 * What a BuildKit flag or `--mount` key under the cursor means, for the hover: the same text its
 * completion shows. Undefined elsewhere.
 */
export function buildkitFlagDocumentation(model: DockerfileModel, position: Position): { markdown: string; range: Range } | undefined {
  const instruction = instructionOnLine(model, position.line);
  const flags = instruction && INSTRUCTION_FLAGS[instruction.keyword];
  const flag = flags && instruction.flags.find((f) => contains(f.range, position));
  if (!flags || !flag) return undefined;
  const name = flag.name.toLowerCase();
  const doc = flags.find((f) => f.name === name);
  if (!doc) return undefined;
  const lines = [`**--${name}** (${instruction.keyword}): ${doc.documentation}`];
  if (name === 'mount' && flag.value && flag.valueRange && flag.valueRange.start.line === position.line) {
    // The key under the cursor, counted from the start of the value.
    const offset = position.character - flag.valueRange.start.character;
    let start = 0;
    for (const part of flag.value.split(',')) {
      if (start <= offset && offset <= start + part.length) {
        const [written = '', type] = part.split('=');
        const key = written.toLowerCase();
        if (MOUNT_KEY_DOCS[key]) lines.push(`\`${key}\`: ${MOUNT_KEY_DOCS[key]}`);
        if (key === 'type' && type && MOUNT_TYPES[type]) lines.push(`\`type=${type}\`: ${MOUNT_TYPES[type]}`);
      }
      start += part.length + 1;
    }
  }
  return { markdown: lines.join('\n\n'), range: flag.range };
}

/** `# check=skip=…,error=true,experimental=…`: its keys, and BuildKit's check names after skip= and experimental=. */
function checkDirective(lineText: string, position: Position): Suggestion[] {
  const before = lineText.slice(0, position.character);
  const valueStart = before.indexOf('=') + 1;
  const value = before.slice(valueStart);
  const partStart = Math.max(value.lastIndexOf(';'), value.lastIndexOf(',')) + 1;
  const part = value.slice(partStart).trimStart();
  const at = (character: number): Range => ({ start: { line: position.line, character }, end: position });
  const nameList = /(?:^|;)\s*(skip|experimental)=([^;]*)$/.exec(value);
  if (nameList) {
    const [, listKind, list = ''] = nameList;
    const typed = list.slice(list.lastIndexOf(',') + 1);
    const names = RULES.filter((r) => r.buildkit && (listKind === 'skip' || r.experimental)).map((r) => [r.id, r.description] as const);
    return [['all', 'Every check.'] as const, ...names]
      .filter(([n]) => n.startsWith(typed))
      .map(([n, documentation]) => ({
        label: n,
        insertText: n,
        range: at(position.character - typed.length),
        kind: 'value',
        documentation,
      }));
  }
  return Object.entries(CHECK_KEYS)
    .filter(([k]) => k.startsWith(part))
    .map(([k, documentation]) => ({
      label: k,
      insertText: k,
      range: at(valueStart + partStart + (value.slice(partStart).length - part.length)),
      kind: 'key',
      documentation,
    }));
}

/**
 * Whether the position is in the tag of a FROM image (`node:2|`), where the library asks Docker
 * Hub: after the colon that follows the last slash (a colon before it is a registry's port).
 */
export function inImageTag(model: DockerfileModel, position: Position): boolean {
  const instruction = instructionOnLine(model, position.line);
  const image = instruction?.keyword === 'FROM' ? instruction.args[0] : undefined;
  if (!image || image.range.start.line !== position.line || image.range.end.line !== position.line) return false;
  if (position.character <= image.range.start.character || position.character > image.range.end.character) return false;
  const colon = image.value.indexOf(':', image.value.lastIndexOf('/') + 1);
  return colon >= 0 && position.character > image.range.start.character + colon;
}
