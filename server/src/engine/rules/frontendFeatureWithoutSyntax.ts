import type { Range } from '../model';
import { defineRule } from './types';

/**
 * Dockerfile features newer than the frontend built into Docker 20.10 (the engine Debian 12 ships),
 * with the first `docker/dockerfile` version that has each, from Docker's Dockerfile release notes.
 * Checked on Docker 20.10.24: each of these fails with a parse error without a `# syntax=` line
 * (../shared/domain/buildkit-cache.md, section 7).
 */
export const FRONTEND_FEATURES: { feature: string; version: string }[] = [
  { feature: 'heredocs', version: '1.4' },
  { feature: 'COPY --link', version: '1.4' },
  { feature: 'ADD --keep-git-dir', version: '1.4' },
  { feature: 'ADD --checksum', version: '1.6' },
  { feature: 'COPY --exclude', version: '1.7' },
  { feature: 'COPY --parents', version: '1.7' },
  { feature: 'RUN --network', version: '1.3' },
  { feature: 'RUN --security', version: '1.20' },
  { feature: 'RUN --mount=type=secret,env=', version: '1.10' },
];

const versionOf = (feature: string) => FRONTEND_FEATURES.find((f) => f.feature === feature)?.version ?? '1';

export const frontendFeatureWithoutSyntax = defineRule({
  id: 'FrontendFeatureWithoutSyntax',
  description: "A Dockerfile feature newer than the frontend built into older Docker engines, used without a # syntax= line: those engines reject the file.",
  category: 'syntax',
  defaultSeverity: 'info',
  fix: { availability: 'always', safety: 'unsafe' },
  aliases: [],
  buildkit: false,
  messages: {
    newer: (feature: string, version: string) => `${feature} needs Dockerfile frontend ${version} or newer: engines whose built-in frontend is older (Docker 20.10) reject this file. Add \`# syntax=docker/dockerfile:1\` (the frontend is then pulled from a registry) or build with Docker 23 or newer`,
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
    for (const { feature, range, index } of found) {
      report({
        range,
        message: messages.newer(feature, versionOf(feature)),
        fix: { title: 'Add # syntax=docker/dockerfile:1 (needs the registry at build time)', safety: 'unsafe', edits: [{ range: lineZero, newText: `# syntax=docker/dockerfile:1${model.eol}` }] },
        instructionIndex: index,
      });
    }
  },
});
