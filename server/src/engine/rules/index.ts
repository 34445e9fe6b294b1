import { secretsUsedInArgOrEnv } from './secretsUsedInArgOrEnv';
import type { Rule } from './types';

/** Every rule, in the order their findings are reported. */
export const RULES: readonly Rule[] = [secretsUsedInArgOrEnv as unknown as Rule];

export function findRule(idOrAlias: string): Rule | undefined {
  return RULES.find((r) => r.id === idOrAlias || r.aliases.includes(idOrAlias));
}

export * from './types';
