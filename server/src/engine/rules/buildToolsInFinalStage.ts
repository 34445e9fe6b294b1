import { fromChain } from '../model';
import { isToolingStage } from '../knowledge/imagePurpose';
import { keptBuildPackages, listed } from '../knowledge/buildPackages';
import { contextSources } from '../knowledge/credentialFiles';
import { dependencyInstalls } from '../knowledge/dependencyInstalls';
import { defineRule } from './types';

export const buildToolsInFinalStage = defineRule({
  id: 'BuildToolsInFinalStage',
  description:
    'The final stage of a multi-stage file installs build-only packages, or copies the whole context although an earlier stage compiled it: what the build stages were for ends up in the image anyway.',
  category: 'size',
  defaultSeverity: 'off',
  fix: { availability: 'none' },
  aliases: [],
  buildkit: false,
  messages: {
    packages: (packages: string[]) =>
      `The final stage installs ${listed(packages)}, which only building needs: install ${packages.length > 1 ? 'them' : 'it'} in a build stage and copy the result here`,
    inherited: (packages: string[], stage: string) =>
      `The final image gets ${listed(packages)} from the stage ${stage} it is built on, which only building needs: install ${packages.length > 1 ? 'them' : 'it'} in a build stage and copy the result here`,
    context: () =>
      'The final stage copies the whole build context: sources, tests and build files ship with the image. Copy only what runs, from the context or from a build stage',
  },
  check({ model, messages, report }) {
    const last = model.stages.at(-1);
    if (model.stages.length < 2 || !last || isToolingStage(last)) return;
    const packages = keptBuildPackages(last);
    if (packages.length > 0)
      report({ range: last.from.keywordRange, message: messages.packages(packages), instructionIndex: last.from.index });
    // What the stages it is built FROM installed ships too (`FROM base` where base has build-essential).
    const image = last.from.args[0];
    const inherited = [
      ...new Set(
        fromChain(model, last.index)
          .slice(1)
          .flatMap((stage) => keptBuildPackages(stage)),
      ),
    ].filter((p) => !packages.includes(p));
    if (inherited.length > 0 && image)
      report({ range: image.range, message: messages.inherited(inherited, image.value), instructionIndex: last.from.index });
    // Copying the sources into the final stage is how interpreted programs ship; it is waste only
    // when an earlier stage compiled them (go, cargo, Maven, Gradle, dotnet), so the binary is what runs.
    const compiledEarlier = model.stages
      .slice(0, -1)
      .some((stage) =>
        stage.instructions.some((i) =>
          dependencyInstalls(i).some((d) => !d.manifests && ['go', 'cargo', 'maven', 'gradle', 'dotnet'].includes(d.manager)),
        ),
      );
    if (!compiledEarlier) return;
    for (const instruction of last.instructions) {
      const root = contextSources(instruction).find(({ path }) => ['.', '', '*'].includes(path));
      if (root) report({ range: root.word.range, message: messages.context(), instructionIndex: instruction.index });
    }
  },
});
