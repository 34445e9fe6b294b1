import { unquote } from '../model';
import type { Instruction, Word } from '../model';

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
  return /(^|\/)\.docker\/config\.json$/.test(path) || /(^|\/)\.aws\/credentials$/.test(path) || /^\.env\.[a-z]+$/i.test(name) && !/\.(example|sample|template|dist)$/i.test(name);
}

/** The context sources of a COPY/ADD (not --from), unquoted, each with its word. */
export function contextSources(instruction: Instruction): { path: string; word: Word }[] {
  const copy = instruction.copy;
  if (!copy || copy.from !== undefined || instruction.heredocs.length > 0) return [];
  return copy.sources
    .map((word) => ({ path: unquote(word.value).replace(/^\.\//, ''), word }))
    .filter(({ path }) => !/^[a-z][a-z0-9+.-]*:\/\//i.test(path) && !path.startsWith('git@'));
}
