import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDockerfile, SEMANTIC_TOKEN_MODIFIERS, SEMANTIC_TOKEN_TYPES, semanticTokens } from '../../server/src/engine';
import { decodeTokens } from '../support/semanticTokens';

/** The tokens of a text as `line:character type text`, modifiers after a dot, the way a reader checks them. */
function tokensOf(text: string): string[] {
  const lines = text.split(/\r\n|\n|\r/);
  return decodeTokens(semanticTokens(parseDockerfile(text))).map(({ line, character, length, type, modifiers }) => {
    const names = SEMANTIC_TOKEN_MODIFIERS.filter((_, bit) => modifiers & (1 << bit));
    const written = (lines[line] ?? '').slice(character, character + length);
    return `${line}:${character} ${[SEMANTIC_TOKEN_TYPES[type], ...names].join('.')} ${written}`;
  });
}

const ROWS: { name: string; text: string; tokens: string[] }[] = [
  {
    name: 'parser directives, then a comment',
    text: '# syntax=docker/dockerfile:1\n#escape = `\n# a comment\nFROM scratch\n',
    tokens: [
      '0:0 comment # ',
      '0:2 property syntax',
      '0:8 operator =',
      '0:9 parameter docker/dockerfile:1',
      '1:0 comment #',
      '1:1 property escape',
      '1:8 operator =',
      '1:10 parameter `',
      '2:0 comment # a comment',
      '3:0 keyword FROM',
      '3:5 class scratch',
    ],
  },
  {
    name: 'a comment that is not a directive: BuildKit wants a name of letters and digits',
    text: '# vim:set ft=dockerfile:\nFROM scratch\n',
    tokens: ['0:0 comment # vim:set ft=dockerfile:', '1:0 keyword FROM', '1:5 class scratch'],
  },
  {
    name: "FROM's registry, name, tag, digest, AS and stage name",
    text: 'FROM --platform=$BUILDPLATFORM gcr.io/distroless/cc:nonroot@sha256:abc AS build\n',
    tokens: [
      '0:0 keyword FROM',
      '0:5 parameter --platform',
      '0:15 operator =',
      '0:16 variable $BUILDPLATFORM',
      '0:31 class gcr.io/distroless/cc',
      '0:52 property nonroot',
      '0:60 property sha256:abc',
      '0:71 keyword AS',
      '0:74 namespace build',
    ],
  },
  {
    name: 'a registry with a port is not a tag; a variable in the image reads as one',
    text: 'FROM localhost:5000/app:${TAG:-1}\n',
    tokens: [
      '0:0 keyword FROM',
      '0:5 class localhost:5000/app',
      '0:24 variable ${TAG',
      '0:29 operator :',
      '0:30 modifier -',
      '0:31 variable 1}',
    ],
  },
  {
    name: 'ARG declares each name; a quoted default keeps its blanks',
    text: 'ARG A B=1 C="x y"\n',
    tokens: [
      '0:0 keyword ARG',
      '0:4 variable.declaration A',
      '0:6 variable.declaration B',
      '0:7 operator =',
      '0:8 parameter 1',
      '0:10 variable.declaration C',
      '0:11 operator =',
      '0:12 string "x y"',
    ],
  },
  {
    name: "ENV's legacy form: the name, then the value to the end of the line",
    text: 'ENV PATH /usr/bin:$PATH\n',
    tokens: ['0:0 keyword ENV', '0:4 variable.declaration PATH', '0:9 parameter /usr/bin:', '0:18 variable $PATH'],
  },
  {
    name: 'RUN: flags with options, strings, variables, the escape that continues a line and a comment line inside',
    text: 'RUN --mount=type=cache,target=/root/.cache,sharing=locked \\\n  # why\n  pip install "a b" $HOME/x \\\n  && echo ${A:+yes}\n',
    tokens: [
      '0:0 keyword RUN',
      '0:4 parameter --mount',
      '0:11 operator =',
      '0:12 parameter type',
      '0:16 operator =',
      '0:17 property cache',
      '0:23 parameter target',
      '0:29 operator =',
      '0:30 property /root/.cache',
      '0:43 parameter sharing',
      '0:50 operator =',
      '0:51 property locked',
      '0:58 macro \\',
      '1:2 comment # why',
      '2:2 parameter pip',
      '2:6 parameter install',
      '2:14 string "a',
      '2:17 string b"',
      '2:20 variable $HOME',
      '2:25 parameter /x',
      '2:28 macro \\',
      '3:2 parameter &&',
      '3:5 parameter echo',
      '3:10 variable ${A',
      '3:13 operator :',
      '3:14 modifier +',
      '3:15 variable yes}',
    ],
  },
  {
    name: "the shell's own parameters are variables, a command substitution is not, nor anything in single quotes",
    text: 'RUN test $? -eq 0 && x=$(date) && echo \'$HOME\' "$HOME"\n',
    tokens: [
      '0:0 keyword RUN',
      '0:4 parameter test',
      '0:9 variable $?',
      '0:12 parameter -eq',
      '0:16 parameter 0',
      '0:18 parameter &&',
      '0:21 parameter x=$(date)',
      '0:31 parameter &&',
      '0:34 parameter echo',
      "0:39 string '$HOME'",
      '0:47 string "',
      '0:48 variable $HOME',
      '0:53 string "',
    ],
  },
  {
    name: 'an escaped quote neither opens nor closes a string',
    text: 'RUN echo \\"a\\" "b \\" c"\n',
    tokens: ['0:0 keyword RUN', '0:4 parameter echo', '0:9 parameter \\"a\\"', '0:15 string "b', '0:18 string \\"', '0:21 string c"'],
  },
  {
    name: 'a word continued on the next line is a token on each line, without the escape character or a comment line between',
    text: 'RUN echo ab\\\n  # why\n  cd\n',
    tokens: ['0:0 keyword RUN', '0:4 parameter echo', '0:9 parameter ab', '0:11 macro \\', '1:2 comment # why', '2:2 parameter cd'],
  },
  {
    name: "the exec form's strings, and the backtick escape",
    text: '# escape=`\nCMD ["sh", "-c", `\n  "echo $A"]\n',
    tokens: [
      '0:0 comment # ',
      '0:2 property escape',
      '0:8 operator =',
      '0:9 parameter `',
      '1:0 keyword CMD',
      '1:4 parameter [',
      '1:5 string "sh"',
      '1:9 parameter ,',
      '1:11 string "-c"',
      '1:15 parameter ,',
      '1:17 macro `',
      '2:2 string "echo',
      '2:8 variable $A',
      '2:10 string "',
      '2:11 parameter ]',
    ],
  },
  {
    name: "a heredoc's script, word by word, its own continuation included",
    text: 'RUN <<EOF\necho "hi" \\\n  $X\nEOF\n',
    tokens: [
      '0:0 keyword RUN',
      '0:4 parameter <<EOF',
      '1:0 parameter echo',
      '1:5 string "hi"',
      '1:10 macro \\',
      '2:2 variable $X',
      '3:0 parameter EOF',
    ],
  },
  {
    name: "HEALTHCHECK's CMD, ONBUILD's trigger and its declarations, MAINTAINER deprecated",
    text: 'HEALTHCHECK --interval=5s CMD curl -f http://x/\nONBUILD ENV A=1\nMAINTAINER me\n',
    tokens: [
      '0:0 keyword HEALTHCHECK',
      '0:12 parameter --interval',
      '0:22 operator =',
      '0:23 property 5s',
      '0:26 keyword CMD',
      '0:30 parameter curl',
      '0:35 parameter -f',
      '0:38 parameter http://x/',
      '1:0 keyword ONBUILD',
      '1:8 keyword ENV',
      '1:12 variable.declaration A',
      '1:13 operator =',
      '1:14 parameter 1',
      '2:0 keyword.deprecated MAINTAINER',
      '2:11 parameter me',
    ],
  },
  {
    name: 'CRLF line ends, a byte-order mark (counted as the model counts it), and a line that holds only the escape character',
    text: '\uFEFFFROM a\r\n \\\r\nRUN x\r\n',
    tokens: ['0:1 keyword FROM', '0:6 class a', '1:1 macro \\', '2:0 keyword RUN', '2:4 parameter x'],
  },
];

for (const row of ROWS) {
  test(`semantic tokens: ${row.name}`, () => {
    assert.deepEqual(tokensOf(row.text), row.tokens);
  });
}

test('semantic tokens: an empty file, and one that is only comments, have no instruction tokens', () => {
  assert.deepEqual(tokensOf(''), []);
  assert.deepEqual(tokensOf('\n\n# only\n'), ['2:0 comment # only']);
});
