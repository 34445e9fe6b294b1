/*
 * What Layerlens knows of secrets in a Dockerfile's text: the shapes of literal credentials, the
 * names of variables that hold one (common/secretNames.ts, which build plans read too), and how
 * to keep both out of everything Layerlens prints.
 */
import { looksLikeSecretName, namesACredential } from '../../../common/secretNames';
import type { DockerfileModel } from './model';

export { looksLikeSecretName, namesACredential };

/** Shapes of credentials that are unmistakable as literals (variables are never matched). */
export const SECRET_SHAPES: { kind: string; pattern: RegExp }[] = [
  { kind: 'private key', pattern: /-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----/g },
  { kind: 'AWS access key id', pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g },
  { kind: 'GitHub token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})\b/g },
  { kind: 'GitLab token', pattern: /\bglpat-[A-Za-z0-9_-]{20,}\b/g },
  { kind: 'Slack token', pattern: /\bxox[abprs]-[A-Za-z0-9-]{10,}\b/g },
  { kind: 'npm token', pattern: /\bnpm_[A-Za-z0-9]{36}\b/g },
  { kind: 'password in a URL', pattern: /\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@$'"]+:[^\s/@$'"{}]+@[^\s/]+/gi },
];

/**
 * Which values of secret-named variables are hidden: `ARG AUTH_TYPE=none` would otherwise hide
 * every "none" in a hover, so short values and plain words are left, and a value that looks like a
 * credential (a digit or a symbol in it, or long) is hidden.
 */
const worthHiding = (value: string) => value.length >= 12 || (value.length >= 6 && /[^A-Za-z]/.test(value));

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** What stands where a secret's value would be shown. */
export const HIDDEN_SECRET = '‹secret hidden›';

/** Text with every literal credential replaced by what it is: before any shortening, which would leave part of one. */
export function hideSecretShapes(text: string): string {
  let hidden = text;
  for (const { kind, pattern } of SECRET_SHAPES) hidden = hidden.replace(pattern, `‹${kind} hidden›`);
  return hidden;
}

/**
 * What hides, in text that quotes a Dockerfile (a hover, an explanation, a message), every literal
 * credential and every value an ARG or ENV with a secret's name is given in the file or by the
 * build's arguments. The Dockerfile itself holds them, but what Layerlens prints ends up in
 * terminals, CI logs and screenshots.
 */
export function secretRedactor(model?: DockerfileModel, buildArgs: Readonly<Record<string, string>> = {}): (text: string) => string {
  const values = new Set<string>();
  for (const instruction of model?.instructions ?? []) {
    if (instruction.keyword !== 'ARG' && instruction.keyword !== 'ENV') continue;
    for (const property of instruction.properties)
      if (looksLikeSecretName(property.name) && property.value !== null) values.add(property.value);
  }
  for (const [name, value] of Object.entries(buildArgs)) if (looksLikeSecretName(name)) values.add(value);
  const hidden = [...values].filter(worthHiding).sort((a, b) => b.length - a.length);
  const named = hidden.length > 0 ? new RegExp(hidden.map(escapeRegExp).join('|'), 'g') : undefined;
  return (text) => {
    const redacted = hideSecretShapes(text);
    return named ? redacted.replace(named, HIDDEN_SECRET) : redacted;
  };
}
