import { addSecretMount } from '../refactors/addSecretMount';
import { onInstructionLine, reachableStages, referencedNames, variableAt } from '../model';
import type { DockerfileModel, Instruction, Property } from '../model';
import { namesANonSecretValue, namesAPublicIdentifier } from '../knowledge/publicIdentifiers';
import { hideSecretShapes, namesACredential } from '../secrets';
import { defineRule } from './types';

/**
 * Front-end build variables (Vite, Create React App, Vue CLI, Gatsby, Expo, Nuxt, Next) are inlined
 * into the JavaScript every browser downloads: public by design, whatever their name says.
 */
const CLIENT_BUNDLE_NAME = /^(VITE|REACT_APP|VUE_APP|GATSBY|EXPO_PUBLIC|NUXT_PUBLIC|NEXT_PUBLIC)_/i;

/** `AUTH_REGISTRATION_ENABLED`, `USE_ID_TOKEN`: a switch about a credential, not one. */
const SWITCH_NAME = /(^|_)(ENABLED?|DISABLED?)$|^(USE|ENABLE|DISABLE)_/i;

const namesASecret = (name: string) =>
  namesACredential(name) &&
  !CLIENT_BUNDLE_NAME.test(name) &&
  !SWITCH_NAME.test(name) &&
  !namesAPublicIdentifier(name) &&
  !namesANonSecretValue(name);

/** True when a value written in the file has the shape of a real credential (a token's prefix, a key block). */
const hasCredentialShape = (value: string) => hideSecretShapes(value) !== value;

/**
 * Where the value comes from decides whether it can be a secret. An ARG without a value in the file
 * (`ARG NPM_TOKEN`) holds whatever the build passes with `--build-arg`, and an ENV that copies an
 * ARG (`ENV TOKEN=$NPM_TOKEN`) stores that in the image: a real secret, as a rule. A literal
 * written in the file is in every clone of the repository already; on real projects such literals
 * were stand-ins or public defaults every time (`test`, `PLEASE_CHANGE_ME`, a documented database
 * default, a publishable key; docs/precision.md), so one is reported only when it has a
 * credential's shape. A stage ARG without a value takes the global ARG's default, judged the same way.
 */
function carriesASecret(model: DockerfileModel, instruction: Instruction, property: Property): boolean {
  const value =
    property.value ??
    (instruction.keyword === 'ARG' ? (model.globalArgs.find((a) => a.name === property.name)?.defaultValue ?? null) : null);
  if (value === null) return true;
  if (value.includes('$')) {
    return (
      instruction.keyword === 'ENV' &&
      referencedNames(value, model.directives.escape.char).some((name) => {
        const variable = variableAt(model, instruction, name);
        return variable?.kind === 'arg' && variable.declaredBy?.properties.find((p) => p.name === name)?.value === null;
      })
    );
  }
  return hasCredentialShape(value);
}

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
    // A plain build of the file (no --target) builds only these stages, and BuildKit warns only
    // about them (tried on v0.25; `--call=check` lists every stage). A stage nothing builds puts no
    // secret anywhere.
    const built = reachableStages(model);
    for (const instruction of model.instructions) {
      if (instruction.keyword !== 'ARG' && instruction.keyword !== 'ENV') continue;
      // BuildKit checks the ARGs of stages only: a global ARG before the first FROM puts nothing
      // in an image until a stage declares it again, and that declaration is checked.
      if (instruction.stage < 0 || !built.has(instruction.stage)) continue;
      for (const property of instruction.properties) {
        if (!namesASecret(property.name) || !carriesASecret(model, instruction, property)) continue;
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
