import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import { DockerfileParser } from 'dockerfile-ast';
import { validate } from 'dockerfile-utils';
import { parseDockerfile, reusingValidator, variableAt, variablesAt, withParseShared, withoutBom } from '../../server/src/engine/model';
import { READ_AGAIN_AFTER } from '../../server/src/engine/model/parse';
import { corpusFiles, repoRoot, requireHost } from '../support/env';

test('variableAt answers, for every instruction of every corpus file, what variablesAt lists, and nothing it does not', (t) => {
  const files = corpusFiles();
  if (!requireHost(t, files.length > 0, 'the corpus (../shared/corpus/real-world)')) return;
  let checked = 0;
  for (const file of files) {
    const model = parseDockerfile(fs.readFileSync(file, 'utf8'));
    for (const instruction of model.instructions) {
      // A global ARG declared twice is listed twice; the later declaration is the one in effect.
      const listed = new Map(variablesAt(model, instruction).map((v) => [v.name, v]));
      for (const [name, variable] of listed)
        assert.deepEqual(variableAt(model, instruction, name), variable, `${file}: ${name} at line ${instruction.range.start.line + 1}`);
      assert.equal(variableAt(model, instruction, 'LAYERLENS_NEVER_SET'), undefined);
      checked += listed.size;
    }
  }
  assert.ok(checked > 1000, `${checked} variables checked`);
});

test("one parse per version: the validator behind InvalidSyntax gets the model's parse, and finds exactly what it finds alone", (t) => {
  const files = corpusFiles();
  if (!requireHost(t, files.length > 0, 'the corpus (../shared/corpus/real-world)')) return;
  const text = 'FROM alpine\nRUN true\n';
  parseDockerfile(text);
  withParseShared(() =>
    assert.equal(DockerfileParser.parse(text), DockerfileParser.parse(text), 'the text just parsed is not parsed again for the validator'),
  );
  withParseShared(() =>
    assert.notEqual(DockerfileParser.parse('FROM busybox\n'), DockerfileParser.parse('FROM busybox\n'), 'other texts are parsed as before'),
  );
  assert.notEqual(DockerfileParser.parse(text), DockerfileParser.parse(text), 'other readers get a parse of their own');
  for (const file of files) {
    const source = withoutBom(fs.readFileSync(file, 'utf8'));
    const alone = validate(source);
    parseDockerfile(source);
    assert.deepEqual(
      withParseShared(() => validate(source)),
      alone,
      file,
    );
  }
});

/** Tricky variable placements: FROM lines, continuations, ENV before FROM, indented and repeated stages, a long chain. */
const VARIABLE_CASES = [
  'ARG BASE=alpine\nARG TAG\nFROM ${BASE}:${TAG:-3} AS a\nARG BASE\nENV X=$BASE Y=${TAG}\nRUN echo $X $Y $BASE $NOPE\n',
  'ENV EARLY=1\nARG V=2\nFROM busybox\nRUN echo $EARLY $V\nFROM \\\n  busybox:${V}\nARG V\nRUN echo ${V:+set}\n',
  '  FROM busybox AS one\n  ARG A=1\n  RUN echo $A\n\n# between\n\n FROM one\nRUN echo $A $B\n',
  Array.from(
    { length: 60 },
    (_, i) =>
      `${i === 0 ? 'FROM busybox' : `FROM s${i - 1}`} AS s${i}\nARG V${i}=${i}\nENV E${i}=$V${i}\nRUN echo $V${i} $E${i} $V${i - 1}`,
  ).join('\n') + '\n',
  '# first\nARG A\n# before FROM\nFROM busybox AS b\n# in b\nENV X=1 X=2 A=$X\nARG A=3\nRUN echo $X $A\n  # indented\nARG A\nENV A=${A}4 \\\n  B=$A\nRUN echo $A $B\n# last\n',
];

/**
 * What steers the argument split: escaped newlines with blanks around them, comments inside
 * continuations, CRLF, escapes before `$` and elsewhere, a backtick escape, an escape at the very
 * end, and an escaped blank after a continuation (where dockerfile-ast makes an empty argument that
 * starts before the arguments).
 */
