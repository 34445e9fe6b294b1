import type { Range } from '../model';
import { defineRule } from './types';

/**
 * Dockerfile features newer than the frontend built into Docker 20.10 (the engine Debian 12 ships),
 * with the first stable `docker/dockerfile` version that has each, from Docker's Dockerfile release
 * notes. Checked on Docker 20.10.24: each fails with a parse error without a `# syntax=` line
 * (../shared/domain/buildkit-cache.md, section 7). `inDocker28` marks what the frontend built into
 * Docker 28 (BuildKit v0.25) accepts, checked on that engine (../shared/guide/modern-buildkit.md):
 * only `COPY --parents` and `RUN --security`, stable since 1.20 and labs before, are `unknown flag`.
 */
export const FRONTEND_FEATURES: { feature: string; version: string; inDocker28: boolean }[] = [
  { feature: 'heredocs', version: '1.4', inDocker28: true },
  { feature: 'COPY --link', version: '1.4', inDocker28: true },
  { feature: 'ADD --keep-git-dir', version: '1.4', inDocker28: true },
  { feature: 'ADD --checksum', version: '1.6', inDocker28: true },
  { feature: 'COPY --exclude', version: '1.7', inDocker28: true },
  { feature: 'COPY --parents', version: '1.20', inDocker28: false },
  { feature: 'RUN --network', version: '1.3', inDocker28: true },
  { feature: 'RUN --security', version: '1.20', inDocker28: false },
  { feature: 'RUN --mount=type=secret,env=', version: '1.10', inDocker28: true },
];

const versionOf = (feature: string) => FRONTEND_FEATURES.find((f) => f.feature === feature)?.version ?? '1';
const inDocker28 = (feature: string) => FRONTEND_FEATURES.find((f) => f.feature === feature)?.inDocker28 ?? true;

export const frontendFeatureWithoutSyntax = defineRule({
  id: 'FrontendFeatureWithoutSyntax',
  description: "A Dockerfile feature newer than the frontend built into Docker 28, used without a # syntax= line: the build fails with unknown flag.",
  category: 'syntax',
  defaultSeverity: 'info',
  fix: { availability: 'always', safety: 'unsafe' },
  aliases: [],
  buildkit: false,
  messages: {
    newer: (feature: string, version: string) => `${feature} needs Dockerfile frontend ${version} or newer: the frontend built into Docker 28 (BuildKit v0.25) and older engines reject this file (unknown flag). Add \`# syntax=docker/dockerfile:1\` (the frontend is then pulled from a registry)`,
  },
  check({ model, messages, report }) {
    if (model.directives.syntax) return;
    const found: { feature: string; range: Range; index: number }[] = [];
    for (const instruction of model.instructions) {
      const flag = (name: string) => instruction.flags.find((f) => f.name.toLowerCase() === name);
      if (instruction.heredocs.length > 0) found.push({ feature: 'heredocs', range: instruction.keywordRange, index: instruction.index });
      if (instruction.copy) {
        for (const [name, feature] of [['link', 'COPY --link'], ['exclude', 'COPY --exclude'], ['parents', 'COPY --parents'], ['checksum', 'ADD --checksum'], ['keep-git-dir', 'ADD --keep-git-dir']]) {
          const f = flag(name);
          if (f) found.push({ feature, range: f.range, index: instruction.index });
        }
      }
      if (instruction.run) {
        const network = flag('network');
        const security = flag('security');
        if (network) found.push({ feature: 'RUN --network', range: network.range, index: instruction.index });
        if (security) found.push({ feature: 'RUN --security', range: security.range, index: instruction.index });
        for (const mount of instruction.run.mounts) {
          if (mount.type === 'secret' && mount.env) found.push({ feature: 'RUN --mount=type=secret,env=', range: mount.range, index: instruction.index });
        }
      }
    }
    const lineZero = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    // Features Docker 23 to 28 build without the line are not reported: Docker 28 is the engine
    // Layerlens is checked against, and one line fixes the file, so it is said once, where it first shows.
    for (const { feature, range, index } of found.filter((f) => !inDocker28(f.feature)).slice(0, 1)) {
      report({
        range,
        message: messages.newer(feature, versionOf(feature)),
        fix: { title: 'Add # syntax=docker/dockerfile:1 (needs the registry at build time)', safety: 'unsafe', edits: [{ range: lineZero, newText: `# syntax=docker/dockerfile:1${model.eol}` }] },
        instructionIndex: index,
      });
    }
  },
});
