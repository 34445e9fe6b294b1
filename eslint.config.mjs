// Lint with type information (typescript-eslint), run by `npm run lint` and inside `npm test`.
// Formatting is Prettier's job (`npm run format`), so no stylistic rules here. The layer boundaries
// of ARCHITECTURE.md are repeated as `no-restricted-imports` so that an editor flags a wrong import
// as it is typed; test/unit/architecture.test.ts remains the check that covers every import form.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const IO = ['fs', 'net', 'child_process', 'http', 'https', 'os'].flatMap((m) => [m, `node:${m}`, `${m}/*`, `node:${m}/*`]);
const restrict = (...groups) => ['error', { patterns: groups.map(([group, message]) => ({ group, message })) }];
const VSCODE = [['vscode'], 'Only client/ imports vscode.'];
const LSP = [['vscode-languageserver', 'vscode-languageserver/*'], 'Only server/src/lsp imports the LSP library.'];
const NO_IO = [IO, 'The engine and common/ are pure: IO belongs to lsp/, cli/ or the client.'];
const ENGINE = [VSCODE, LSP, NO_IO, [['**/lsp/**', '**/cli/**'], 'The engine imports neither lsp/ nor cli/.']];
const engineAbove = (layers) =>
  restrict(...ENGINE, [layers.flatMap((l) => [`**/${l}`, `**/${l}/**`]), 'The engine imports only down its layers (ARCHITECTURE.md).']);

export default tseslint.config(
  { ignores: ['dist/', 'out/', 'node_modules/', '.vscode-test/', 'test-results/', 'samples/', 'test/**/fixtures/', 'test/server/neovim/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { globals: globals.node, parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // tsc already reports undefined names in TypeScript, and knows the globals better.
      'no-undef': 'off',
      // Unused names are already errors of tsc (noUnusedLocals, noUnusedParameters).
      '@typescript-eslint/no-unused-vars': 'off',
      // A promise left unawaited must say so with `void`.
      // node:test's test() and describe() return promises the runner awaits itself.
      '@typescript-eslint/no-floating-promises': [
        'error',
        { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite'] }] },
      ],
      // An async function that implements a promise-returning interface (a VS Code provider, a refactor's
      // resolve) need not await anything; what matters is that its caller awaits it.
      '@typescript-eslint/require-await': 'off',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  { files: ['**/*.mjs', '**/*.js'], ...tseslint.configs.disableTypeChecked },
  {
    // Tests and benchmarks read what processes print (JSON.parse gives \`any\`) and compare it whole with
    // deepEqual, so the assertion is the type check there; the product's code types what it parses.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  { files: ['server/src/engine/**/*.ts'], rules: { 'no-restricted-imports': restrict(...ENGINE) } },
  {
    files: ['server/src/engine/model/**/*.ts'],
    rules: { 'no-restricted-imports': engineAbove(['secrets', 'knowledge', 'context', 'cache', 'refactors', 'rules']) },
  },
  {
    files: ['server/src/engine/knowledge/**/*.ts'],
    rules: { 'no-restricted-imports': engineAbove(['context', 'cache', 'refactors', 'rules']) },
  },
  { files: ['server/src/engine/context/**/*.ts'], rules: { 'no-restricted-imports': engineAbove(['cache', 'refactors', 'rules']) } },
  { files: ['server/src/engine/cache/**/*.ts'], rules: { 'no-restricted-imports': engineAbove(['refactors', 'rules']) } },
  { files: ['server/src/engine/refactors/**/*.ts'], rules: { 'no-restricted-imports': engineAbove(['rules']) } },
  {
    files: ['server/src/cli/**/*.ts'],
    rules: { 'no-restricted-imports': restrict(VSCODE, LSP, [['**/lsp/**'], 'cli/ and lsp/ are separate adapters.']) },
  },
  {
    files: ['server/src/lsp/**/*.ts'],
    ignores: ['server/src/lsp/languageServer.ts'],
    rules: {
      'no-restricted-imports': restrict(
        VSCODE,
        [['**/cli/**'], 'cli/ and lsp/ are separate adapters.'],
        [LSP[0], 'Import the LSP library from lsp/languageServer.ts: the bundle copies its exports for every importing file.'],
      ),
    },
  },
  {
    files: ['server/src/lsp/languageServer.ts'],
    rules: { 'no-restricted-imports': restrict(VSCODE, [['**/cli/**'], 'cli/ and lsp/ are separate adapters.']) },
  },
  {
    files: ['common/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(VSCODE, LSP, NO_IO, [
        ['vscode-languageclient', 'vscode-languageclient/*', '**/server/**', '**/client/**'],
        'common/ is shared by the server and the client and imports neither.',
      ]),
    },
  },
  {
    files: ['client/src/**/*.ts'],
    rules: { 'no-restricted-imports': restrict(LSP, [['**/server/**'], 'The client talks to the server over LSP only.']) },
  },
);
