/**
 * Quoting of command words for the shell that will read them, so that a path with spaces,
 * quotes, `$` or `;` reaches docker as one argument and nothing else runs.
 */
export type ShellKind = 'posix' | 'fish' | 'powershell' | 'cmd';

/** Guesses the kind of shell from its executable path (VS Code's `env.shell`). */
export function shellKindOf(shellPath: string | undefined, platform: string = 'linux'): ShellKind {
  const base =
    (shellPath ?? '')
      .replace(/\\/g, '/')
      .split('/')
      .pop()
      ?.toLowerCase()
      .replace(/\.exe$/, '') ?? '';
  if (base === 'pwsh' || base === 'powershell') return 'powershell';
  if (base === 'cmd') return 'cmd';
  if (base === 'fish') return 'fish';
  if (base === '') return platform === 'win32' ? 'powershell' : 'posix';
  return 'posix';
}

const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

export function quoteWord(word: string, shell: ShellKind): string {
  if (word !== '' && SAFE_WORD.test(word)) return word;
  switch (shell) {
    case 'posix':
      return `'${word.replace(/'/g, `'\\''`)}'`;
    case 'fish':
      return `'${word.replace(/[\\']/g, (c) => `\\${c}`)}'`;
    case 'powershell':
      // Single-quoted strings are literal in PowerShell; a quote is doubled.
      return `'${word.replace(/['‘’‚‛]/g, (c) => c + c)}'`;
    case 'cmd':
      // cmd has no literal quoting for % and ^ outside quotes; inside double quotes only " needs doubling,
      // and % is neutralised by ^ only outside quotes, so words with % or " are refused by the caller.
      return `"${word}"`;
  }
}

/** True when cmd.exe cannot be given this word safely. */
export function unsafeForCmd(word: string): boolean {
  return /["%!\r\n]/.test(word);
}

/** One command line: the program, then its arguments, each quoted for the shell. */
export function quoteCommand(argv: readonly string[], shell: ShellKind): string {
  const words = argv.map((w) => quoteWord(w, shell));
  // PowerShell runs a quoted program path only through the call operator.
  if (shell === 'powershell' && words[0]?.startsWith("'")) return `& ${words.join(' ')}`;
  return words.join(' ');
}
