import type { Instruction } from '../model';
import { imageParts, TOOLCHAIN_IMAGES } from './images';
import { commandsOf, invocation } from './packageCaches';
import { defineRule } from './types';

/** Packages that only build software: compilers, build systems, headers. */
const BUILD_ONLY = /^(build-essential|build-base|gcc|g\+\+|gcc-c\+\+|clang|make|cmake|autoconf|automake|libtool|pkg-config|pkgconf|musl-dev|linux-headers|[\w.+-]+-dev|[\w.+-]+-devel)(=.*)?$/;
const INSTALLERS: Record<string, string> = { 'apt-get': 'install', apt: 'install', apk: 'add', yum: 'install', dnf: 'install', microdnf: 'install' };

/**
 * True when the RUN also removes packages (`apt-get purge`, `apk del .build-deps`, `apt-mark auto`…):
 * the classic one-layer pattern that installs build dependencies and drops them before the layer ends.
 */
function removesPackages(instruction: Instruction): boolean {
  return commandsOf(instruction).some((c) => {
    const [program, ...rest] = invocation(c).words;
    const sub = rest.find((w) => !w.startsWith('-'));
    return ((program === 'apt-get' || program === 'apt') && ['purge', 'remove', 'autoremove'].includes(sub ?? ''))
      || (program === 'apt-mark' && sub === 'auto') || (program === 'apk' && sub === 'del')
      || (['yum', 'dnf', 'microdnf'].includes(program ?? '') && ['remove', 'erase', 'autoremove'].includes(sub ?? ''));
  });
}

export const multiStageRecommended = defineRule({
  id: 'MultiStageRecommended',
  description: 'A single-stage image that installs compilers or build-only packages, or builds on a toolchain image: it ships them all.',
  category: 'size',
  defaultSeverity: 'warning',
  fix: { availability: 'none' },
  aliases: [],
  buildkit: false,
  messages: {
    packages: (packages: string[]) => `This single-stage image installs ${packages.slice(0, 4).join(', ')}${packages.length > 4 ? ` and ${packages.length - 4} more` : ''} to build, and ships ${packages.length > 1 ? 'them' : 'it'}: build in a first stage and copy only the result into a small final stage`,
    toolchain: (image: string) => `This single-stage image builds on the toolchain image ${image} and ships the whole toolchain: build in a first stage and copy only the result into a small final stage`,
  },
  check({ model, messages, report }) {
    if (model.stages.length !== 1) return;
    const [stage] = model.stages;
    const image = stage.from.args[0];
    if (!image) return;
    const packages = stage.instructions.filter((i) => !removesPackages(i)).flatMap((i) => commandsOf(i).flatMap((c) => {
      const [program, ...rest] = invocation(c).words;
      const sub = rest.find((w) => !w.startsWith('-'));
      if (!program || INSTALLERS[program] !== sub) return [];
      return rest.filter((w) => !w.startsWith('-') && w !== sub && BUILD_ONLY.test(w)).map((w) => w.split('=')[0]);
    }));
    if (packages.length > 0) {
      report({ range: image.range, message: messages.packages([...new Set(packages)]), instructionIndex: stage.from.index });
    } else if (TOOLCHAIN_IMAGES[imageParts(stage.resolvedBase).repository]) {
      report({ range: image.range, message: messages.toolchain(stage.resolvedBase), instructionIndex: stage.from.index });
    }
  },
});
