/**
 * Variable substitution as BuildKit's Dockerfile frontend does it for instruction
 * arguments: `$NAME`, `${NAME}`, `${NAME:-word}`, `${NAME-word}`, `${NAME:+word}`,
 * `${NAME+word}`; the escape character makes `$` literal; single quotes stop expansion.
 */

/** A variable's value, `null` when declared without one, `undefined` when not in scope. */
export type Lookup = (name: string) => string | null | undefined;

export interface Expansion {
  value: string;
  /** Names referenced but not in scope. */
  unresolved: string[];
}

const NAME_START = /[A-Za-z_]/;
const NAME_PART = /[A-Za-z0-9_]/;

export function expand(text: string, lookup: Lookup, escapeChar = '\\'): Expansion {
  const unresolved: string[] = [];
  const value = expandFrom(text, lookup, escapeChar, unresolved);
  return { value, unresolved: [...new Set(unresolved)] };
}

function expandFrom(text: string, lookup: Lookup, escapeChar: string, unresolved: string[]): string {
  let out = '';
  let inSingle = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inSingle) {
      if (ch === "'") inSingle = false;
      out += ch;
      continue;
    }
    if (ch === "'") {
      inSingle = true;
      out += ch;
      continue;
    }
    if (ch === escapeChar && text[i + 1] === '$') {
      out += escapeChar + '$';
      i++;
      continue;
    }
    if (ch !== '$') {
      out += ch;
      continue;
    }
    const next = text[i + 1];
    if (next === '{') {
      const close = matchingBrace(text, i + 1);
      if (close < 0) {
        out += text.slice(i);
        break;
      }
      out += substitute(text.slice(i + 2, close), lookup, escapeChar, unresolved);
      i = close;
    } else if (next !== undefined && NAME_START.test(next)) {
      let end = i + 1;
      while (NAME_PART.test(text.charAt(end))) end++;
      const name = text.slice(i + 1, end);
      const v = lookup(name);
      if (v === undefined) unresolved.push(name);
      out += v ?? '';
      i = end - 1;
    } else {
      out += ch;
    }
  }
  return out;
}

function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

function substitute(inner: string, lookup: Lookup, escapeChar: string, unresolved: string[]): string {
  const match = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+?]|##?|%%?|\/\/?)([\s\S]*))?$/.exec(inner);
  if (!match) return '${' + inner + '}';
  const [, name = '', operator, word = ''] = match;
  const v = lookup(name);
  if (v === undefined && (operator === undefined || !/^:?[-+?]$/.test(operator))) unresolved.push(name);
  const isSet = v !== undefined;
  const isNonEmpty = v !== undefined && v !== null && v !== '';
  const value = v ?? '';
  const expanded = (text: string) => expandFrom(text, lookup, escapeChar, unresolved);
  switch (operator) {
    case ':-':
      return isNonEmpty ? v : expanded(word);
    case '-':
      return isSet ? value : expanded(word);
    case ':+':
      return isNonEmpty ? expanded(word) : '';
    case '+':
      return isSet ? expanded(word) : '';
    // BuildKit's trimming and replacement (Dockerfile 1.7+), with shell glob patterns.
    case '#':
    case '##':
      return trimPrefix(value, globPattern(expanded(word)), operator === '##');
    case '%':
    case '%%':
      return trimSuffix(value, globPattern(expanded(word)), operator === '%%');
    case '/':
    case '//': {
      // The pattern ends at the first slash the escape character does not escape (`${P/\//-}`);
      // BuildKit unescapes that slash in the pattern and leaves the replacement as written.
      const slash = unescapedSlash(word, escapeChar);
      const patternText = (slash < 0 ? word : word.slice(0, slash)).split(`${escapeChar}/`).join('/');
      const pattern = globPattern(expanded(patternText), operator === '//' ? 'g' : '');
      return value.replace(pattern, () => (slash < 0 ? '' : expanded(word.slice(slash + 1))));
    }
    default:
      return value;
  }
}

function unescapedSlash(word: string, escapeChar: string): number {
  for (let i = 0; i < word.length; i++) {
    if (word[i] === escapeChar) i++;
    else if (word[i] === '/') return i;
  }
  return -1;
}

/** A shell glob (`*`, `?`, `[…]`) as a regular expression; `*` is greedy, as the longest match wants. */
function globPattern(glob: string, flags = ''): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob.charAt(i);
    if (ch === '*') source += '[\\s\\S]*';
    else if (ch === '?') source += '[\\s\\S]';
    else if (ch === '[' && glob.indexOf(']', i + 1) > i + 1) {
      const end = glob.indexOf(']', i + 1);
      source += `[${glob
        .slice(i + 1, end)
        .replace(/^!/, '^')
        .replace(/\\/g, '\\\\')}]`;
      i = end;
    } else source += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(source, flags);
}

function trimPrefix(value: string, pattern: RegExp, longest: boolean): string {
  const whole = new RegExp(`^(?:${pattern.source})$`);
  for (let length = longest ? value.length : 0; longest ? length >= 0 : length <= value.length; length += longest ? -1 : 1) {
    if (whole.test(value.slice(0, length))) return value.slice(length);
  }
  return value;
}

function trimSuffix(value: string, pattern: RegExp, longest: boolean): string {
  const whole = new RegExp(`^(?:${pattern.source})$`);
  for (let start = longest ? 0 : value.length; longest ? start <= value.length : start >= 0; start += longest ? 1 : -1) {
    if (whole.test(value.slice(start))) return value.slice(0, start);
  }
  return value;
}

/** The names a text refers to, whether or not they are in scope. */
export function referencedNames(text: string, escapeChar = '\\'): string[] {
  const names: string[] = [];
  expand(
    text,
    (name) => {
      names.push(name);
      return undefined;
    },
    escapeChar,
  );
  return [...new Set(names)];
}

/** A word without its quotes, as the frontend's shell lexer reads it (`"/opt/app"` is `/opt/app`). */
export function unquote(word: string): string {
  let out = '';
  let quote: string | undefined;
  for (const ch of word) {
    if (quote) {
      if (ch === quote) quote = undefined;
      else out += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else {
      out += ch;
    }
  }
  return out;
}

/**
 * A `${name.with.dots}` placeholder: no Dockerfile variable has a dot in its name, so it is a build
 * tool's (Maven's resource filtering fills `${docker.base.image}`), and the file is a template of the
 * Dockerfile that tool writes and builds, not one BuildKit is given as it is.
 */
export const TEMPLATE_PLACEHOLDER = /\$\{[A-Za-z_][\w-]*\.[\w.-]+\}/;
