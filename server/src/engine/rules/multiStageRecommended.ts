import { isToolingStage } from '../knowledge/imagePurpose';
import { keptBuildPackages, listed } from '../knowledge/buildPackages';
import { imageParts, TOOLCHAIN_IMAGES } from '../knowledge/images';
import { defineRule } from './types';

export const multiStageRecommended = defineRule({
  id: 'MultiStageRecommended',
  description: 'A single-stage image that installs compilers or build-only packages, or builds on a toolchain image: it ships them all.',
  category: 'size',
  defaultSeverity: 'off',
  fix: { availability: 'none' },
  aliases: [],
  buildkit: false,
  messages: {
    packages: (packages: string[]) =>
      `This single-stage image installs ${listed(packages)} to build, and ships ${packages.length > 1 ? 'them' : 'it'}: build in a first stage and copy only the result into a small final stage`,
    toolchain: (image: string) =>
      `This single-stage image builds on the toolchain image ${image} and ships the whole toolchain: build in a first stage and copy only the result into a small final stage`,
  },
  check({ model, messages, report }) {
    const [stage] = model.stages;
    if (model.stages.length !== 1 || !stage) return;
    const image = stage.from.args[0];
    if (!image || isToolingStage(stage)) return;
    const packages = keptBuildPackages(stage);
    if (packages.length > 0) {
      report({ range: image.range, message: messages.packages(packages), instructionIndex: stage.from.index });
    } else if (TOOLCHAIN_IMAGES[imageParts(stage.resolvedBase).repository]) {
      report({ range: image.range, message: messages.toolchain(stage.resolvedBase), instructionIndex: stage.from.index });
    }
  },
});
