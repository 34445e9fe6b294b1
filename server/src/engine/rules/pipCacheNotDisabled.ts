import { subcommand, textOf } from '../model';
import { commandsOf, environmentValue, insertAfterSubcommand, invocation, isTruthy, mountedDirectories } from './packageCaches';
import { defineRule } from './types';

const PIPS = new Set(['pip', 'pip2', 'pip3']);

export const pipCacheNotDisabled = defineRule({
  id: 'PipCacheNotDisabled',
  description: "pip install without --no-cache-dir (or PIP_NO_CACHE_DIR, or a cache mount): pip's download cache stays in the image.",
  category: 'size',
  defaultSeverity: 'info',
  fix: { availability: 'sometimes', safety: 'safe' },
  aliases: ['DL3042'],
  buildkit: false,
  messages: {
    cache: () => "`pip install` keeps its download cache in the image: add `--no-cache-dir`, or mount a cache on /root/.cache/pip",
  },
  check({ model, messages, report }) {
    for (const instruction of model.instructions) {
      if (instruction.stage < 0) continue;
      const mounted = [...mountedDirectories(instruction)].some((d) => d.endsWith('/.cache/pip') || d.endsWith('/.cache'));
      if (mounted) continue;
      const offending = commandsOf(instruction).some((c) => {
        const { assignments, words } = invocation(c);
        const pipWords = PIPS.has(words[0]) ? words : /^python[0-9.]*$/.test(words[0] ?? '') && words[1] === '-m' && PIPS.has(words[2]) ? words.slice(2) : undefined;
        if (!pipWords || subcommand(pipWords) !== 'install' || pipWords.includes('--no-cache-dir')) return false;
        const setting = assignments.get('PIP_NO_CACHE_DIR') ?? environmentValue(model, instruction, 'PIP_NO_CACHE_DIR', c);
        return !isTruthy(setting);
      });
      if (!offending) continue;
      const text = textOf(model.text, model.lineStarts, instruction.range);
      const fixed = instruction.heredocs.length === 0 ? insertAfterSubcommand(text, /pip[23]?/, 'install', '--no-cache-dir') : undefined;
      report({
        range: instruction.keywordRange,
        message: messages.cache(),
        fix: fixed ? { title: 'Add --no-cache-dir', safety: 'safe', edits: [{ range: instruction.range, newText: fixed }] } : undefined,
        instructionIndex: instruction.index,
      });
    }
  },
});
