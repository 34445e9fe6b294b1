import type { Mount, Range } from './types';

/** One `key=value` of a `--mount` flag; value null when the key stands alone (`required`). */
export interface MountOption {
  key: string;
  value: string | null;
}

const TARGET_KEYS = ['target', 'dst', 'destination'];
const SOURCE_KEYS = ['source', 'src'];
/** Keys that may stand alone, without `=value`. */
export const BOOLEAN_KEYS: ReadonlySet<string> = new Set(['readonly', 'ro', 'rw', 'readwrite', 'required']);

/** The keys each mount type uses (aliases included), for hovers and completion. */
export const MOUNT_KEYS: Readonly<Record<string, ReadonlySet<string>>> = {
  bind: new Set(['type', 'from', 'readonly', 'ro', 'rw', 'readwrite', ...TARGET_KEYS, ...SOURCE_KEYS]),
  cache: new Set([
    'type',
    'id',
    'sharing',
    'from',
    'mode',
    'uid',
    'gid',
    'readonly',
    'ro',
    'rw',
    'readwrite',
    ...TARGET_KEYS,
    ...SOURCE_KEYS,
  ]),
  secret: new Set(['type', 'id', 'env', 'required', 'mode', 'uid', 'gid', ...TARGET_KEYS]),
  ssh: new Set(['type', 'id', 'required', 'mode', 'uid', 'gid', ...TARGET_KEYS]),
  tmpfs: new Set(['type', 'size', ...TARGET_KEYS]),
};

/** BuildKit's parser accepts any of these keys on any type, and rejects every other key. */
const ALL_KEYS = new Set(Object.values(MOUNT_KEYS).flatMap((keys) => [...keys]));

function parseBool(value: string | null): boolean {
  return value === null || value === '' || value.toLowerCase() === 'true' || value === '1';
}

function baseName(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/**
 * Reads a `--mount` flag's options into a typed record, the way BuildKit does: `type`
 * defaults to `bind`, aliases (`dst`, `src`, `ro`, `rw`) are resolved, a secret's id
 * defaults to its target's base name, and a missing target means the working directory.
 * Unknown keys and bad values become problems, not exceptions, so a half-typed flag still
 * yields a model.
 */
export function readMount(options: MountOption[], range: Range): Mount {
  const map = new Map<string, string | null>();
  const problems: string[] = [];
  for (const { key, value } of options) {
    const lower = key.toLowerCase();
    if (map.has(lower)) problems.push(`the key "${key}" is given twice`);
    map.set(lower, value);
  }
  const get = (...keys: string[]): string | undefined => {
    for (const key of keys) {
      const value = map.get(key);
      if (value !== undefined && value !== null) return value;
    }
    return undefined;
  };
  const has = (key: string): boolean => map.has(key);
  const declaredType = (map.get('type') ?? 'bind').toLowerCase();
  if (!MOUNT_KEYS[declaredType]) {
    problems.push(`unknown mount type "${declaredType}" (expected bind, cache, secret, ssh or tmpfs)`);
    return { type: 'unknown', declaredType, range, options: map, problems };
  }
  for (const [key, value] of map) {
    if (value === null && !BOOLEAN_KEYS.has(key)) problems.push(`"${key}" must be a key=value pair`);
    else if (!ALL_KEYS.has(key)) problems.push(`unexpected key "${key}"`);
  }
  // Verified on BuildKit: sharing= on anything but a cache mount fails the build.
  if (declaredType !== 'cache' && map.has('sharing')) problems.push(`sharing applies only to cache mounts, not type=${declaredType}`);
  // BuildKit expands variables in mount values before it checks them (`uid=$PUID` with `ENV PUID=911`
  // builds), and quotes around a value are the shell's, not part of it: such a value is checked by
  // the build, not here.
  const checked = (key: string) => {
    const value = map.get(key);
    return value === undefined || value === null ? value : value.replace(/^(["'])(.*)\1$/, '$2');
  };
  const expandedLater = (value: string | null | undefined) => value !== undefined && value !== null && value.includes('$');
  const mode = checked('mode');
  if (mode !== undefined && !expandedLater(mode) && (mode === null || !/^0?[0-7]{3}$/.test(mode)))
    problems.push(`mode must be an octal permission such as 0644, not "${mode ?? ''}"`);
  for (const key of ['uid', 'gid']) {
    const value = checked(key);
    if (value !== undefined && !expandedLater(value) && (value === null || !/^\d+$/.test(value)))
      problems.push(`${key} must be a number, not "${value ?? ''}"`);
  }
  for (const key of ['required', 'readonly', 'ro', 'rw', 'readwrite']) {
    const value = checked(key);
    if (value !== undefined && value !== null && !expandedLater(value) && !/^(true|false|1|0)$/i.test(value))
      problems.push(`${key} must be true or false, not "${value}"`);
  }
  const target = get('target', 'dst', 'destination');
  const common = { range, options: map, problems };
  const readonly = (has('readonly') && parseBool(map.get('readonly') ?? null)) || (has('ro') && parseBool(map.get('ro') ?? null));
  const readwrite = (has('rw') && parseBool(map.get('rw') ?? null)) || (has('readwrite') && parseBool(map.get('readwrite') ?? null));
  switch (declaredType) {
    case 'cache': {
      const sharingValue = (get('sharing') ?? 'shared').toLowerCase();
      let sharing: 'shared' | 'private' | 'locked' = 'shared';
      if (sharingValue === 'private' || sharingValue === 'locked' || sharingValue === 'shared') sharing = sharingValue;
      else if (!sharingValue.includes('$')) problems.push(`sharing must be shared, private or locked, not "${sharingValue}"`);
      return {
        ...common,
        type: 'cache',
        target,
        id: get('id'),
        sharing,
        from: get('from'),
        source: get('source', 'src'),
        mode: get('mode'),
        uid: get('uid'),
        gid: get('gid'),
        readonly,
      };
    }
    case 'secret': {
      const env = get('env');
      const id = get('id') ?? (target ? baseName(target) : undefined);
      if (!id && !env) problems.push('a secret mount needs id= or target=');
      return {
        ...common,
        type: 'secret',
        id,
        target: target ?? (env || !id ? undefined : `/run/secrets/${id}`),
        env,
        required: has('required') && parseBool(map.get('required') ?? null),
        mode: get('mode'),
        uid: get('uid'),
        gid: get('gid'),
      };
    }
    case 'ssh':
      return {
        ...common,
        type: 'ssh',
        id: get('id') ?? 'default',
        target,
        required: has('required') && parseBool(map.get('required') ?? null),
        mode: get('mode'),
        uid: get('uid'),
        gid: get('gid'),
      };
    case 'tmpfs':
      return { ...common, type: 'tmpfs', target, size: get('size') };
    default:
      return { ...common, type: 'bind', target, source: get('source', 'src'), from: get('from'), readwrite: readwrite && !readonly };
  }
}
