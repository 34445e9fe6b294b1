import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { explainStep, parseDockerfile, renderExplanation } from '../../server/src/engine';

const text =
  [
    'FROM golang:1.22 AS build', // 1
    'WORKDIR /src', // 2
    'ARG VERSION=dev', // 3
    'COPY go.mod go.sum ./', // 4
    'RUN --mount=type=cache,target=/go/pkg/mod go mod download', // 5
    'COPY . .', // 6
    'RUN --mount=type=secret,id=netrc go build -ldflags "-X main.v=$VERSION" -o /out/app', // 7
    'FROM alpine:3.20', // 8
    'COPY --from=build /out/app /app', // 9
    'ADD https://example.com/ca.pem /etc/ca.pem', // 10
    'FROM build AS test', // 11
    'RUN go test ./...', // 12
  ].join('\n') + '\n';
const model = parseDockerfile(text);
const at = (line: number) => {
  const instruction = model.instructions.find((i) => i.range.start.line === line - 1)!;
  const explanation = explainStep(model, instruction)!;
  return { ...explanation, markdown: renderExplanation(model, explanation) };
};

describe('cache explanations follow the domain table', () => {
  test('COPY from the context: content and mode count, mtimes and ignored files do not', () => {
    const e = at(4);
    assert.equal(e.kind, 'copy-context');
    assert.match(e.dependsOn.join('\n'), /content and mode of `go\.mod`, `go\.sum` in the build context/);
    assert.match(e.notInKey.join('\n'), /modification times/);
    assert.match(e.notInKey.join('\n'), /\.dockerignore/);
    assert.match(e.dependsOn.join('\n'), /base image `golang:1\.22`/);
    assert.match(e.rerunsOnMiss.join('\n'), /lines 5, 6, 7/);
  });

  test('RUN with a cache mount: command, variables in scope, WORKDIR, flags; mount contents are not in the key', () => {
    const e = at(5);
    assert.match(e.dependsOn.join('\n'), /command text `go mod download`/);
    assert.match(e.dependsOn.join('\n'), /ARG `VERSION`/);
    assert.match(e.dependsOn.join('\n'), /WORKDIR `\/src`/);
    assert.match(e.dependsOn.join('\n'), /cache mount at `\/go\/pkg\/mod`/);
    assert.match(e.notInKey.join('\n'), /contents of the cache mount.*builder only/);
    assert.match(e.dependsOn.join('\n'), /previous step, line 4/);
  });

  test('RUN with a secret: its contents are neither in the key nor in a layer; the expanded command is shown', () => {
    const e = at(7);
    assert.match(e.notInKey.join('\n'), /secret `netrc`: rotating it does not re-run this step/);
    assert.match(e.dependsOn.join('\n'), /main\.v=dev/);
  });

  test('the last step of a stage lists who depends on the stage, and how', () => {
    const reruns = at(7).rerunsOnMiss.join('\n');
    assert.match(reruns, /no later step of this stage/);
    assert.match(reruns, /COPY --from at line 9 .* only if the bytes it copies change/);
    assert.match(reruns, /stage `test` .* built FROM this stage: all of it/);
  });

  test('COPY --from a stage: the copied bytes count, not the source stage history', () => {
    const e = at(9);
    assert.equal(e.kind, 'copy-stage');
    assert.match(e.dependsOn.join('\n'), /`\/out\/app` as they are in stage `build` \(line 1\), not how they were produced/);
    assert.match(e.notInKey.join('\n'), /identical bytes/);
  });

  test('ADD of a URL: the fetched content', () => {
    assert.equal(at(10).kind, 'add-remote');
    assert.match(at(10).dependsOn.join('\n'), /fetched content/);
  });

  test('the first step of a stage built FROM another stage follows that stage', () => {
    assert.match(at(12).dependsOn.join('\n'), /last step of the base stage, stage `build`/);
  });

  test('metadata instructions have no step of their own', () => {
    const workdir = model.instructions.find((i) => i.keyword === 'WORKDIR')!;
    assert.equal(explainStep(model, workdir), undefined);
  });

  test('rendered once as Markdown with the three parts', () => {
    const markdown = at(5).markdown;
    for (const heading of [
      '**BuildKit cache: RUN step, line 5**',
      'The cache key depends on:',
      'Not part of the key:',
      'When this step re-runs, so does:',
    ]) {
      assert.ok(markdown.includes(heading), heading);
    }
  });
});
