import { featureVersion, compareVersions, frontendOfEngine, REFERENCE_ENGINE } from '../knowledge/engines';
import type { Range } from '../model';
import { defineRule } from './types';

export const frontendFeatureWithoutSyntax = defineRule({
  id: 'FrontendFeatureWithoutSyntax',
  description:
    'A Dockerfile feature newer than the frontend built into the Docker Engine (Docker 28 unless told another), used without a # syntax= line: the build fails.',
  category: 'syntax',
  defaultSeverity: 'info',
  fix: { availability: 'always', safety: 'unsafe' },
  aliases: [],
  buildkit: false,
  messages: {
    newer: (feature: string, version: string, engine: string, frontend: string) =>
      `${feature} needs Dockerfile frontend ${version} or newer: the frontend built into Docker ${engine} (Dockerfile ${frontend}) and older engines reject this file. Add \`# syntax=docker/dockerfile:1\` (the frontend is then pulled from a registry)`,
  },
  check({ model, engineVersion, messages, report }) {
    if (model.directives.syntax) return;
    // What the user's engine accepts when it is known, else what the reference engine does; an engine
    // newer than the table knows may accept anything, so nothing is said for it.
    const engine = frontendOfEngine(engineVersion ?? REFERENCE_ENGINE);
    if (!engine) return;
    const found: { feature: string; range: Range; index: number }[] = [];
    for (const instruction of model.instructions) {
      const flag = (name: string) => instruction.flags.find((f) => f.name.toLowerCase() === name);
      if (instruction.heredocs.length > 0) found.push({ feature: 'heredocs', range: instruction.keywordRange, index: instruction.index });
      if (instruction.copy) {
        for (const [name, feature] of Object.entries({
          link: 'COPY --link',
          exclude: 'COPY --exclude',
          parents: 'COPY --parents',
          checksum: 'ADD --checksum',
          'keep-git-dir': 'ADD --keep-git-dir',
        })) {
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
          if (mount.type === 'secret' && mount.env)
            found.push({ feature: 'RUN --mount=type=secret,env=', range: mount.range, index: instruction.index });
        }
      }
    }
    const lineZero = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    // One line fixes the whole file, so it is said once, where the first rejected feature shows.
    const rejected = found.find((f) => compareVersions(engine.frontend, featureVersion(f.feature)) < 0);
    if (rejected) {
      const { feature, range, index } = rejected;
      report({
        range,
        message: messages.newer(feature, featureVersion(feature), engineVersion ?? engine.engine, engine.frontend),
        fix: {
          title: 'Add # syntax=docker/dockerfile:1 (needs the registry at build time)',
          safety: 'unsafe',
          edits: [{ range: lineZero, newText: `# syntax=docker/dockerfile:1${model.eol}` }],
        },
        instructionIndex: index,
      });
    }
  },
});
