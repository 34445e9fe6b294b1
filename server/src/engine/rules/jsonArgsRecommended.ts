import { alongFromChain, argumentsRange, joinContinuationLines, parseJsonForm, splitCommands, textOf } from '../model';
import type { Instruction } from '../model';
import { setsShell } from '../knowledge/images';
import { defineRule } from './types';

/** Words that mean the same without a shell: no expansion, quoting, globbing, redirection or operators. */
function plainWords(instruction: Instruction): string[] | undefined {
  const words = instruction.args.map((a) => a.value);
  return words.length > 0 && words.every((w) => /^[A-Za-z0-9_@%+=:,./-]+$/.test(w)) ? words : undefined;
}

/** What only a shell does: expansion, several commands, pipes and redirections. */
const SHELL_SYNTAX = /[$;|&<>`]/;

/** A JSON array written with single quotes (`['node', 'server.js']`): not JSON, so BuildKit runs it through the shell as written. */
const SINGLE_QUOTED_ARRAY = /^\[\s*'.*'\s*\]$/s;

/** The same array in double quotes; undefined when an element holds a quote or backslash that a plain change of quotes would get wrong. */
function doubleQuoted(array: string): string | undefined {
  const elements = array
    .slice(1, -1)
    .trim()
    .split(/\s*,\s*/);
  if (!elements.every((e) => /^'[^'"\\]*'$/.test(e))) return undefined;
  return JSON.stringify(elements.map((e) => e.slice(1, -1))).replace(/","/g, '", "');
}

export const jsonArgsRecommended = defineRule({
  id: 'JSONArgsRecommended',
  description: 'CMD or ENTRYPOINT in shell form: the program runs under /bin/sh -c and does not receive stop signals.',
  category: 'syntax',
  defaultSeverity: 'warning',
  fix: { availability: 'sometimes', safety: 'unsafe' },
  aliases: ['DL3025'],
  buildkit: true,
  messages: {
    json: (keyword: string) => `JSON arguments recommended for ${keyword} to prevent unintended behavior related to OS signals`,
    notJson: (keyword: string) =>
      `${keyword} starts like JSON but is not a JSON array of strings (a stray character, a missing comma, a comment after it), so it runs through /bin/sh -c as written, where it fails`,
    alreadyExec: (keyword: string) =>
      `JSON arguments recommended for ${keyword} to prevent unintended behavior related to OS signals. This command already starts with exec, so the program receives the signals; BuildKit warns about the shell form anyway, and \`["sh", "-c", "exec …"]\` silences it`,
    needsShell: (keyword: string) =>
      `JSON arguments recommended for ${keyword} to prevent unintended behavior related to OS signals. This command needs a shell (variables or several commands): \`["sh", "-c", "exec …"]\` keeps it and lets the program receive the signals`,
    needsShellForSeveral: (keyword: string) =>
      `JSON arguments recommended for ${keyword} to prevent unintended behavior related to OS signals. This command runs several commands, so it needs a shell: \`["sh", "-c", "…"]\` keeps it, with \`exec\` before the last command when that one is the long-running program`,
    singleQuoted: (keyword: string) =>
      `${keyword} is written as JSON with single quotes, which is not JSON: it runs through /bin/sh -c as written. JSON arguments need double quotes`,
  },
  check({ model, messages, report }) {
    // A stage that, itself or through a stage it is built FROM, sets its own SHELL uses the shell form deliberately.
    const hasCustomShell = alongFromChain<boolean>(
      model,
      (stage, base) =>
        base === true ||
        (stage.baseStage === undefined && setsShell(stage.resolvedBase)) ||
        stage.instructions.some((i) => i.keyword === 'SHELL'),
    );
    for (const stage of model.stages) {
      if (hasCustomShell(stage)) continue;
      for (const instruction of stage.instructions) {
        if (instruction.keyword !== 'CMD' && instruction.keyword !== 'ENTRYPOINT') continue;
        const first = instruction.args[0];
        const argsRange = argumentsRange(instruction.args);
        if (!first || !argsRange) continue;
        const range = { start: instruction.keywordRange.start, end: argsRange.end };
        const argumentsText = textOf(model.text, model.lineStarts, argsRange);
        // `[ -d /data ] || …` is the shell's test command, written on purpose: a JSON array opens with a
        // quote or a word right after the bracket, or closes at once.
        if (/^\[(?!\s)|^\[\s*(["'\]]|$)/.test(argumentsText)) {
          const array = argumentsText;
          if (SINGLE_QUOTED_ARRAY.test(array)) {
            const json = doubleQuoted(array);
            const fix =
              json === undefined
                ? undefined
                : { title: `Use double quotes: ${json}`, safety: 'unsafe' as const, edits: [{ range: argsRange, newText: json }] };
            report({ range, message: messages.singleQuoted(instruction.keyword), fix, instructionIndex: instruction.index });
          } else {
            // The parser's arguments of a broken array may stop before its last characters: the instruction's own end is read.
            const written = textOf(model.text, model.lineStarts, { start: first.range.start, end: instruction.range.end });
            if (!parseJsonForm(joinContinuationLines(written, model.directives.escape.char))) {
              report({
                range: { start: instruction.keywordRange.start, end: instruction.range.end },
                message: messages.notJson(instruction.keyword),
                instructionIndex: instruction.index,
              });
            }
          }
          continue;
        }
        const written = plainWords(instruction);
        // `exec` is the shell's builtin, not a program: in the exec form the program is started directly,
        // so the word goes (`exec -a name prog` changes what runs, and gets no fix).
        const words =
          written?.[0] !== 'exec' ? written : written[1] !== undefined && !written[1].startsWith('-') ? written.slice(1) : undefined;
        // The plain JSON array of such a command would pass `${PORT}` or `&&` to the program as written.
        const shellOnly = !written && SHELL_SYNTAX.test(instruction.args.map((a) => a.value).join(' '));
        // `exec` before a chain (`forever start app && tail -f log`) would replace the shell with its
        // first command and drop the rest.
        const several = shellOnly && splitCommands(instruction.args.map((a) => a.value).join(' ')).length > 1;
        const shellMessage = several ? messages.needsShellForSeveral(instruction.keyword) : messages.needsShell(instruction.keyword);
        report({
          range,
          message:
            first.value === 'exec'
              ? messages.alreadyExec(instruction.keyword)
              : shellOnly
                ? shellMessage
                : messages.json(instruction.keyword),
          fix: words && {
            title: `Use the exec form ${JSON.stringify(words)}`,
            safety: 'unsafe',
            edits: [{ range: argsRange, newText: JSON.stringify(words).replace(/","/g, '", "') }],
          },
          instructionIndex: instruction.index,
        });
      }
    }
  },
});
