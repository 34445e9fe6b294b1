import { offsetAt, positionAt } from '../model';
import { isLocalOrPlaceholderUrl } from '../knowledge/credentialFiles';
import { SECRET_SHAPES } from '../secrets';
import { defineRule } from './types';

const CHECKED = new Set(['RUN', 'ENV', 'ARG', 'LABEL', 'COPY', 'ADD', 'ONBUILD']);

/**
 * The rule's own copies of the shapes, read with `exec`: `matchAll` copied each pattern for every
 * instruction it read, and the shared patterns are also used by `replace`, which resets their
 * position, in the messages' redaction that runs while this rule reports.
 */
const SHAPES = SECRET_SHAPES.map(({ kind, pattern }) => ({ kind, pattern: new RegExp(pattern.source, pattern.flags) }));

export const secretValueInFile = defineRule({
  id: 'SecretValueInFile',
  description:
    'A literal credential in the Dockerfile (a private key, a cloud or forge token, a password in a URL): it ends up in the image and in version control.',
  category: 'secrets',
  defaultSeverity: 'warning',
  fix: { availability: 'none' },
  aliases: [],
  buildkit: false,
  messages: {
    literal: (kind: string) =>
      `A literal ${kind} is written in the Dockerfile: it ships in the image history or a layer, and in every copy of this file. Revoke it, and pass it with --mount=type=secret instead`,
  },
  check({ model, messages, report }) {
    for (const instruction of model.instructions) {
      if (!CHECKED.has(instruction.keyword)) continue;
      const start = offsetAt(model.lineStarts, model.text, instruction.range.start);
      for (const { kind, pattern } of SHAPES) {
        pattern.lastIndex = 0;
        for (let match = pattern.exec(instruction.text); match !== null; match = pattern.exec(instruction.text)) {
          // `postgres://app:app@localhost`, `placeholder:placeholder@db`: development defaults and
          // stand-ins, not credentials anybody has to revoke.
          if (kind === 'password in a URL' && isLocalOrPlaceholderUrl(match[0])) continue;
          const from = start + match.index;
          report({
            range: { start: positionAt(model.lineStarts, from), end: positionAt(model.lineStarts, from + match[0].length) },
            message: messages.literal(kind),
            instructionIndex: instruction.index,
          });
        }
      }
    }
  },
});
