/**
 * `.dockerignore` as BuildKit reads it (moby/patternmatcher): one pattern a line, `#`
 * comments, a leading `!` re-includes, `*` and `?` stay within a path segment, `**` spans
 * segments, and a path is excluded when the last pattern that matches it or one of its parent
 * directories is not a `!` pattern.
 */
export interface DockerIgnore {
  patterns: { source: string; exclusion: boolean; regex: RegExp }[];
  /** True when some pattern starts with `!`: then what is excluded cannot be decided per path. */
  hasExclusions: boolean;
  excludes(path: string): boolean;
}

/** A path as BuildKit compares it: `/`-separated, without `.` segments, `..` resolved, relative. */
export function cleanPath(path: string): string {
  const parts: string[] = [];
  for (const part of path.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/') || '.';
}

/** A pattern as moby/patternmatcher reads it, for `.dockerignore` lines and COPY sources alike. */
export function patternRegex(pattern: string): RegExp {
  let out = '^';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern.charAt(i);
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
        out += `[${pattern
          .slice(i + 1, close)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else if (ch === '\\' && i + 1 < pattern.length) {
      out += pattern.charAt(++i).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    } else {
      out += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    }
  }
  return new RegExp(out + '$');
}

export function parseDockerignore(text: string): DockerIgnore {
  const patterns = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const exclusion = line.startsWith('!');
      const source = cleanPath((exclusion ? line.slice(1) : line).trim());
      return { source, exclusion, regex: patternRegex(source) };
    });
  return {
    patterns,
    hasExclusions: patterns.some((p) => p.exclusion),
    excludes(path: string): boolean {
      const segments = cleanPath(path).split('/');
      const candidates = segments.map((_, n) => segments.slice(0, n + 1).join('/'));
      // As moby/patternmatcher's MatchesOrParentMatches: patterns in order, each matching the
      // path or one of its parent directories, and the last one that matches decides.
      let excluded = false;
      for (const pattern of patterns) {
        if (candidates.some((candidate) => pattern.regex.test(candidate))) excluded = !pattern.exclusion;
      }
      return excluded;
    },
  };
}

export function findDockerignore(
  dockerfilePath: string,
  contextDir: string,
  read: (path: string) => string | undefined,
): string | undefined {
  const slash = Math.max(dockerfilePath.lastIndexOf('/'), dockerfilePath.lastIndexOf('\\'));
  const separator = slash >= 0 ? dockerfilePath[slash] : '/';
  return read(`${dockerfilePath}.dockerignore`) ?? read(`${contextDir.replace(/[\\/]+$/, '')}${separator}.dockerignore`);
}
