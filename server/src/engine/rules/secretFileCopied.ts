import { filesCopiedBy } from '../context/listing';
import { mountCopiedSecret } from '../refactors/addSecretMount';
import { listed } from './buildPackages';
import { contextSources, isCredentialFile, isSshKey } from './credentialFiles';
import { defineRule } from './types';

/** Third-party trees ship test keys and sample `.env` files that are not the project's secrets. */
const VENDORED = /(^|\/)(node_modules|\.git|vendor)\//;

export const secretFileCopied = defineRule({
  id: 'SecretFileCopied',
  description: 'COPY or ADD of a credential file (.npmrc, .pypirc, pip.conf, auth.toml, .netrc, .git-credentials, .env, docker or AWS credentials, *.pem, *.key), named or sent by copying the folder that holds it: it stays in a layer even if a later step deletes it.',
  category: 'secrets',
  defaultSeverity: 'warning',
  fix: { availability: 'sometimes', safety: 'unsafe' },
  aliases: [],
  buildkit: false,
  messages: {
    copied: (path: string) => `${path} holds credentials and is copied into a layer, where it stays even if a later step deletes it: mount it with --mount=type=secret on the RUN that needs it instead`,
    sent: (source: string, files: string[]) => `${source === '.' || source === '' ? 'The build context' : source} holds ${listed(files, 3)}, which ${files.length > 1 ? 'hold' : 'holds'} credentials: this COPY sends ${files.length > 1 ? 'them' : 'it'} into a layer for good. Exclude ${files.length > 1 ? 'them' : 'it'} in .dockerignore and mount what a step needs with --mount=type=secret`,
  },
  check({ model, context, messages, report }) {
    for (const instruction of model.instructions) {
      for (const { path, word } of contextSources(instruction)) {
        if (isCredentialFile(path)) {
          report({ range: word.range, message: messages.copied(path), fix: mountCopiedSecret(model, instruction, word, path), instructionIndex: instruction.index });
        } else if (context && !path.includes('$') && !isSshKey(path)) {
          const found = filesCopiedBy(context, path).filter((f) => !VENDORED.test(f) && (isCredentialFile(f) || isSshKey(f)));
          if (found.length > 0) report({ range: word.range, message: messages.sent(path, found), instructionIndex: instruction.index });
        }
      }
    }
  },
});
