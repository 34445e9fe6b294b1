import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cardAt, parseDockerfile, renderCard } from '../../server/src/engine';
import type { CardOptions } from '../../server/src/engine';

const TEXT =
  [
    '# syntax=docker/dockerfile:1', // 1
    'ARG BASE=alpine:3.20', // 2
    'FROM $BASE AS build', // 3
    'ARG VERSION', // 4
    'ENV MODE=release', // 5
    'WORKDIR /src', // 6
    'COPY . .', // 7
    'USER builder', // 8
    'RUN --mount=type=secret,id=token,required=true --mount=type=bind,source=conf,target=/conf --mount=type=tmpfs,target=/tmp make', // 9
    'FROM build AS test', // 10
    'RUN make test', // 11
    'FROM alpine@sha256:' + 'a'.repeat(64), // 12
    'LABEL org.opencontainers.image.title=app', // 13
    'COPY --from=build /src/out /app', // 14
  ].join('\n') + '\n';
const model = parseDockerfile(TEXT);

/** The card under the first occurrence of `needle` on 1-based `line`, as plain text. */
function card(line: number, needle: string, options: CardOptions = {}): string {
  const character = TEXT.split('\n')[line - 1].indexOf(needle);
  assert.ok(character >= 0, `${needle} on line ${line}`);
  const found = cardAt(model, { line: line - 1, character: character + 1 }, options);
  assert.ok(found, `a card at line ${line}, ${needle}`);
  return renderCard(found.card, 'plaintext');
}

const rows: { at: [number, string]; options?: CardOptions; says: RegExp[] }[] = [
  { at: [1, 'syntax'], says: [/^Pulls a frontend/, /built-in frontend/, /\n# syntax=docker\/dockerfile:1$/] },
  { at: [2, 'ARG'], says: [/A new value re-runs the stages whose FROM uses it \(line 3\), from their base image on/] },
  {
    at: [4, 'ARG'],
    says: [
      /A new value first re-runs line 9 \(`RUN --mount=type=secret/,
      /every RUN sees all ARGs in scope/,
      /a `--build-arg` for a name that no ARG declares changes nothing/,
    ],
  },
  {
    at: [5, 'ENV'],
    says: [
      /A new value re-runs the next RUN, line 9, and every step after it\. WORKDIR, COPY and ADD before that RUN stay cached/,
      /stage `test` \(line 10\), built FROM this stage/,
    ],
  },
  { at: [6, 'WORKDIR'], says: [/Re-runs when its path changes or an earlier step re-runs/] },
  { at: [8, 'USER'], says: [/Not a step\. A change re-runs the next RUN, line 9/, /COPY and ADD do not depend on it/] },
  { at: [13, 'LABEL'], says: [/Never re-runs anything/] },
  { at: [3, 'FROM'], says: [/Re-runs when the tag `alpine:3\.20` moves/, /stage 2: line 14 copies from it/] },
  { at: [12, 'FROM'], says: [/pinned by digest/] },
  {
    at: [10, 'FROM'],
    says: [
      /Re-runs when anything in stage `build` re-runs/,
      /not needed to build the last stage: BuildKit skips it unless you build `--target test`/,
    ],
  },
  {
    at: [9, 'type=secret'],
    says: [/Not in the key: the secret `token`\. Rotating it does not re-run this step/, /the build fails without it/],
  },
  { at: [9, 'type=bind'], says: [/In the key: the content bound from the build context \(`conf`\)/] },
  { at: [9, 'type=tmpfs'], says: [/an empty in-memory folder/] },
  {
    at: [3, 'build'],
    says: [
      /In the final image: only what other stages copy from it reaches the image/,
      /line 14 in stage 2: COPY --from \(`\/src\/out`\)/,
      /runs from scratch whenever it has to run\. Push it as its own image \(`--target build --tag IMAGE:build`\)/,
    ],
  },
  {
    at: [3, 'build'],
    options: { target: 'test' },
    says: [
      /the image is built FROM it: all its layers are in the image/,
      /the inline cache \(`BUILDKIT_INLINE_CACHE=1`\) carries its layers/,
    ],
  },
  { at: [10, 'test'], says: [/nothing: the target does not need it/] },
  {
    at: [7, 'COPY'],
    options: { context: { files: ['a', 'b', 'src/c'], complete: true, excluded: 37 } },
    says: [
      /\nBuildKit cache: COPY step, line 7$/,
      /^Re-runs when the content or mode of the 3 context files it copies \(`\.dockerignore` excludes 37\) changes, when the instruction changes, or when the step at line 6 re-runs\. Modification times do not count\./,
    ],
  },
];

test('a COPY --link card says what a change below it does on the image store the engine uses, and that it depends on it when unknown', () => {
  const linked = parseDockerfile('FROM alpine\nCOPY dep.txt /dep/\nCOPY --link app.txt /app/\n');
  const on = (imageStore?: 'classic' | 'containerd') =>
    renderCard(cardAt(linked, { line: 2, character: 1 }, { imageStore })!.card, 'plaintext');
  assert.match(
    on('containerd'),
    /or when the step at line 2 re-runs, only to merge it: this engine's containerd image store reuses the linked copy, though later steps re-run/,
  );
  assert.match(on('containerd'), /when it changes, this copy is reused \(`--link`\) and only merged onto the new layers/);
  assert.match(on('classic'), /on this engine's classic image store `--link` does not help: it copies again/);
  assert.match(on(), /that depends on the image store: the containerd store then reuses the linked copy/);
});

for (const row of rows) {
  test(`card at line ${row.at[0]} (${row.at[1]})${row.options?.target ? ` for target ${row.options.target}` : ''}`, () => {
    const text = card(row.at[0], row.at[1], row.options);
    for (const pattern of row.says) assert.match(text, pattern);
    assert.ok(!text.includes('**'), 'plain text has no Markdown emphasis');
  });
}

test('a Markdown hover leads with what makes it re-run, and names the card last; a listing leads with the title', () => {
  const found = cardAt(model, { line: 5, character: 1 })!;
  assert.match(renderCard(found.card, 'markdown'), /^\*\*Re-runs when\*\*[^]*\n_BuildKit cache: WORKDIR, line 6_$/);
  assert.match(renderCard(found.card, 'markdown', 'listing'), /^\*\*BuildKit cache: WORKDIR, line 6\*\*\n\n\*\*Re-runs when\*\*/);
});
