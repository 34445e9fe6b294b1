import { referencedNames, wholeLines } from '../model';
import type { DockerfileModel, Instruction, Property } from '../model';
import type { Fix, TextEdit } from '../rules/types';

/** Where BuildKit mounts a secret when the mount gives no target. */
export function secretPath(id: string): string {
  return `/run/secrets/${id}`;
}

/** The secret id the fix gives a variable: its name in lower case, as `--secret id=` conventions go. */
export function secretIdFor(name: string): string {
  return name.toLowerCase();
}

function usesVariable(instruction: Instruction, name: string, escapeChar: string): boolean {
  const texts = instruction.run
    ? [instruction.run.command, ...instruction.heredocs.map((h) => h.content)]
    : instruction.args.map((a) => a.value);
  return texts.some((text) => referencedNames(text, escapeChar).includes(name));
}

/** Deletes whole lines of a one-property instruction, or just the property among several. */
function removeDeclaration(instruction: Instruction, property: Property): TextEdit {
  if (instruction.properties.length === 1) {
    return { range: wholeLines(instruction.range), newText: '' };
  }
  const index = instruction.properties.indexOf(property);
  const previous = instruction.properties[index - 1];
  const start = previous ? previous.range.end : property.range.start;
  const end = previous ? property.range.end : instruction.properties[index + 1].range.start;
  return { range: { start, end }, newText: '' };
}

/**
 * "Add secret mount": removes the ARG or ENV that carries a secret and gives every RUN of
 * the stage that reads the variable a `--mount=type=secret` instead, exporting the variable
 * from the mounted file for that one command. The file form (rather than `env=`) is what
 * the Dockerfile frontend built into Docker 20.10 understands. Unsafe: the build must now be
 * given `--secret id=…`, and the value no longer comes from the ARG's default or the ENV.
 * Returns undefined where the rewrite would not keep the build working: a global ARG, a
 * variable read outside RUN, an exec-form RUN, a custom SHELL, a Windows (backtick) file.
 */
export function addSecretMount(model: DockerfileModel, declaration: Instruction, property: Property): Fix | undefined {
  const escapeChar = model.directives.escape.char;
  if (declaration.stage < 0 || escapeChar !== '\\') return undefined;
  const stage = model.stages[declaration.stage];
  if (stage.instructions.some((i) => i.keyword === 'SHELL')) return undefined;
  const name = property.name;
  const inheritedByLaterStages = model.stages.some((s) => s.baseStage === stage.index
    && s.instructions.some((i) => i !== s.from && usesVariable(i, name, escapeChar)));
  if (declaration.keyword === 'ENV' && inheritedByLaterStages) return undefined;

  const later = stage.instructions.filter((i) => i.index > declaration.index && i.keyword !== 'FROM');
  const readers = later.filter((i) => usesVariable(i, name, escapeChar));
  if (readers.length === 0 || readers.some((i) => i.keyword !== 'RUN' || i.run?.form !== 'shell')) return undefined;

  const id = secretIdFor(name);
  const exportLine = `export ${name}="$(cat ${secretPath(id)})"`;
  const edits: TextEdit[] = [removeDeclaration(declaration, property)];
  for (const run of readers) {
    const hasMount = run.run?.mounts.some((m) => m.type === 'secret' && m.id === id) ?? false;
    if (!hasMount) {
      edits.push({ range: { start: run.keywordRange.end, end: run.keywordRange.end }, newText: ` --mount=type=secret,id=${id},required=true` });
    }
    const heredoc = run.heredocs[0];
    const first = run.args[0];
    if (heredoc && first?.value.startsWith('<<')) {
      if (!heredoc.contentRange || heredoc.content.startsWith('#!')) return undefined;
      edits.push({ range: { start: heredoc.contentRange.start, end: heredoc.contentRange.start }, newText: exportLine + model.eol });
    } else if (first) {
      edits.push({ range: { start: first.range.start, end: first.range.start }, newText: `${exportLine} && ` });
    }
  }
  return { title: `Add secret mount: pass ${name} as secret "${id}" instead of ${declaration.keyword}`, safety: 'unsafe', edits };
}
