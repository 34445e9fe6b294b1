import { filesCopiedBy } from '../context/listing';
import { mountCopiedSecret } from '../refactors/addSecretMount';
import { listed } from '../knowledge/buildPackages';
import { contextSources, credentialIn, isCredentialFile, isSshKey, SAMPLE_FOLDER } from '../knowledge/credentialFiles';
import { shippedStages } from '../knowledge/packageCaches';
import { defineRule } from './types';

/** Third-party trees ship test keys and sample `.env` files that are not the project's secrets. */
const VENDORED = /(^|\/)(node_modules|\.git|vendor)\//;

export const secretFileCopied = defineRule({
  id: 'SecretFileCopied',
  description:
    'COPY or ADD into the shipped image of a file that holds a credential (an npm or PyPI token, a password, a private key, a secret .env value), named or sent by copying the folder that holds it: it stays in a layer even if a later step deletes it. Files are judged by what they hold, read from the build context.',
  category: 'secrets',
  defaultSeverity: 'off',
  fix: { availability: 'sometimes', safety: 'unsafe' },
  aliases: [],
  buildkit: false,
  messages: {
    copied: (path: string, kind: string) =>
      `${path} holds ${kind} and is copied into a layer, where it stays even if a later step deletes it: mount it with --mount=type=secret on the RUN that needs it instead`,
    sent: (source: string, files: string[]) =>
      `${source === '.' || source === '' ? 'The build context' : source} holds ${listed(files, 3)}, with credentials in ${files.length > 1 ? 'them' : 'it'}: this COPY sends ${files.length > 1 ? 'them' : 'it'} into a layer for good. Exclude ${files.length > 1 ? 'them' : 'it'} in .dockerignore and mount what a step needs with --mount=type=secret`,
  },
  check({ model, context, messages, report }) {
    // Without the files' text nothing can be said: most .npmrc and .env files hold settings only.
    const texts = context?.texts;
    if (!texts) return;
    // A file git tracks is in every clone of the repository already, and what real projects commit
    // there are development defaults: the leak that matters is a git-ignored local file (a developer's
    // .env, .npmrc) that the build context sends. Without a .gitignore, what the file holds decides.
    const gitIgnored = context?.gitIgnored;
    const holds = (file: string) => {
      const text = texts.get(file);
      if (text === undefined || SAMPLE_FOLDER.test(file) || VENDORED.test(file) || (gitIgnored && !gitIgnored.has(file))) return undefined;
      return credentialIn(file, text);
    };
    // Copies into build stages stay in the builder: only what the image ships is reported.
    const shipped = shippedStages(model);
    for (const instruction of model.instructions) {
      if (!shipped.has(instruction.stage)) continue;
      for (const { path, word } of contextSources(instruction)) {
        if (path.includes('$') || isSshKey(path)) continue;
        if (isCredentialFile(path)) {
          const kind = holds(path);
          if (kind)
            report({
              range: word.range,
              message: messages.copied(path, kind),
              fix: mountCopiedSecret(model, instruction, word, path),
              instructionIndex: instruction.index,
            });
        } else if (context) {
          const found = filesCopiedBy(context, path).filter((f) => (isCredentialFile(f) || isSshKey(f)) && holds(f) !== undefined);
          if (found.length > 0) report({ range: word.range, message: messages.sent(path, found), instructionIndex: instruction.index });
        }
      }
    }
  },
});
