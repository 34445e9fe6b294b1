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
  const endWord = () => {
    if (inWord) words.push(word);
    word = '';
    inWord = false;
  };
  const endCommand = (next?: SimpleCommand['next']) => {
    endWord();
    if (words.length > 0) commands.push({ words, next });
    else if (next && commands.length > 0) commands[commands.length - 1].next = next;
    words = [];
  };
  for (let i = 0; i < command.length; i++) {
    const ch = command[i];
    if (quote) {
      if (ch === quote) quote = undefined;
      else if (ch === '\\' && quote === '"' && i + 1 < command.length) word += command[++i];
      else word += ch;
      continue;
    }
    if (ch === '"' || ch === "'") {
      quote = ch;
      inWord = true;
    } else if (ch === '\\' && i + 1 < command.length) {
      const next = command[++i];
      if (next !== '\n') {
        word += next;
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
    } else if (/\s/.test(ch)) {
      endWord();
    } else {
      word += ch;
      inWord = true;
    }
  }
  endCommand();
  return commands;
}

/** The command's program and arguments without leading `VAR=value` assignments and `sudo`/`env`. */
export function programWords(command: SimpleCommand): string[] {
  let i = 0;
  while (i < command.words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(command.words[i])) i++;
  while (i < command.words.length && (command.words[i] === 'sudo' || command.words[i] === 'env' || command.words[i] === 'exec')) i++;
  return command.words.slice(i);
}
