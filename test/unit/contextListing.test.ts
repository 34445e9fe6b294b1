import assert from 'node:assert/strict';
import { test } from 'node:test';
import { filesCopiedBy, listContext, parseDockerignore, readBuildContext } from '../../server/src/engine';
import type { ContextEntry } from '../../server/src/engine';

/** An in-memory tree: directories are objects, files are null. */
type Tree = { [name: string]: Tree | null };

function reader(tree: Tree) {
  const read: string[] = [];
  const readDir = (dir: string): ContextEntry[] | undefined => {
    read.push(dir);
    let node: Tree | null | undefined = tree;
    for (const part of dir ? dir.split('/') : []) node = node?.[part];
    if (!node) return undefined;
    return Object.entries(node).map(([name, child]) => ({ name, directory: child !== null }));
  };
  return { readDir, read };
}

const project: Tree = {
  Dockerfile: null,
  '.env': null,
  '.git': { HEAD: null, objects: { ab: { cdef: null } } },
  node_modules: { left: { 'index.js': null } },
  src: { 'main.ts': null, deep: { 'x.ts': null } },
};

test('the listing holds every file, shallow ones first, when nothing is ignored', () => {
  const { readDir } = reader(project);
  assert.deepEqual(listContext(readDir, null), {
    files: ['.env', 'Dockerfile', '.git/HEAD', 'src/main.ts', 'node_modules/left/index.js', 'src/deep/x.ts', '.git/objects/ab/cdef'],
    complete: true,
    excluded: 0,
  });
});

test('excluded files are left out and excluded folders are not walked', () => {
  const { readDir, read } = reader(project);
  const listing = listContext(readDir, parseDockerignore('.git\nnode_modules\n.env\n'));
  assert.deepEqual(listing.files, ['Dockerfile', 'src/main.ts', 'src/deep/x.ts']);
  assert.deepEqual(read, ['', 'src', 'src/deep']);
  assert.equal(listing.excluded, 3, '.env, .git and node_modules, each folder once');
});

test('an excluded folder is still walked when a ! pattern may bring something back', () => {
  const { readDir } = reader(project);
  const listing = listContext(readDir, parseDockerignore('node_modules\n!node_modules/left/index.js\n'));
  assert.ok(listing.files.includes('node_modules/left/index.js'));
});

test('a walk cut short says so and keeps the top of the tree', () => {
  const { readDir } = reader(project);
  const listing = listContext(readDir, null, 5);
  assert.equal(listing.complete, false);
  assert.deepEqual(listing.files, ['.env', 'Dockerfile']);
});

test('an unreadable folder is skipped, not fatal', () => {
  const listing = listContext(
    (dir) =>
      dir === ''
        ? [
            { name: 'locked', directory: true },
            { name: 'a', directory: false },
          ]
        : undefined,
    null,
  );
  assert.deepEqual(listing, { files: ['a'], complete: true, excluded: 0 });
});

const files = { files: ['Dockerfile', 'src/a.ts', 'src/lib/b.ts', 'srcs/c.ts', 'config.json', 'conf/x'], complete: true };
const copied: { source: string; expected: string[] }[] = [
  { source: '.', expected: files.files },
  { source: './src/', expected: ['src/a.ts', 'src/lib/b.ts'] },
  { source: '/src', expected: ['src/a.ts', 'src/lib/b.ts'] },
  { source: 'conf*', expected: ['config.json', 'conf/x'] },
  { source: 'src/*.ts', expected: ['src/a.ts'] },
  { source: 'missing', expected: [] },
];
for (const row of copied) {
  test(`COPY ${row.source} sends ${row.expected.length} listed files`, () => {
    assert.deepEqual(filesCopiedBy(files, row.source), row.expected);
  });
}

test('reading a context keeps the text of credential files and of shallow dependency manifests only', () => {
  const texts: Record<string, string> = {
    '/ctx/.env': 'A=1',
    '/ctx/package.json': '{}',
    '/ctx/api/requirements-dev.txt': 'pytest',
    '/ctx/a/b/c/package.json': '{}',
    '/ctx/src/main.ts': 'x',
  };
  const tree: Tree = {
    '.env': null,
    'package.json': null,
    api: { 'requirements-dev.txt': null },
    a: { b: { c: { 'package.json': null } } },
    src: { 'main.ts': null },
  };
  const { readDir } = reader(tree);
  const context = readBuildContext('/ctx/Dockerfile', '/ctx', {
    readDir: (dir) => readDir(dir === '/ctx' ? '' : dir.slice('/ctx/'.length)),
    readText: (file) => texts[file],
  });
  assert.deepEqual([...(context?.listing.texts?.keys() ?? [])].sort(), ['.env', 'api/requirements-dev.txt', 'package.json']);
});

test('a context whose folder cannot be read is unknown, not empty, and no file in it is read', () => {
  const read: string[] = [];
  const context = readBuildContext('/gone/Dockerfile', '/gone', {
    readDir: () => undefined,
    readText: (file) => {
      read.push(file);
      return undefined;
    },
  });
  assert.equal(context, undefined);
  assert.deepEqual(read, []);
});