const SPLIT_CASES = [
  'FROM alpine\nRUN apk add \\\n    curl \\  \n  # a comment\n    git\\\n\n  && echo a\\ b \\$HOME "c d"\\\r\n  e\n',
  'FROM alpine\r\nRUN echo one \\ \t\r\n two\\\r\n#c\r\n three \\x\\\\ \\ y\r\nCOPY a\\ b c\r\n',
  '# escape=`\nFROM mcr.microsoft.com/windows\nRUN dir `\n  c:\\ ``$x `\n  # note\n  `\nENV A=`$B C=d` e\n',
  'FROM alpine\nRUN echo a\\\n\\\n b \\',
  'FROM alpine\nRUN echo abc\\  \n  def\\ \t\r\nghi\\\n  jkl\\ x\n',
  'FROM alpine\nRUN echo a \\\n  \\ b\nRUN \\\n \\ c\n',
  'FROM alpine\nLABEL a="x \\\n y" \\ \n  # c\n  b=c\\ d\nEXPOSE 80\\\n',
];

test("dockerfile-ast's shortcuts (kept argument splits, indexed variable resolution, comments placed by binary search) answer what the library answers alone, over the corpus", (t) => {
  const files = corpusFiles();
  if (!requireHost(t, files.length > 0, 'the corpus (../shared/corpus/real-world)')) return;
  const texts = [...files.map((f) => withoutBom(fs.readFileSync(f, 'utf8'))), ...VARIABLE_CASES, ...SPLIT_CASES];
  // What the validator finds, how each instruction's arguments split and how every variable of
  // every instruction resolves: run here, and from its source in a process that loads the
  // libraries alone.
  const observe = (text: string): unknown => {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const ast = (require('dockerfile-ast') as typeof import('dockerfile-ast')).DockerfileParser.parse(text);
    const findings = (require('dockerfile-utils') as typeof import('dockerfile-utils')).validate(text);
    /* eslint-enable @typescript-eslint/no-require-imports */
    type Split = { getRawArguments(): { getValue(): string; getRange(): unknown }[] };
    const splits = ast.getInstructions().map((i) => (i as unknown as Split).getRawArguments().map((a) => [a.getValue(), a.getRange()]));
    const variables = ast
      .getInstructions()
      .map((i) =>
        i
          .getVariables()
          .map((v) => [
            v.getName(),
            v.isDefined(),
            v.isBuildVariable() ?? null,
            ast.resolveVariable(v.getName(), v.getNameRange().start.line) ?? null,
          ]),
      );
    type Template = { getComments(): { getRange(): { start: { line: number } } }[] };
    const internals = ast as unknown as { initialInstructions: Template; buildStages: Template[] };
    const comments = [internals.initialInstructions, ...internals.buildStages].map((template) =>
      template.getComments().map((c) => c.getRange().start.line),
    );
    return JSON.parse(JSON.stringify({ findings, splits, variables, comments }));
  };
  const pristine = spawnSync(
    process.execPath,
    [
      '-e',
      `
    const texts = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
    process.stdout.write(JSON.stringify(texts.map(${observe.toString()})));
  `,
    ],
    { cwd: repoRoot, input: JSON.stringify(texts), encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
  );
  assert.equal(pristine.status, 0, pristine.stderr);
  const expected = JSON.parse(pristine.stdout) as unknown[];
  texts.forEach((text, i) => {
    parseDockerfile(text);
    assert.deepEqual(observe(text), expected[i], files[i] ?? [...VARIABLE_CASES, ...SPLIT_CASES][i - files.length]);
  });
  const run = DockerfileParser.parse('RUN --mount=type=cache,target=/root/.npm npm ci\n').getInstructions()[0];
  const args = run.getArguments();
  args.shift();
  assert.deepEqual(
    run.getArguments().map((a) => a.getValue()),
    ['npm', 'ci'],
    "a caller that changes its list changes nobody else's",
  );
});

/**
 * The model as plain data, to compare two models field by field: words give their value and
 * range, and the maps and sets of the suppressions and the check directive their entries.
 */
function plainModel(model: ReturnType<typeof parseDockerfile>): string {
  return JSON.stringify(model, (_key, value: unknown) => (value instanceof Map ? [...value] : value instanceof Set ? [...value] : value));
}

/** Edits that keep some instructions where they were: typed at the end, in the middle, and ones that change their index or stage. */
const EDITS: { name: string; edit: (text: string) => string | undefined }[] = [
  { name: 'a character typed at the end', edit: (text) => text.replace(/\s*$/, '') + 'x' },
  {
    name: 'a character typed in the middle line',
    edit: (text) => {
      const lines = text.split('\n');
      const middle = lines.length >> 1;
      lines[middle] += 'x';
      return lines.join('\n');
    },
  },
  // The same length on the same lines: the instructions after keep their offsets and positions
  // but come one place earlier, or in another stage.
  { name: 'the first RUN commented out', edit: (text) => (/^RUN /m.test(text) ? text.replace(/^RU/m, '# ') : undefined) },
  { name: 'the first FROM commented out', edit: (text) => (/^FROM /m.test(text) ? text.replace(/^FR/m, '# ') : undefined) },
  {
    name: 'the second FROM commented out',
    edit: (text) => {
      const second = [...text.matchAll(/^FROM /gm)][1];
      return second?.index === undefined ? undefined : `${text.slice(0, second.index)}# OM ${text.slice(second.index + 5)}`;
    },
  },
  { name: 'a line inserted at the top', edit: (text) => `# top\n${text}` },
];

/** Versions whose instructions read the same and must not be taken from the version before, and mount problems to report again. */
const REUSE_CASES: [before: string, after: string][] = [
  ['# escape=\\\nFROM alpine\nRUN echo a\\ b ` c\n', '# escape=`\nFROM alpine\nRUN echo a\\ b ` c\n'],
  ['FROM alpine\nRUN --mount=type=cache,nosuch=1 true\nRUN tru', 'FROM alpine\nRUN --mount=type=cache,nosuch=1 true\nRUN true'],
  ['FROM alpine AS a\nRUN true\nFROM a\nRUN true\n', 'FROM alpine AS a\nRUN true\n# OM a\nRUN true\n'],
];

/** Every edit of EDITS to every corpus file, and REUSE_CASES: a name, the text before and the text after. */
function editsOfCorpus(files: string[]): [string, string, string][] {
  const edits: [string, string, string][] = REUSE_CASES.map(([before, after], i) => [`case ${i + 1}`, before, after]);
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    for (const { name, edit } of EDITS) {
      const edited = edit(text);
      if (edited !== undefined) edits.push([`${file}: ${name}`, text, edited]);
    }
  }
  return edits;
}

