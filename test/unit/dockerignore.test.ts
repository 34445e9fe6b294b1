import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findDockerignore, parseDockerignore } from '../../server/src/engine';

const table: { patterns: string; path: string; excluded: boolean }[] = [
  { patterns: 'node_modules', path: 'node_modules/x/index.js', excluded: true },
  { patterns: '/node_modules', path: 'node_modules', excluded: true },
  { patterns: '*.log', path: 'app.log', excluded: true },
  { patterns: '*.log', path: 'logs/app.log', excluded: false },
  { patterns: '**/*.log', path: 'logs/deep/app.log', excluded: true },
  { patterns: '**/*.log', path: 'app.log', excluded: true },
  { patterns: 'src/**/test', path: 'src/a/b/test/x.js', excluded: true },
  { patterns: 'temp?', path: 'temp1', excluded: true },
  { patterns: 'temp?', path: 'temp12', excluded: false },
  { patterns: '[ab].txt', path: 'b.txt', excluded: true },
  { patterns: '*.md\n!README.md', path: 'README.md', excluded: false },
  { patterns: '*.md\n!README.md', path: 'CHANGES.md', excluded: true },
  { patterns: '# comment\n\n  .git  ', path: '.git/config', excluded: true },
  { patterns: './build/../dist', path: 'dist/app.js', excluded: true },
  { patterns: 'node_modules\n!node_modules/keep/a.js', path: 'node_modules/keep/a.js', excluded: false },
  { patterns: 'node_modules\n!node_modules/keep/a.js', path: 'node_modules/keep/b.js', excluded: true },
  { patterns: '!docs/a.md\ndocs', path: 'docs/a.md', excluded: true },
];
for (const row of table) {
  test(`.dockerignore ${JSON.stringify(row.patterns)} ${row.excluded ? 'excludes' : 'keeps'} ${row.path}`, () => {
    assert.equal(parseDockerignore(row.patterns).excludes(row.path), row.excluded);
  });
}

test('the Dockerfile-specific ignore file wins over the context one', () => {
  const files: Record<string, string> = { '/w/app.Dockerfile.dockerignore': 'specific', '/w/.dockerignore': 'context' };
  assert.equal(
    findDockerignore('/w/app.Dockerfile', '/w', (p) => files[p]),
    'specific',
  );
  assert.equal(
    findDockerignore('/w/Dockerfile', '/w', (p) => files[p]),
    'context',
  );
  assert.equal(
    findDockerignore('/x/Dockerfile', '/x', (p) => files[p]),
    undefined,
  );
});
