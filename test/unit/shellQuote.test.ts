import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { quoteCommand, quoteWord, shellKindOf } from '../../common/shellQuote';
import { requireHost } from '../support/env';

const NASTY = [
  'plain',
  '',
  'with space',
  "it's",
  '"double"',
  '$HOME',
  '`whoami`',
  '$(id)',
  'a;b',
  'a&&b',
  'a|b',
  'new\nline',
  'back\\slash',
  '*',
  '~',
  '#comment',
  '!bang',
  'tab\there',
  'ünïcödé',
  "'",
  "''",
  '--flag=x y',
  '%PATH%',
  '-leading-dash',
];

/** Words that create a file if any shell runs them: the file must never appear. */
const canaryWords = (canary: string) => [
  `$(touch ${canary})`,
  `\`touch ${canary}\``,
  `; touch ${canary}`,
  `& touch ${canary}`,
  `| touch ${canary}`,
  `\ntouch ${canary}`,
  `'; touch ${canary}; '`,
  `"; touch ${canary}; "`,
  `(touch ${canary})`,
  `{touch,${canary}}`,
];

describe('quoted words reach a real shell unchanged, and none of them runs', () => {
  // Debian's packages; .ci/run installs them, so under CI=true a missing one fails.
  const shells = [
    { kind: 'posix' as const, path: '/bin/sh' },
    { kind: 'posix' as const, path: '/bin/bash' },
    { kind: 'posix' as const, path: '/bin/dash' },
    { kind: 'posix' as const, path: '/usr/bin/zsh' },
    { kind: 'fish' as const, path: '/usr/bin/fish' },
  ];
  for (const shell of shells) {
    test(`${shell.path}`, (t) => {
      if (!requireHost(t, fs.existsSync(shell.path), shell.path)) return;
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlens-canary-'));
      const canary = path.join(dir, 'canary');
      const words = [...NASTY, ...canaryWords(canary)];
      const line = quoteCommand(['printf', '%s\\0', ...words], shell.kind);
      const out = execFileSync(shell.path, ['-c', line], { encoding: 'utf8', cwd: dir });
      assert.deepEqual(out.split('\0').slice(0, -1), words);
      assert.ok(!fs.existsSync(canary), `${shell.path} ran a quoted word`);
      assert.deepEqual(fs.readdirSync(dir), [], 'nothing was created');
    });
  }
});

describe('quoting for shells this machine cannot run', () => {
  const table: { kind: 'powershell' | 'cmd'; word: string; quoted: string }[] = [
    { kind: 'powershell', word: "it's here", quoted: "'it''s here'" },
    { kind: 'powershell', word: '$env:PATH', quoted: "'$env:PATH'" },
    { kind: 'powershell', word: 'plain', quoted: 'plain' },
    { kind: 'cmd', word: 'C:\\my dir\\Dockerfile', quoted: '"C:\\my dir\\Dockerfile"' },
  ];
  for (const row of table) test(`${row.kind}: ${row.word}`, () => assert.equal(quoteWord(row.word, row.kind), row.quoted));
  test('PowerShell runs a quoted program path through the call operator', () => {
    assert.equal(
      quoteCommand(['C:\\Program Files\\Docker\\docker.exe', 'build', '.'], 'powershell'),
      "& 'C:\\Program Files\\Docker\\docker.exe' build .",
    );
  });
});

describe('shell kind from the terminal shell path', () => {
  const table: [string | undefined, string, string][] = [
    ['/bin/bash', 'linux', 'posix'],
    ['/usr/bin/zsh', 'darwin', 'posix'],
    ['/usr/local/bin/fish', 'linux', 'fish'],
    ['C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', 'win32', 'powershell'],
    ['pwsh', 'linux', 'powershell'],
    ['C:\\Windows\\System32\\cmd.exe', 'win32', 'cmd'],
    [undefined, 'win32', 'powershell'],
    [undefined, 'linux', 'posix'],
  ];
  for (const [shellPath, platform, kind] of table)
    test(`${shellPath} on ${platform}`, () => assert.equal(shellKindOf(shellPath, platform), kind));
});