test('a model made with the version before is the model made afresh, over edits of every corpus file', (t) => {
  const files = corpusFiles();
  if (!requireHost(t, files.length > 0, 'the corpus (../shared/corpus/real-world)')) return;
  let compared = 0;
  for (const [name, before, after] of editsOfCorpus(files)) {
    assert.equal(plainModel(parseDockerfile(after, parseDockerfile(before))), plainModel(parseDockerfile(after)), name);
    compared++;
  }
  assert.ok(compared > 2000, `${compared} versions compared`);
});

test('the validator finds in a version, with what it found in the instructions taken over from the version before, what it finds alone, over edits of every corpus file', (t) => {
  const files = corpusFiles();
  if (!requireHost(t, files.length > 0, 'the corpus (../shared/corpus/real-world)')) return;
  // The validator's default settings, as `validate` alone has them.
  const validateModel = reusingValidator();
  let compared = 0;
  for (const [name, before, after] of editsOfCorpus(files)) {
    const first = parseDockerfile(before);
    assert.deepEqual(validateModel(first), validate(withoutBom(before)), `${name}, before`);
    assert.deepEqual(validateModel(parseDockerfile(after, first)), validate(withoutBom(after)), name);
    compared++;
  }
  assert.ok(compared > 2000, `${compared} versions compared`);
});

test('an instruction a keystroke did not touch is taken over from the version before, and read again after READ_AGAIN_AFTER versions', () => {
  const head = 'FROM alpine\nRUN --mount=type=cache,target=/root/.cache apk add git\nCMD ';
  let previous = parseDockerfile(head);
  const models = [previous];
  for (let typed = 1; typed <= 2 * READ_AGAIN_AFTER; typed++) {
    const model = parseDockerfile(head + 'x'.repeat(typed), previous);
    models.push(model);
    previous = model;
  }
  // The RUN's words are the very list of the version it was read in, until it is read again.
  const versionRead = models.map((model) => models.findIndex((m) => m.instructions[1]?.args === model.instructions[1]?.args));
  assert.deepEqual(
    versionRead,
    models.map((_, version) => version - (version % READ_AGAIN_AFTER)),
  );
  assert.equal(models.at(-1)?.instructions[1]?.index, 1);
});
