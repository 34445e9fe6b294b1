import { fromChain, invocation, variableAt } from '../model';

export { invocation };
import type { DockerfileModel, Instruction, SimpleCommand } from '../model';

/** The targets of the RUN's cache and tmpfs mounts, without trailing slashes. */
export function mountedDirectories(instruction: Instruction): Set<string> {
  const targets = new Set<string>();
  for (const mount of instruction.run?.mounts ?? []) {
    if ((mount.type === 'cache' || mount.type === 'tmpfs') && mount.target) targets.add(mount.target.replace(/\/+$/, ''));
  }
  return targets;
}

/** The simple commands of a shell-form RUN (heredoc bodies included). */
export function commandsOf(instruction: Instruction): SimpleCommand[] {
  return instruction.run?.commands ?? [];
}

export const isTruthy = (value: string | null | undefined) => value !== undefined && value !== null && /^(1|on|yes|true)$/i.test(value);

/** The stages whose filesystem ends up in the final image: the last stage and the stages it is built FROM. */
export function shippedStages(model: DockerfileModel): Set<number> {
  return new Set(fromChain(model, model.stages.length - 1).map((s) => s.index));
}

/**
 * The line (1-based) of a later RUN, in the instruction's stage or a stage built FROM it, whose `rm`
 * names a path the pattern matches: a removal there cannot take anything out of the earlier layer,
 * so that the message can say so to a user who thought it did.
 */
export function laterRemovalLine(model: DockerfileModel, instruction: Instruction, path: RegExp): number | undefined {
  const stage = model.stages[instruction.stage];
  if (!stage) return undefined;
  const later = model.stages
    .filter((s) => fromChain(model, s.index).includes(stage))
    .flatMap((s) => s.instructions)
    .find((i) => i.index > instruction.index && commandsOf(i).some((c) => c.words[0] === 'rm' && c.words.some((w) => path.test(w))));
  return later && later.range.start.line + 1;
}

/** What the package-cache rules add to their message when a later RUN removes the cache: why that does not help. */
export function laterRemovalNote(line: number | undefined): string {
  return line ? ` (the \`rm\` on line ${line} runs in a later layer, which cannot take anything out of this one)` : '';
}

/** An environment variable's value for a RUN: set by ENV or ARG before it, or exported earlier in the same RUN. */
export function environmentValue(
  model: DockerfileModel,
  instruction: Instruction,
  name: string,
  before: SimpleCommand,
): string | null | undefined {
  const commands = commandsOf(instruction);
  let value = variableAt(model, instruction, name)?.value;
  for (const command of commands) {
    if (command === before) break;
    if (command.words[0] === 'export') {
      for (const word of command.words.slice(1)) {
        const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(word);
        if (match && match[1] === name) value = match[2];
      }
    }
  }
  return value;
}

/**
 * Inserts `flag` right after each `<program> … <subcommand>` of the RUN text whose command does not
 * already carry it (up to the next `&&`, `||`, `;`, `|` or line end without a continuation), keeping
 * every other character. Undefined when no command needed it, so that a fix applied twice changes
 * nothing the second time.
 */
export function insertAfterSubcommand(text: string, program: RegExp, subcommand: string, flag: string): string | undefined {
  const pattern = new RegExp(`(?<![\\w.-])(${program.source}(?:\\s+-\\S+)*\\s+${subcommand})(?=\\s|$)`, 'g');
  let changed = false;
  const fixed = text.replace(pattern, (match: string, head: string, offset: number) => {
    const rest = text.slice(offset + match.length);
    const command = rest.slice(0, rest.search(/&&|\|\||;|\||[^\\\s]\s*\n|$/) + 1);
    const present = (words: string) => new RegExp(`(^|\\s)${flag.replace(/[-]/g, '\\-')}(?=\\s|=|$)`).test(words);
    if (present(head) || present(command)) return match;
    changed = true;
    return `${head} ${flag}`;
  });
  return changed ? fixed : undefined;
}

/**
 * True when an earlier RUN of the instruction's stage, or of the stages it is built FROM, set a
 * package manager up in a way the pattern names (`pip config set global.no-cache-dir true`, an
 * apt.conf.d file with `APT::Install-Recommends "0"`): the configuration equivalent of a flag.
 */
export function configuredEarlier(model: DockerfileModel, instruction: Instruction, pattern: RegExp): boolean {
  return fromChain(model, instruction.stage).some((stage) =>
    stage.instructions.some((i) => i.keyword === 'RUN' && i.index < instruction.index && pattern.test(i.text)),
  );
}
