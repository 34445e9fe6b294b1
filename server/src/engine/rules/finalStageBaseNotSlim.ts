import { DEPRECATED_IMAGES, imageParts, slimVariant, TOOLCHAIN_IMAGES } from '../knowledge/images';
import { defineRule } from './types';

const VARIANT = /(slim|alpine|distroless|minimal|jre|nano|chiseled)/i;

export const finalStageBaseNotSlim = defineRule({
  id: 'FinalStageBaseNotSlim',
  description: 'The final stage starts from a full image where a slim variant or a runtime-only image exists.',
  category: 'size',
  defaultSeverity: 'off',
  fix: { availability: 'sometimes', safety: 'unsafe' },
  aliases: [],
  buildkit: false,
  messages: {
    slim: (image: string, slim: string) => `The final image starts from ${image}, which carries compilers and headers the program does not need at run time; ${slim} is a fraction of its size`,
    deprecated: (image: string, instead: string) => `The final image starts from ${image}, a deprecated JDK image: run the program on ${instead}`,
    toolchain: (image: string, instead: string) => `The final image starts from the toolchain image ${image}: build in an earlier stage and ship ${instead}`,
  },
  check({ model, messages, report }) {
    const last = model.stages[model.stages.length - 1];
    if (!last || last.baseStage !== undefined || last.resolvedBase.includes('$')) return;
    const { repository, tag } = imageParts(last.resolvedBase);
    const image = last.from.args[0];
    if (!image || (tag && VARIANT.test(tag))) return;
    if (TOOLCHAIN_IMAGES[repository]) {
      report({ range: image.range, message: messages.toolchain(last.resolvedBase, TOOLCHAIN_IMAGES[repository]), instructionIndex: last.from.index });
      return;
    }
    if (DEPRECATED_IMAGES[repository]) {
      report({ range: image.range, message: messages.deprecated(last.resolvedBase, DEPRECATED_IMAGES[repository]), instructionIndex: last.from.index });
      return;
    }
    // Only a tag the image really publishes is named; other variants (Windows, onbuild) have none.
    const slim = slimVariant(last.resolvedBase);
    if (!slim) return;
    // A digest pins the full image; the slim image's digest is not known here.
    const fixable = image.value === last.resolvedBase && !last.resolvedBase.includes('@');
    report({
      range: image.range,
      message: messages.slim(last.resolvedBase, slim),
      fix: fixable ? { title: `Use ${slim}`, safety: 'unsafe', edits: [{ range: image.range, newText: slim }] } : undefined,
      instructionIndex: last.from.index,
    });
  },
});
