import { subcommand } from '../model';
import type { Instruction, Stage } from '../model';
import { commandsOf, invocation } from './packageCaches';

/** Packages that only build software: compilers, build systems, headers. */
export const BUILD_ONLY =
  /^(build-essential|build-base|gcc|g\+\+|gcc-c\+\+|clang|make|cmake|autoconf|automake|libtool|pkg-config|pkgconf|musl-dev|linux-headers|[\w.+-]+-dev|[\w.+-]+-devel)(=.*)?$/;
/** The package a package manager's argument names: `curl` of `curl=7.88.1-10`. */
export function packageName(word: string): string {
  const [name = word] = word.split('=');
  return name;
}

const INSTALLERS: Record<string, string> = {
  'apt-get': 'install',
  apt: 'install',
  apk: 'add',
  yum: 'install',
  dnf: 'install',
  microdnf: 'install',
};

/**
 * True when the RUN also removes packages (`apt-get purge`, `apk del .build-deps`, `apt-mark auto`…):
 * the classic one-layer pattern that installs build dependencies and drops them before the layer ends.
 */
function removesPackages(instruction: Instruction): boolean {
  return commandsOf(instruction).some((c) => {
    const words = invocation(c).words;
    const [program] = words;
    const sub = subcommand(words);
    return (
      ((program === 'apt-get' || program === 'apt') && ['purge', 'remove', 'autoremove'].includes(sub ?? '')) ||
      (program === 'apt-mark' && sub === 'auto') ||
      (program === 'apk' && sub === 'del') ||
      (['yum', 'dnf', 'microdnf'].includes(program ?? '') && ['remove', 'erase', 'autoremove'].includes(sub ?? ''))
    );
  });
}

/** The build-only packages a stage installs and keeps in its layers, in order, without repeats. */
export function keptBuildPackages(stage: Stage): string[] {
  const packages = stage.instructions
    .filter((i) => !removesPackages(i))
    .flatMap((i) =>
      commandsOf(i).flatMap((c) => {
        const words = invocation(c).words;
        const [program, ...rest] = words;
        const sub = subcommand(words);
        if (!program || INSTALLERS[program] !== sub) return [];
        return rest.filter((w) => !w.startsWith('-') && w !== sub && BUILD_ONLY.test(w)).map(packageName);
      }),
    );
  return [...new Set(packages)];
}

/** `a, b, c, d and 2 more`, for messages. */
export function listed(items: string[], shown = 4): string {
  return `${items.slice(0, shown).join(', ')}${items.length > shown ? ` and ${items.length - shown} more` : ''}`;
}
