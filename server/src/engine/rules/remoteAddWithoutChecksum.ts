import { unquote } from '../model';
import { defineRule } from './types';

export const remoteAddWithoutChecksum = defineRule({
  id: 'RemoteAddWithoutChecksum',
  description:
    'ADD of an http(s) URL without --checksum: the download is not verified, and BuildKit fetches it on every build to compute the cache key.',
  category: 'cache',
  defaultSeverity: 'off',
  fix: { availability: 'none' },
  aliases: [],
  buildkit: false,
  messages: {
    unchecked: (url: string) =>
      `ADD of ${url} without --checksum: the download is not verified, and it is fetched on every build to decide whether the step is cached`,
  },
  check({ model, messages, report }) {
    for (const instruction of model.instructions) {
      if (instruction.keyword !== 'ADD' || !instruction.copy || instruction.copy.checksum !== undefined) continue;
      for (const source of instruction.copy.sources) {
        const url = unquote(source.value);
        if (/^https?:\/\//i.test(url))
          report({ range: source.range, message: messages.unchecked(url), instructionIndex: instruction.index });
      }
    }
  },
});
