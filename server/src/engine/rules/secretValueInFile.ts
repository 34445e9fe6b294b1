import { offsetAt, positionAt } from '../model';
import { defineRule } from './types';

/** Shapes of credentials that are unmistakable as literals (variables are never reported). */
const SECRET_SHAPES: { kind: string; pattern: RegExp }[] = [
  { kind: 'private key', pattern: /-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----/g },
  { kind: 'AWS access key id', pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g },
  { kind: 'GitHub token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})\b/g },
  { kind: 'GitLab token', pattern: /\bglpat-[A-Za-z0-9_-]{20,}\b/g },
  { kind: 'Slack token', pattern: /\bxox[abprs]-[A-Za-z0-9-]{10,}\b/g },
  { kind: 'npm token', pattern: /\bnpm_[A-Za-z0-9]{36}\b/g },
  { kind: 'password in a URL', pattern: /\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@$'"]+:[^\s/@$'"{}]+@[^\s/]+/gi },
];

const CHECKED = new Set(['RUN', 'ENV', 'ARG', 'LABEL', 'COPY', 'ADD', 'ONBUILD']);

export const secretValueInFile = defineRule({
  id: 'SecretValueInFile',
  description: 'A literal credential in the Dockerfile (a private key, a cloud or forge token, a password in a URL): it ends up in the image and in version control.',
  category: 'secrets',
  defaultSeverity: 'error',
  fix: { availability: 'none' },
  aliases: [],
  buildkit: false,
  messages: {
    literal: (kind: string) => `A literal ${kind} is written in the Dockerfile: it ships in the image history or a layer, and in every copy of this file. Revoke it, and pass it with --mount=type=secret instead`,
  },
  check({ model, messages, report }) {
    for (const instruction of model.instructions) {
      if (!CHECKED.has(instruction.keyword)) continue;
      const start = offsetAt(model.lineStarts, model.text, instruction.range.start);
      for (const { kind, pattern } of SECRET_SHAPES) {
        for (const match of instruction.text.matchAll(pattern)) {
          const from = start + (match.index ?? 0);
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
