/*
 * Credential files by name and by content: which files of a build context are worth reading, and
 * which of them really hold a secret. Shared by the secret rules and the context reader.
 */
import { unquote } from '../model';
import type { Instruction, Word } from '../model';
import { looksLikeSecretName, SECRET_SHAPES } from '../secrets';

const baseName = (path: string) => path.replace(/\/+$/, '').split('/').pop() ?? path;

/** SSH private keys and the folder that holds them. */
export function isSshKey(path: string): boolean {
  const name = baseName(path);
  return /^id_(rsa|dsa|ecdsa|ed25519)(_sk)?$/.test(name) || /(^|\/)\.ssh\/?$/.test(path.replace(/\/+$/, '/'));
}

/** Files that hold credentials by convention (SSH keys aside). */
export function isCredentialFile(path: string): boolean {
  const name = baseName(path);
  if (['.npmrc', '.pypirc', 'pip.conf', 'auth.toml', '.netrc', '.git-credentials', '.env', '.dockercfg'].includes(name)) return true;
  // Key stores always hold a private key; .key and .pem only when the name says so, since
  // signing keys (*.gpg.key, *-pubkey.key) and certificates or DH parameters (*.pem) are public.
  if (/\.(p12|pfx)$/i.test(name)) return true;
  if (/\.key$/i.test(name) && !/(pub|gpg|pgp|asc|sign)/i.test(name)) return true;
  if (/\.pem$/i.test(name) && /(key|priv)/i.test(name) && !/pub/i.test(name)) return true;
  return (
    /(^|\/)\.docker\/config\.json$/.test(path) ||
    /(^|\/)\.aws\/credentials$/.test(path) ||
    (/^\.env\.[a-z]+$/i.test(name) && !/\.(example|sample|template|dist)$/i.test(name))
  );
}

/** The context sources of a COPY/ADD (not --from), unquoted, each with its word. */
export function contextSources(instruction: Instruction): { path: string; word: Word }[] {
  const copy = instruction.copy;
  if (!copy || copy.from !== undefined || instruction.heredocs.length > 0) return [];
  return copy.sources
    .map((word) => ({ path: unquote(word.value).replace(/^\.\//, ''), word }))
    .filter(({ path }) => !/^[a-z][a-z0-9+.-]*:\/\//i.test(path) && !path.startsWith('git@'));
}

/** Test data, fixtures and examples ship sample keys and `.env` files that are nobody's secret. */
export const SAMPLE_FOLDER =
  /(^|\/)(tests?|spec|specs|fixtures?|__tests__|__fixtures__|testdata|test-data|test_data|examples?|samples?|mocks?|demo|e2e)\//i;

/** Values that stand in for a secret without being one: what a template or a local setup holds. */
const PLACEHOLDER =
  /^(|changeme|change[-_]?me|placeholder|dummy|example|sample|test|testing|secret|password|passw(or)?d|pass|admin|root|user|guest|default|none|null|nil|undefined|unused|todo|tbd|fake\S*|foo|bar|baz|x+|\*+|\.+|-+|<[^>]*>|\[[^\]]*\]|\{[^}]*\}|your[-_ ].*|my[-_ ].*|insert[-_ ].*|replace[-_ ].*|not[-_ ]?(a|the|set|real)[-_ ]?.*|this[-_ ]is[-_ ]not.*|cafebabe|deadbeef|0+)$/i;

/** Hosts a password in a URL can only reach on the machine or network it runs on: development defaults. */
const LOCAL_HOST = /@(localhost|127\.[0-9.]+|0\.0\.0\.0|\[?::1\]?|host\.docker\.internal|[a-z0-9_-]+)([:/]|$)/i;

/** True when a value is a stand-in, a reference to a variable, or otherwise not a credential. */
export function isPlaceholderValue(value: string): boolean {
  const bare = value
    .trim()
    .replace(/^(["'])(.*)\1$/, '$2')
    .trim();
  return PLACEHOLDER.test(bare) || bare.includes('$') || /^\d+$/.test(bare) || /^(true|false|yes|no|on|off)$/i.test(bare);
}

/** A URL whose password is a stand-in, or whose host is only reachable where it runs (localhost, a compose service). */
export function isLocalOrPlaceholderUrl(url: string): boolean {
  return LOCAL_HOST.test(url) || isPlaceholderValue(url.replace(/^[^:]+:\/\/[^:]+:([^@]*)@.*$/, '$1'));
}

/**
 * The kind of secret a credential file's text holds ("a private key", "an npm auth token"), never
 * the value; undefined when it holds none (settings only, empty or placeholder values, references
 * to variables that are filled in at run time).
 */
export function credentialIn(path: string, text: string): string | undefined {
  const name = baseName(path);
  for (const { kind, pattern } of SECRET_SHAPES) {
    for (const match of text.matchAll(new RegExp(pattern.source, pattern.flags))) {
      if (kind === 'password in a URL' && isLocalOrPlaceholderUrl(match[0])) continue;
      return `${/^[aeiou]/i.test(kind) ? 'an' : 'a'} ${kind}`;
    }
  }
  const assigned = (key: RegExp) =>
    [...text.matchAll(new RegExp(`^[ \\t]*(?:export[ \\t]+)?(?:${key.source})[ \\t]*[=:][ \\t]*(.*?)[ \\t]*$`, 'gim'))].map(
      (m) => m.at(-1) ?? '',
    );
  const meaningful = (values: string[]) => values.some((v) => !isPlaceholderValue(v));
  if (name === '.npmrc' && meaningful(assigned(/\S*:?_(?:authToken|auth|password)/))) return 'an npm auth token';
  if ((name === '.pypirc' || name === 'auth.toml' || name === 'pip.conf') && meaningful(assigned(/password|token/)))
    return 'a package index password';
  if (name === '.netrc' && [...text.matchAll(/\bpassword[ \t]+(\S+)/g)].some((m) => !isPlaceholderValue(m[1] ?? '')))
    return 'a .netrc password';
  if (/(^|\/)\.aws\/credentials$/.test(path) && meaningful(assigned(/aws_secret_access_key|aws_session_token/))) return 'an AWS secret key';
  if (/(^|\/)\.docker\/config\.json$/.test(path) || name === '.dockercfg') {
    if ([...text.matchAll(/"(?:auth|identitytoken)"\s*:\s*"([^"]+)"/g)].some((m) => !isPlaceholderValue(m[1] ?? '')))
      return 'a registry login';
  }
  if (name === '.env' || /^\.env\./i.test(name)) {
    for (const m of text.matchAll(/^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_]*)[ \t]*=[ \t]*(.*?)[ \t]*$/gm)) {
      const [, key = '', written = ''] = m;
      const value = written.replace(/\s+#.*$/, '');
      if (looksLikeSecretName(key) && !isPlaceholderValue(value) && !/^\S+:\/\/[^@]*$/.test(value)) return `a value for ${key}`;
    }
  }
  // Key stores are binary and always hold a private key.
  if (/\.(p12|pfx)$/i.test(name)) return 'a key store';
  return undefined;
}
