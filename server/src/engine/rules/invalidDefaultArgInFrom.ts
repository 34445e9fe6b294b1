import { expand, globalLookup, TEMPLATE_PLACEHOLDER } from '../model';
import { defineRule } from './types';

// The image reference grammar of distribution/reference: [host[:port]/]path[:tag][@digest].
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const REFERENCE = new RegExp(
  `^(?:(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?/)?` +
    `${COMPONENT}(?:/${COMPONENT})*(?::[\\w][\\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$`,
);

const REPRESENTATIVE_PLATFORM = {
  BUILDPLATFORM: 'linux/amd64',
  BUILDOS: 'linux',
  BUILDARCH: 'amd64',
  BUILDVARIANT: '',
  TARGETPLATFORM: 'linux/amd64',
  TARGETOS: 'linux',
  TARGETARCH: 'amd64',
  TARGETVARIANT: '',
};

export function isValidImageReference(reference: string): boolean {
  return REFERENCE.test(reference);
}

export const invalidDefaultArgInFrom = defineRule({
  id: 'InvalidDefaultArgInFrom',
  description:
    'A FROM image that, with the ARGs at their defaults, is empty or not a valid reference: the build needs a --build-arg to work at all.',
  category: 'syntax',
  defaultSeverity: 'warning',
  fix: { availability: 'none' },
  aliases: [],
  buildkit: true,
  messages: {
    invalid: (base: string) => `Default value for ARG ${base} results in empty or invalid base image name`,
  },
  check({ model, messages, report }) {
    // Defaults only: build args are exactly what a default must not depend on. The automatic
    // platform args always have a value, so a representative platform stands in for them.
    const lookup = globalLookup(model.globalArgs, REPRESENTATIVE_PLATFORM, model.directives.escape.char);
    for (const stage of model.stages) {
      const image = stage.from.args[0];
      if (!image || !image.value.includes('$') || TEMPLATE_PLACEHOLDER.test(image.value)) continue;
      // Quotes are the shell's: BuildKit removes them (`FROM alpine:"${TAG}"`).
      const resolved = expand(image.value, lookup, model.directives.escape.char).value.replace(/["']/g, '');
      if (isValidImageReference(resolved)) continue;
      report({ range: image.range, message: messages.invalid(image.value), instructionIndex: stage.from.index });
    }
  },
});
