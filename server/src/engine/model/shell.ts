/**
 * A light reading of a RUN command as POSIX sh would split it: simple commands separated by
 * `&&`, `||`, `;`, `|` and newlines, each as unquoted words. Enough to recognise package
 * manager calls; not a shell: expansions, subshells and here-documents are taken as words.
 */
export interface SimpleCommand {
  words: string[];
  /** The operator that joins this command to the next one, if any. */
  next?: '&&' | '||' | ';' | '|';
}

export function splitCommands(command: string): SimpleCommand[] {
  const commands: SimpleCommand[] = [];
  let words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: string | undefined;
  // A word is taken from the command in slices, one per run of characters that it keeps in a row:
  // built a character at a time, it would be a V8 rope of one node per character, and the model
  // keeps every word of every open document (a fifth of its memory over the corpus).
  let runStart = 0;
  let runEnd = 0;
  const keep = (at: number) => {
    if (at !== runEnd) {
      word += command.slice(runStart, runEnd);
      runStart = at;
    }
    runEnd = at + 1;
  };
  const endWord = () => {
    word += command.slice(runStart, runEnd);
    if (inWord) words.push(word);
    word = '';
    runStart = runEnd = 0;
    inWord = false;
  };
  const endCommand = (next?: SimpleCommand['next']) => {
    endWord();
    const previous = commands.at(-1);
    // The model keeps the words: a copy of their own length, since V8 grows a pushed list by half and sixteen slots.
    if (words.length > 0) commands.push({ words: words.slice(), next });
    else if (next && previous) previous.next = next;
    words = [];
  };
  for (let i = 0; i < command.length; i++) {
    const ch = command[i];
    if (quote) {
      if (ch === quote) quote = undefined;
      else if (ch === '\\' && quote === '"' && i + 1 < command.length) keep(++i);
      else keep(i);
      continue;
    }
    if (ch === '"' || ch === "'") {
      quote = ch;
      inWord = true;
    } else if (ch === '\\' && i + 1 < command.length) {
      if (command[++i] !== '\n') {
        keep(i);
        inWord = true;
      }
    } else if (ch === '&' && command[i + 1] === '&') {
      endCommand('&&');
      i++;
    } else if (ch === '|' && command[i + 1] === '|') {
      endCommand('||');
      i++;
    } else if (ch === ';' || ch === '\n') {
      endCommand(';');
    } else if (ch === '|') {
      endCommand('|');
    } else if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\f' || ch === '\v') {
      endWord();
    } else {
      keep(i);
      inWord = true;
    }
  }
  endCommand();
  return commands;
}

/**
 * The files a simple command writes, as written in it: its output redirections (`> f`, `>>f`, `2> f`;
 * not `>&1`, which points at another descriptor), the files `tee` is given, and what `cp`, `mv` and
 * `install` write, their last word.
 */
export function writtenFiles(words: string[]): string[] {
  const files: string[] = [];
  words.forEach((word, i) => {
    const redirect = /^\d?>>?(.*)$/.exec(word);
    const target = redirect && (redirect[1] || words[i + 1]);
    if (target && !target.startsWith('&')) files.push(target);
  });
  if (words[0] === 'tee') {
    const end = words.findIndex((w) => /^\d?[<>]/.test(w));
    files.push(...words.slice(1, end < 0 ? undefined : end).filter((w) => !w.startsWith('-')));
  }
  const destination = words.at(-1);
  if (['cp', 'mv', 'install'].includes(words[0] ?? '') && words.length > 2 && destination !== undefined) files.push(destination);
  return files;
}

/**
 * Words that open or continue a compound command in front of a simple one: in
 * `for i in 1 2; do go mod download; done` the second command is `go mod download`, and in
 * `if pip install -r r.txt; then` the first is `pip install -r r.txt`.
 */
const COMPOUND_KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'while', 'until', 'do', '!', '{', '(', 'time']);

/** The program and its words after `VAR=value` prefixes and `sudo`, with the prefixed assignments. */
export function invocation(command: SimpleCommand): { assignments: Map<string, string>; words: string[] } {
  const assignments = new Map<string, string>();
  let i = 0;
  while (COMPOUND_KEYWORDS.has(command.words[i] ?? '')) i++;
  for (const word of command.words.slice(i)) {
    const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(word);
    if (!match) break;
    const [, name = '', value = ''] = match;
    assignments.set(name, value);
    i++;
  }
  while (command.words[i] === 'sudo') i++;
  return { assignments, words: command.words.slice(i) };
}

/** The command's program and arguments without leading `VAR=value` assignments and `sudo`/`env`/`exec`. */
export function programWords(command: SimpleCommand): string[] {
  const { words } = invocation(command);
  let i = 0;
  while (i < words.length && (words[i] === 'sudo' || words[i] === 'env' || words[i] === 'exec')) i++;
  return words.slice(i);
}

/** The first word after the program that is not a flag: `install` in `apt-get -qq install curl`. */
export function subcommand(words: string[]): string | undefined {
  return words.slice(1).find((w) => !w.startsWith('-'));
}
