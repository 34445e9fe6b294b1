import { addSecretMount } from '../refactors/addSecretMount';
import { isNotASecretValue } from '../knowledge/credentialFiles';
import { looksLikeSecretName } from '../secrets';
import { defineRule } from './types';

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
        // Where BuildKit goes by the name alone, a value given here that cannot be a secret (empty,
        // a number, yes/no, a placeholder, another variable) is left alone: a documented divergence.
        if (property.value !== null && isNotASecretValue(property.value)) continue;
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
