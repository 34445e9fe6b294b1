/**
 * `.dockerignore` as BuildKit reads it (moby/patternmatcher): one pattern a line, `#`
 * comments, a leading `!` re-includes, `*` and `?` stay within a path segment, `**` spans
 * segments, and a path is excluded when the last pattern matching it or one of its parent
 * directories is not a `!` pattern.
 */
export interface DockerIgnore {
  patterns: { source: string; exclusion: boolean; regex: RegExp }[];
  /** True when some pattern starts with `!`: then what is excluded cannot be decided per path. */
  hasExclusions: boolean;
  excludes(path: string): boolean;
}

function cleanPath(path: string): string {
  const parts: string[] = [];
  for (const part of path.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/') || '.';
}

function patternRegex(pattern: string): RegExp {
  let out = '^';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '*') {
      if (pattern[i + 1] === '*') {
        i++;
        // `**/` also matches no directory at all.
        if (pattern[i + 1] === '/') {
          i++;
          out += '(?:.*/)?';
        } else {
          out += '.*';
        }
      } else {
        out += '[^/]*';
      }
    } else if (ch === '?') {
      out += '[^/]';
    } else if (ch === '[') {
      const close = pattern.indexOf(']', i + 1);
      if (close < 0) {
        out += '\\[';
      } else {
        out += `[${pattern.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else if (ch === '\\' && i + 1 < pattern.length) {
      out += pattern[++i].replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    } else {
      out += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    }
  }
  return new RegExp(out + '$');
}

export function parseDockerignore(text: string): DockerIgnore {
  const patterns = text.split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const exclusion = line.startsWith('!');
      const source = cleanPath((exclusion ? line.slice(1) : line).trim());
      return { source, exclusion, regex: patternRegex(source) };
    });
  const matches = (path: string): boolean | undefined => {
    let result: boolean | undefined;
    for (const pattern of patterns) if (pattern.regex.test(path)) result = !pattern.exclusion;
    return result;
  };
  return {
    patterns,
    hasExclusions: patterns.some((p) => p.exclusion),
    excludes(path: string): boolean {
      const clean = cleanPath(path);
      const segments = clean.split('/');
      // The path itself, then each parent directory, as MatchesOrParentMatches does.
      for (let n = segments.length; n > 0; n--) {
        if (matches(segments.slice(0, n).join('/'))) return true;
      }
      return false;
    },
  };
}

/**
 * The ignore file BuildKit uses for a Dockerfile: `<name>.dockerignore` beside it first, then
 * `.dockerignore` in the context. `read` returns a file's text, or undefined when it is absent;
 * the engine never touches the file system itself.
 */
export function findDockerignore(dockerfilePath: string, contextDir: string, read: (path: string) => string | undefined): string | undefined {
  const slash = Math.max(dockerfilePath.lastIndexOf('/'), dockerfilePath.lastIndexOf('\\'));
  const separator = slash >= 0 ? dockerfilePath[slash] : '/';
  return read(`${dockerfilePath}.dockerignore`) ?? read(`${contextDir.replace(/[\\/]+$/, '')}${separator}.dockerignore`);
}
