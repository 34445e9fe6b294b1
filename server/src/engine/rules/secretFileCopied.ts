import { contextSources, isCredentialFile } from './credentialFiles';
import { defineRule } from './types';

export const secretFileCopied = defineRule({
  id: 'SecretFileCopied',
  description: 'COPY or ADD of a credential file (.npmrc, .pypirc, pip.conf, auth.toml, .netrc, .git-credentials, .env, docker or AWS credentials, *.pem, *.key): it stays in a layer even if a later step deletes it.',
  category: 'secrets',
  defaultSeverity: 'warning',
  fix: { availability: 'none' },
  aliases: [],
  buildkit: false,
  messages: {
    copied: (path: string) => `${path} holds credentials and is copied into a layer, where it stays even if a later step deletes it: mount it with --mount=type=secret on the RUN that needs it instead`,
  },
  check({ model, messages, report }) {
    for (const instruction of model.instructions) {
      for (const { path, word } of contextSources(instruction)) {
        if (isCredentialFile(path)) report({ range: word.range, message: messages.copied(path), instructionIndex: instruction.index });
      }
    }
  },
});
