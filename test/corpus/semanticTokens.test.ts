import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DockerfileLanguageServiceFactory } from 'dockerfile-language-service';
import { parseDockerfile, semanticTokens } from '../../server/src/engine';
import type { DockerfileModel } from '../../server/src/engine';
import { corpusFiles, requireHost } from '../support/env';
import { assertWellFormedTokens, decodeTokens } from '../support/semanticTokens';

/** A token as `line:character:length:type:modifiers`, in absolute positions. */
const decode = (data: number[]): string[] =>
  decodeTokens(data).map(({ line, character, length, type, modifiers }) => `${line}:${character}:${length}:${type}:${modifiers}`);

interface Line {
  text: string;
  model: DockerfileModel;
  number: number;
  /** The library's tokens on the line that Layerlens does not make. */
  libraryOnly: string[];
}

const instructionOn = ({ model, number }: Line) =>
  model.instructions.find((i) => i.range.start.line <= number && number <= i.range.end.line);

/**
 * Where Layerlens' tokens part from dockerfile-language-service's, and why Layerlens' are the ones
 * to keep. A line of the corpus whose tokens differ is put under the first kind it fits; a line
 * that fits none fails the test. test/unit/semanticTokens.test.ts pins what Layerlens makes of each.
 */
const KINDS: { kind: string; fits: (line: Line) => boolean; why: string }[] = [
  {
    kind: 'empty tokens',
    fits: (line) => line.libraryOnly.some((t) => t.split(':')[2] === '0'),
    why: 'the library sends tokens of no length, which colour nothing',
  },
  {
    kind: 'comments',
    fits: (line) => /^\s*#/.test(line.text),
    why: 'a comment line inside an instruction is a comment (the library leaves some uncoloured), and a `# name=value` line is a parser directive only where BuildKit reads one: a name of letters and digits, `=` where it is written',
  },
  {
    kind: 'heredocs',
    fits: (line) =>
      instructionOn(line)?.heredocs.some(
        (h) => h.contentRange && h.contentRange.start.line <= line.number && line.number <= h.range.end.line,
      ) === true,
    why: "a heredoc's script is read word by word like a RUN's, with the same quoting and variables",
  },
  {
    kind: 'quoting',
    fits: (line) => /["'`]/.test(line.text),
    why: 'quotes are read as the shell reads them: an escaped quote neither opens nor closes a string, nothing in single quotes is a variable, a variable in double quotes is one wherever the string started',
  },
  {
    kind: 'variables',
    fits: (line) => line.text.includes('$'),
    why: "a `$` alone (`$(command)`) is not a variable, the shell's own `$?`, `$@`, `$#` are, and `${NAME:x}` has no modifier `x`",
  },
  {
    kind: 'images',
    fits: (line) => instructionOn(line)?.keyword === 'FROM',
    why: "an image's registry host is part of its name, which the library leaves uncoloured",
  },
  {
    kind: 'declarations',
    fits: (line) => ['ARG', 'ENV'].includes(instructionOn(line)?.keyword ?? ''),
    why: "every name of `ARG A B C` is declared, as BuildKit reads it, where the library reads ENV's legacy `NAME value`; a value's token does not take the blank before a line's escape character",
  },
  {
    kind: 'continuations',
    fits: (line) => line.text.trim() === line.model.directives.escape.char,
    why: 'a line holding nothing but the escape character continues onto the next, as BuildKit reads it; dockerfile-ast reads it as an instruction named `\\`',
  },
];

test("semantic tokens from the model: the library's, over the corpus, but where listed and justified; well formed in every file", (t) => {
  const files = corpusFiles();
  if (!requireHost(t, files.length > 0, 'the corpus (../shared/corpus/real-world)')) return;
  const service = DockerfileLanguageServiceFactory.createLanguageService();
  const counts = new Map<string, number>(KINDS.map((k) => [k.kind, 0]));
  const unexplained: string[] = [];
  let libraryTokens = 0;
  let shared = 0;
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const model = parseDockerfile(text);
    const data = semanticTokens(model);
    const lines = text.split(/\r\n|\n|\r/);
    const ours = decode(data);
    const library = decode(service.computeSemanticTokens(text).data);

    assertWellFormedTokens(text, data, path.basename(file));

    const ourSet = new Set(ours);
    const librarySet = new Set(library);
    libraryTokens += library.length;
    shared += library.filter((token) => ourSet.has(token)).length;
    const lineOf = (token: string) => Number(token.split(':')[0]);
    const differing = new Set([...library.filter((x) => !ourSet.has(x)), ...ours.filter((x) => !librarySet.has(x))].map(lineOf));
    for (const number of differing) {
      const line: Line = {
        text: lines[number] ?? '',
        model,
        number,
        libraryOnly: library.filter((x) => lineOf(x) === number && !ourSet.has(x)),
      };
      const kind = KINDS.find((k) => k.fits(line));
      if (kind) counts.set(kind.kind, (counts.get(kind.kind) ?? 0) + 1);
      else unexplained.push(`${path.basename(file)}:${number + 1} ${JSON.stringify(line.text)}`);
    }
  }
  for (const { kind, why } of KINDS) t.diagnostic(`${counts.get(kind)} lines differ by ${kind}: ${why}`);
  t.diagnostic(`${shared} of the library's ${libraryTokens} tokens made alike`);
  assert.deepEqual(unexplained, [], 'lines whose tokens differ for no listed reason');
  // The kinds above are broad; most of the library's tokens must still come out the same.
  assert.ok(shared / libraryTokens > 0.96, `${shared} of ${libraryTokens} tokens alike`);
});
