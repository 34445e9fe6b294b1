import { addSecretMount } from '../refactors/addSecretMount';
import { defineRule } from './types';

// BuildKit's own word lists, so that both report the same names, plus common words BuildKit
// misses (MYSQL_PWD, DB_PASS, GITHUB_PAT, SENTRY_DSN) and, allowed, *_PATH like BuildKit's *_FILE
// and GPG/PGP key ids, which are public fingerprints (GPG_KEY in the official Python images).
const SECRET_TOKENS = ['apikey', 'auth', 'credential', 'credentials', 'key', 'password', 'pword', 'passwd', 'secret', 'token', 'pass', 'pwd', 'pat', 'dsn'];
const ALLOWED_TOKENS = ['public', 'file', 'version', 'path', 'gpg', 'pgp'];
const wordPattern = (tokens: string[]) => new RegExp(`(?:_|^)(?:${tokens.join('|')})(?:_|$)`, 'i');
const SECRET_NAME = wordPattern(SECRET_TOKENS);
const ALLOWED_NAME = wordPattern(ALLOWED_TOKENS);

export function looksLikeSecretName(name: string): boolean {
  return SECRET_NAME.test(name) && !ALLOWED_NAME.test(name);
}

export const secretsUsedInArgOrEnv = defineRule({
  id: 'SecretsUsedInArgOrEnv',
  description: 'An ARG or ENV whose name suggests a secret: its value stays in the image history or metadata.',
  category: 'secrets',
  defaultSeverity: 'warning',
  fix: { availability: 'sometimes', safety: 'unsafe' },
  aliases: [],
  buildkit: true,
  messages: {
    sensitive: (keyword: string, name: string) => `Do not use ARG or ENV instructions for sensitive data (${keyword} "${name}")`,
  },
  check({ model, messages, report }) {
    for (const instruction of model.instructions) {
      if (instruction.keyword !== 'ARG' && instruction.keyword !== 'ENV') continue;
      for (const property of instruction.properties) {
        if (!looksLikeSecretName(property.name)) continue;
        report({
          range: property.nameRange,
          message: messages.sensitive(instruction.keyword, property.name),
          fix: addSecretMount(model, instruction, property),
          instructionIndex: instruction.index,
        });
      }
    }
  },
});
