/**
 * Whether a variable's name says it holds a secret: BuildKit's own word lists, so that both
 * report the same names, plus common words BuildKit misses (MYSQL_PWD, DB_PASS, GITHUB_PAT,
 * SENTRY_DSN) and, allowed, *_PATH like BuildKit's *_FILE and GPG/PGP key ids, which are public
 * fingerprints (GPG_KEY in the official Python images). Shared by the rules, which report such
 * variables, and the build plans, which never print their values.
 */
const SECRET_TOKENS = ['apikey', 'auth', 'credential', 'credentials', 'key', 'password', 'pword', 'passwd', 'secret', 'token', 'pass', 'pwd', 'pat', 'dsn'];
const ALLOWED_TOKENS = ['public', 'file', 'version', 'path', 'gpg', 'pgp'];
const wordPattern = (tokens: string[]) => new RegExp(`(?:_|^)(?:${tokens.join('|')})(?:_|$)`, 'i');
const SECRET_NAME = wordPattern(SECRET_TOKENS);
const ALLOWED_NAME = wordPattern(ALLOWED_TOKENS);

export function looksLikeSecretName(name: string): boolean {
  return SECRET_NAME.test(name) && !ALLOWED_NAME.test(name);
}
