import { stagesAVariableCanName } from '../model';
import { defineRule } from './types';

/** Operating systems Go knows, which containerd's platform parser accepts alone (`--platform=linux`). */
const KNOWN_OS = new Set([
  'aix',
  'android',
  'darwin',
  'dragonfly',
  'freebsd',
  'hurd',
  'illumos',
  'ios',
  'js',
  'linux',
  'nacl',
  'netbsd',
  'openbsd',
  'plan9',
  'solaris',
  'wasip1',
  'windows',
  'zos',
]);

/** containerd's spellings of the same architecture, as BuildKit normalises them before comparing. */
const ARCH_ALIASES: Record<string, string> = {
  i386: '386',
  x86_64: 'amd64',
  'x86-64': 'amd64',
  aarch64: 'arm64',
  armhf: 'arm',
  armel: 'arm',
};

/**
 * The OS and architecture BuildKit reads from a constant platform, the way containerd parses it: a
 * single word is an OS when it names one (the architecture is then the builder's, unknown here), and
 * otherwise an architecture on Linux; `linux/x86_64` is `linux/amd64`.
 */
function parsePlatform(value: string): { os: string; arch?: string } {
  const [first = '', second] = value.toLowerCase().split('/');
  const os = first === 'macos' ? 'darwin' : first;
  if (second === undefined && KNOWN_OS.has(os)) return { os };
  const arch = second ?? first;
  return { os: second === undefined ? 'linux' : os, arch: ARCH_ALIASES[arch] ?? arch };
}

export const fromPlatformFlagConstDisallowed = defineRule({
  id: 'FromPlatformFlagConstDisallowed',
  description: 'FROM --platform with a constant value: the stage ignores the platform the build asks for.',
  category: 'syntax',
  defaultSeverity: 'warning',
  fix: { availability: 'none' },
  aliases: ['DL3029'],
  buildkit: true,
  messages: {
    constant: (value: string, suffix: string) =>
      `FROM --platform flag should not use constant value "${value}": use $BUILDPLATFORM or $TARGETPLATFORM, or, where the pin is deliberate (an image or download that exists for one platform only), name the stage after it (\`AS <name>-${suffix}\`), which BuildKit accepts`,
    constantNamed: (value: string) =>
      `FROM --platform flag should not use constant value "${value}": use $BUILDPLATFORM or $TARGETPLATFORM (a FROM with a variable may pick this stage by its name, so renaming it is no way out here)`,
  },
  check({ model, messages, report }) {
    // A stage a later variable FROM may pick by name (`FROM build-${TARGETARCH}`) cannot be renamed;
    // `FROM ${REPO:-org}/commons:${TAG}` names an image, never a stage.
    const pickedByVariable = new Set(model.stages.flatMap((s) => stagesAVariableCanName(model, s.base, s.index)));
    for (const stage of model.stages) {
      const flag = stage.from.flags.find((f) => f.name.toLowerCase() === 'platform');
      if (!flag?.value || flag.value.includes('$')) continue;
      // A stage named after its platform (`AS build-amd64`) pins it on purpose, as BuildKit accepts.
      const { os, arch } = parsePlatform(flag.value);
      const name = stage.name?.toLowerCase() ?? '';
      // With the OS alone, the architecture is the builder's: a name with any common one may match it.
      const archs = arch ? [arch] : ['amd64', 'arm64'];
      if (name && (name.includes(os) || archs.some((a) => name.includes(a)))) continue;
      const pickedByName = pickedByVariable.has(stage.index);
      report({
        range: flag.range,
        message: pickedByName ? messages.constantNamed(flag.value) : messages.constant(flag.value, arch ?? os),
        instructionIndex: stage.from.index,
      });
    }
  },
});
