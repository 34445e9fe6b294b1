import { contextSources, isSshKey } from '../knowledge/credentialFiles';
import { defineRule } from './types';

export const sshKeyCopied = defineRule({
  id: 'SshKeyCopied',
  description:
    'COPY or ADD of an SSH private key or .ssh folder: the key stays in a layer; forward the agent with --mount=type=ssh instead.',
  category: 'secrets',
  defaultSeverity: 'warning',
  fix: { availability: 'none' },
  aliases: [],
  buildkit: false,
  messages: {
    key: (path: string) =>
      `${path} is an SSH private key copied into a layer, where anyone with the image can read it: use RUN --mount=type=ssh and build with --ssh default`,
  },
  check({ model, messages, report }) {
    for (const instruction of model.instructions) {
      for (const { path, word } of contextSources(instruction)) {
        if (isSshKey(path)) report({ range: word.range, message: messages.key(path), instructionIndex: instruction.index });
      }
    }
  },
});
