import { subcommand, textOf } from '../model';
import {
  commandsOf,
  configuredEarlier,
  environmentValue,
  insertAfterSubcommand,
  invocation,
  isTruthy,
  laterRemovalLine,
  laterRemovalNote,
  mountedDirectories,
  shippedStages,
} from '../knowledge/packageCaches';
import { defineRule } from './types';

const PIPS = new Set(['pip', 'pip2', 'pip3']);
const BOOTSTRAP = /^["']?(pip|setuptools|wheel|hatchling|editables|poetry|uv|pipenv|virtualenv|build)([<>=~!].*)?["']?$/i;

export const pipCacheNotDisabled = defineRule({
  id: 'PipCacheNotDisabled',
  description: "pip install without --no-cache-dir (or PIP_NO_CACHE_DIR, or a cache mount): pip's download cache stays in the image.",
  category: 'size',
  defaultSeverity: 'off',
  fix: { availability: 'sometimes', safety: 'safe' },
  aliases: ['DL3042'],
  buildkit: false,
  messages: {
    cache: (line?: number) =>
      `\`pip install\` keeps its download cache in the image: add \`--no-cache-dir\`, or mount a cache on /root/.cache/pip${laterRemovalNote(line)}`,
  },
  check({ model, messages, report }) {
    // A build stage's cache never reaches the image: only what ships is worth the flag.
    const shipped = shippedStages(model);
    for (const instruction of model.instructions) {
      if (instruction.stage < 0 || !shipped.has(instruction.stage)) continue;
      // Any cache mount: pip's cache may be pointed at it (`--cache-dir`); a tmpfs on the cache keeps it out too.
      if (
        (instruction.run?.mounts ?? []).some((m) => m.type === 'cache') ||
        [...mountedDirectories(instruction)].some((d) => d.endsWith('/.cache/pip') || d.endsWith('/.cache'))
      )
        continue;
      const offending = commandsOf(instruction).some((c) => {
        const { assignments, words } = invocation(c);
        const pipWords = PIPS.has(words[0] ?? '')
          ? words
          : /^python[0-9.]*$/.test(words[0] ?? '') && words[1] === '-m' && PIPS.has(words[2] ?? '')
            ? words.slice(2)
            : undefined;
        if (!pipWords || subcommand(pipWords) !== 'install' || pipWords.includes('--no-cache-dir')) return false;
        // Upgrading pip and its build tools caches a few MB: not worth a word.
        const packages = pipWords.slice(pipWords.indexOf('install') + 1).filter((w) => !w.startsWith('-'));
        if (
          packages.length > 0 &&
          !pipWords.some((w) => w === '-r' || w.startsWith('--requirement')) &&
          packages.every((p) => BOOTSTRAP.test(p))
        )
          return false;
        const setting = assignments.get('PIP_NO_CACHE_DIR') ?? environmentValue(model, instruction, 'PIP_NO_CACHE_DIR', c);
        return !isTruthy(setting);
      });
      if (!offending || configuredEarlier(model, instruction, /no-cache-dir|no_cache_dir/)) continue;
      const text = textOf(model.text, model.lineStarts, instruction.range);
      const fixed = instruction.heredocs.length === 0 ? insertAfterSubcommand(text, /pip[23]?/, 'install', '--no-cache-dir') : undefined;
      report({
        range: instruction.keywordRange,
        message: messages.cache(laterRemovalLine(model, instruction, /\/\.cache(\/pip)?\/?\*?$/)),
        fix: fixed ? { title: 'Add --no-cache-dir', safety: 'safe', edits: [{ range: instruction.range, newText: fixed }] } : undefined,
        instructionIndex: instruction.index,
      });
    }
  },
});
