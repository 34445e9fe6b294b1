import { textOf, unquote, wholeLines } from '../model';
import type { Instruction } from '../model';
import { dependencyInstalls, onlyInstalls } from './dependencyInstalls';
import type { Fix } from './types';
import { defineRule } from './types';

/** Top-level folders that conventionally hold a project's sources. */
const SOURCE_FOLDERS = /^(\.\/)?(src|app|lib|source|sources)\/?$/i;

/**
 * A COPY/ADD of the context root or of a conventional source folder: what changes with every
 * source edit. Other folders (protobuf definitions, build scripts) change rarely and are left alone.
 */
function copiesSources(instruction: Instruction): boolean {
  const copy = instruction.copy;
  if (!copy || copy.from !== undefined || instruction.heredocs.length > 0) return false;
  return copy.sources.some((s) => {
    const path = unquote(s.value);
    return path === '.' || path === './' || path === '*' || path === './*' || SOURCE_FOLDERS.test(path);
  });
}

export const copyContextBeforeInstall = defineRule({
  id: 'CopyContextBeforeInstall',
  description: 'The sources are copied before the dependency install: every source edit re-runs the install.',
  category: 'cache',
  defaultSeverity: 'warning',
  fix: { availability: 'sometimes', safety: 'unsafe' },
  aliases: [],
  buildkit: false,
  messages: {
    early: (install: string, line: number, manifests?: string[]) => manifests
      ? `The sources are copied before \`${install}\` (line ${line}): any source edit re-runs it. Copy ${manifests.join(', ')} first, install, then copy the rest`
      : `The sources are copied before \`${install}\` (line ${line}): any source edit re-runs it and re-downloads every dependency. Fetch the dependencies in a step that needs only the manifests`,
  },
  check({ model, messages, report }) {
    for (const stage of model.stages) {
      const steps = stage.instructions;
      for (let i = 0; i < steps.length; i++) {
        const copy = steps[i];
        if (!copiesSources(copy)) continue;
        const runIndex = steps.findIndex((s, j) => j > i && dependencyInstalls(s).length > 0);
        if (runIndex < 0) continue;
        const run = steps[runIndex];
        const [install] = dependencyInstalls(run);
        if (!install.manifests) {
          // A build that needs the sources is fine after them when the dependencies were fetched
          // from the manifests earlier in the stage, or when a cache mount keeps the downloads.
          const fetchedEarlier = steps.slice(0, i).some((s) => dependencyInstalls(s).some((d) => d.manager === install.manager));
          const cached = run.run?.mounts.some((m) => m.type === 'cache') ?? false;
          if (fetchedEarlier || cached) continue;
        }
        // Reordering is safe to offer only when the RUN directly follows and does nothing but install.
        const movable = runIndex === i + 1 && onlyInstalls(run) && dependencyInstalls(run).every((d) => d.manifests !== undefined);
        const manifests = [...new Set(dependencyInstalls(run).flatMap((d) => d.manifests ?? []))];
        let fix: Fix | undefined;
        const destination = copy.copy?.destination?.value;
        if (movable && destination) {
          const into = destination === '.' ? './' : destination.endsWith('/') ? destination : `${destination}/`;
          const flags = copy.flags.filter((f) => ['chown', 'chmod', 'link'].includes(f.name.toLowerCase()))
            .map((f) => textOf(model.text, model.lineStarts, f.range)).join(' ');
          const copyLine = ['COPY', flags, ...manifests, into].filter(Boolean).join(' ');
          const runText = textOf(model.text, model.lineStarts, run.range);
          const lineStart = { line: copy.range.start.line, character: 0 };
          const runLines = wholeLines(run.range);
          fix = {
            title: `Copy ${manifests.join(', ')} and install before copying the sources`,
            safety: 'unsafe',
            edits: [
              { range: { start: lineStart, end: lineStart }, newText: `${copyLine}${model.eol}${runText}${model.eol}` },
              { range: runLines, newText: '' },
            ],
          };
        }
        report({
          range: copy.range,
          message: messages.early(install.command, run.range.start.line + 1, install.manifests),
          fix,
          instructionIndex: copy.index,
        });
      }
    }
  },
});
