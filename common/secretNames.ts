/**
 * Whether a variable's name says it holds a secret: BuildKit's own word lists, so that both
 * report the same names, plus common words BuildKit misses (MYSQL_PWD, DB_PASS, GITHUB_PAT; DSNs
 * for hiding only) and, allowed, *_PATH like BuildKit's *_FILE and GPG/PGP key ids, which are public
 * fingerprints (GPG_KEY in the official Python images). Shared by the rules, which report such
 * variables, and the build plans, which never print their values.
 */
const CREDENTIAL_TOKENS = [
  'apikey',
  'auth',
  'credential',
  'credentials',
  'key',
  'password',
  'pword',
  'passwd',
  'secret',
  'token',
  'pass',
  'pwd',
  'pat',
];
/** A DSN may carry a password (`postgres://u:p@db`), so its value is hidden; a Sentry DSN is public, so it earns no warning. */
const HIDDEN_TOKENS = [...CREDENTIAL_TOKENS, 'dsn'];
const ALLOWED_TOKENS = ['public', 'file', 'version', 'path', 'gpg', 'pgp'];
const wordPattern = (tokens: string[]) => new RegExp(`(?:_|^)(?:${tokens.join('|')})(?:_|$)`, 'i');
const CREDENTIAL_NAME = wordPattern(CREDENTIAL_TOKENS);
const HIDDEN_NAME = wordPattern(HIDDEN_TOKENS);
const ALLOWED_NAME = wordPattern(ALLOWED_TOKENS);

/** True when a variable's value is never printed: the name says it may hold a secret. */
export function looksLikeSecretName(name: string): boolean {
  return HIDDEN_NAME.test(name) && !ALLOWED_NAME.test(name);
}

/** True when the name says the variable holds a credential worth a warning (DSNs left out). */
export function namesACredential(name: string): boolean {
  return CREDENTIAL_NAME.test(name) && !ALLOWED_NAME.test(name);
}
