import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import * as vm from 'node:vm';
import * as esbuild from 'esbuild';
import { parseDockerfile } from '../../server/src/engine';
import type { Rule } from '../../server/src/engine';
import { repoRoot } from '../support/env';
import { scaffoldRule } from '../support/newRule';

const REGISTRY = fs.readFileSync(path.join(repoRoot, 'server/src/engine/rules/index.ts'), 'utf8');

test('npm run new-rule: the rule file, its test table and its page where CONTRIBUTING says, registered in order', () => {
  const scaffold = scaffoldRule('CopyWithoutChown', REGISTRY);
  assert.deepEqual(Object.keys(scaffold.files), [
    'server/src/engine/rules/copyWithoutChown.ts',
    'test/unit/rules/copyWithoutChown.test.ts',
    'docs/rules/copy-without-chown.md',
  ]);
  const imports: string[] = scaffold.registry.match(/^import \{ \w+ \} from '\.\/\w+';$/gm) ?? [];
  assert.ok(imports.includes("import { copyWithoutChown } from './copyWithoutChown';"));
  assert.deepEqual(
    imports,
    [...imports].sort((a, b) => a.localeCompare(b)),
    'the imports stay in order',
  );
  assert.match(scaffold.registry, /\n {2}copyWithoutChown,\n\];/);
  assert.equal(
    scaffold.files['docs/rules/copy-without-chown.md'].split('\n')[2],
    'Category: syntax · Default severity: warning · Fix: none · A Layerlens check',
  );
});

test('npm run new-rule: the scaffolded rule compiles against the engine and reports what its test table says', () => {
  const scaffold = scaffoldRule('CopyWithoutChown', REGISTRY);
  const built = esbuild.buildSync({
    stdin: {
      contents: scaffold.files['server/src/engine/rules/copyWithoutChown.ts'],
      resolveDir: path.join(repoRoot, 'server/src/engine/rules'),
      loader: 'ts',
    },
    bundle: true,
    write: false,
    platform: 'node',
    format: 'cjs',
    packages: 'external',
    logLevel: 'silent',
  });
  const module = { exports: {} as { copyWithoutChown?: Rule } };
  // The scaffolded rule is loaded as CommonJS, the way the bundle would load it.
  const load = vm.runInThisContext(`(function (module, exports, require) {\n${built.outputFiles[0].text}\n})`) as (
    m: typeof module,
    e: typeof module.exports,
    r: NodeJS.Require,
  ) => void;
  load(module, module.exports, createRequire(path.join(repoRoot, 'package.json')));
  const rule = module.exports.copyWithoutChown;
  assert.ok(rule, 'the file exports the rule');
  const reported: string[] = [];
  rule.check({
    model: parseDockerfile('FROM alpine\n'),
    buildArgs: {},
    messages: rule.messages,
    report: ({ message }) => reported.push(message),
  });
  assert.deepEqual(reported, ['CopyWithoutChown: say what is wrong on this line and what to write instead']);
});

test('npm run new-rule: an id that is not PascalCase, or one that exists, is refused', () => {
  assert.throws(() => scaffoldRule('copy-without-chown', REGISTRY), /not a rule id/);
  assert.throws(() => scaffoldRule('FromAsCasing', REGISTRY), /exists already/);
});
