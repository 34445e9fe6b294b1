import { fromChain } from '../model';
import { isToolingStage } from '../knowledge/imagePurpose';
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
    slim: (image: string, slim: string) =>
      `The final image starts from ${image}, which carries compilers and headers the program does not need at run time; ${slim} is a fraction of its size`,
    deprecated: (image: string, instead: string) =>
      `The final image starts from ${image}, a deprecated JDK image: run the program on ${instead}`,
    toolchain: (image: string, instead: string) =>
      `The final image starts from the toolchain image ${image}: build in an earlier stage and ship ${instead}`,
  },
  check({ model, messages, report }) {
    const last = model.stages[model.stages.length - 1];
    // A final stage built FROM an earlier stage ships that stage's base image too.
    const root = last ? fromChain(model, last.index).at(-1) : undefined;
    const image = last?.from.args[0];
    // A development, debug or test target keeps its full image on purpose.
    if (!last || !root || !image || root.resolvedBase.includes('$') || isToolingStage(last)) return;
    const { repository, tag } = imageParts(root.resolvedBase);
    if (tag && VARIANT.test(tag)) return;
    const named = root === last ? root.resolvedBase : `${root.resolvedBase} (through the stage ${image.value})`;
    if (TOOLCHAIN_IMAGES[repository]) {
      report({ range: image.range, message: messages.toolchain(named, TOOLCHAIN_IMAGES[repository]), instructionIndex: last.from.index });
      return;
    }
    if (DEPRECATED_IMAGES[repository]) {
      report({ range: image.range, message: messages.deprecated(named, DEPRECATED_IMAGES[repository]), instructionIndex: last.from.index });
      return;
    }
    // Only a tag the image really publishes is named; other variants (Windows, onbuild) have none.
    const slim = slimVariant(root.resolvedBase);
    if (!slim) return;
    // A digest pins the full image; the slim image's digest is not known here. Through a stage, the
    // image is another stage's base, which other stages may need whole: the user decides.
    const fixable = root === last && image.value === last.resolvedBase && !last.resolvedBase.includes('@');
    report({
      range: image.range,
      message: messages.slim(named, slim),
      fix: fixable ? { title: `Use ${slim}`, safety: 'unsafe', edits: [{ range: image.range, newText: slim }] } : undefined,
      instructionIndex: last.from.index,
    });
  },
});
