import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../support/env';

function sources(dir: string): string[] {
  const full = path.join(repoRoot, dir);
  return fs
    .readdirSync(full, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => path.join(dir, f));
}

function imports(file: string): string[] {
  const text = fs.readFileSync(path.join(repoRoot, file), 'utf8');
  return [
    ...text.matchAll(
      /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)|import\(\s*['"]([^'"]+)['"]\s*\)/g,
    ),
  ].map((m) => m[1] ?? m[2] ?? m[3]);
}

const IO_MODULES = ['fs', 'net', 'child_process', 'http', 'https', 'os'];
const isIo = (m: string) => IO_MODULES.includes(m.replace(/^node:/, '').split('/')[0]);
const isLsp = (m: string) => m === 'vscode-languageserver' || m.startsWith('vscode-languageserver/');

const boundaries: { files: string; forbidden: (m: string, file: string) => string | undefined }[] = [
  {
    files: 'server/src/engine',
    forbidden: (m) =>
      m === 'vscode'
        ? 'vscode'
        : isLsp(m)
          ? 'the LSP library'
          : isIo(m)
            ? `IO (${m})`
            : m.includes('/lsp/') || m.includes('/cli/')
              ? 'the lsp or cli layer'
              : undefined,
  },
  {
    files: 'server/src/cli',
    forbidden: (m) => (m === 'vscode' ? 'vscode' : isLsp(m) ? 'the LSP library' : m.includes('/lsp/') ? 'the lsp layer' : undefined),
  },
  {
    files: 'server/src/lsp',
    forbidden: (m, file) =>
      m === 'vscode'
        ? 'vscode'
        : m.includes('/cli/')
          ? 'the cli layer'
          : isLsp(m) && !file.endsWith('languageServer.ts')
            ? 'the LSP library other than through languageServer.ts'
            : undefined,
  },
  {
    files: 'common',
    forbidden: (m) =>
      m === 'vscode'
        ? 'vscode'
        : isLsp(m) || m.startsWith('vscode-languageclient')
          ? 'an LSP library'
          : isIo(m)
            ? `IO (${m})`
            : m.includes('server/') || m.includes('client/')
              ? 'the server or client'
              : undefined,
  },
  { files: 'client/src', forbidden: (m) => (isLsp(m) ? 'the server library' : m.includes('server/') ? 'server code' : undefined) },
];

for (const boundary of boundaries) {
  test(`${boundary.files} keeps to its boundary (ARCHITECTURE.md)`, () => {
    const files = sources(boundary.files);
    assert.ok(files.length > 0);
    const violations = files
      .flatMap((file) => imports(file).map((m) => [file, m, boundary.forbidden(m, file)] as const))
      .filter(([, , why]) => why);
    assert.deepEqual(
      violations.map(([file, m, why]) => `${file} imports ${m}: ${why}`),
      [],
    );
  });
}

/**
 * The engine's folders from the bottom up: each imports only from its own folder and those before it,
 * so that shared knowledge never lives above what uses it and no folder imports another in a cycle.
 * The files at the engine's root (analyze.ts, edits.ts, index.ts …) stand above them all.
 */
const ENGINE_LAYERS = ['model', 'secrets', 'knowledge', 'context', 'cache', 'refactors', 'rules'];
const layerOf = (file: string) => {
  const [first, second] = path.relative('server/src/engine', file).split(path.sep);
  return second === undefined ? (first === 'secrets.ts' ? 'secrets' : undefined) : first;
};

test('server/src/engine imports only down its layers (ARCHITECTURE.md)', () => {
  const violations: string[] = [];
  for (const file of sources('server/src/engine')) {
    const from = layerOf(file);
    if (from === undefined) continue;
    for (const m of imports(file).filter((i) => i.startsWith('.'))) {
      const target = path.relative(repoRoot, path.resolve(repoRoot, path.dirname(file), m));
      if (!target.startsWith(`server${path.sep}src${path.sep}engine`)) continue;
      const to = layerOf(`${target}.ts`) ?? layerOf(path.join(target, 'index.ts'));
      const rank = (layer: string | undefined) => (layer === undefined ? ENGINE_LAYERS.length : ENGINE_LAYERS.indexOf(layer));
      if (rank(to) > rank(from)) violations.push(`${file} (${from}) imports ${m} (${to ?? 'the engine root'})`);
    }
  }
  assert.deepEqual(violations, []);
});

test('ARCHITECTURE.md states the invariants this test enforces', () => {
  const text = fs.readFileSync(path.join(repoRoot, 'ARCHITECTURE.md'), 'utf8');
  for (const phrase of ['server/src/engine', 'server/src/lsp', 'client/', 'common/', 'One parse per document version', 'never throws']) {
    assert.ok(text.includes(phrase), `ARCHITECTURE.md mentions "${phrase}"`);
  }
});
