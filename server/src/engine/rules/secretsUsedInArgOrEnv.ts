import { addSecretMount } from '../refactors/addSecretMount';
import { isNotASecretValue } from '../knowledge/credentialFiles';
import { onInstructionLine } from '../model';
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
      // BuildKit checks the ARGs of stages only: a global ARG before the first FROM puts nothing
      // in an image until a stage declares it again, and that declaration is checked.
      if (instruction.stage < 0) continue;
      for (const property of instruction.properties) {
        if (!looksLikeSecretName(property.name)) continue;
        // Where BuildKit goes by the name alone, a value given here that cannot be a secret (empty,
        // a number, yes/no, a placeholder, another variable) is left alone: a documented divergence.
        // A stage ARG without a value takes the global ARG's default, which is judged the same way.
        const value = property.value ?? (instruction.keyword === 'ARG' ? model.globalArgs.find((a) => a.name === property.name)?.defaultValue ?? null : null);
        if (value !== null && isNotASecretValue(value)) continue;
        report({
          range: onInstructionLine(instruction, property.nameRange),
          message: messages.sensitive(instruction.keyword, property.name),
          fix: addSecretMount(model, instruction, property),
          instructionIndex: instruction.index,
        });
      }
    }
  },
});
