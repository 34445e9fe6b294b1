import { invocation, variableAt } from '../model';

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
  const shipped = new Set<number>();
  let index: number | undefined = model.stages.length - 1;
  while (index !== undefined && index >= 0 && !shipped.has(index)) {
    shipped.add(index);
    index = model.stages[index].baseStage;
  }
  return shipped;
}

/** An environment variable's value for a RUN: set by ENV or ARG before it, or exported earlier in the same RUN. */
export function environmentValue(model: DockerfileModel, instruction: Instruction, name: string, before: SimpleCommand): string | null | undefined {
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

/** Inserts `flag` right after the first `<program> … <subcommand>` of the RUN text, keeping every other character. */
export function insertAfterSubcommand(text: string, program: RegExp, subcommand: string, flag: string): string | undefined {
  const pattern = new RegExp(`(${program.source}(?:\\s+-\\S+)*\\s+${subcommand})(?=\\s|$)`);
  return pattern.test(text) ? text.replace(pattern, `$1 ${flag}`) : undefined;
}
