// The one build script: bundles the extension client, the language server and the CLI into
// dist/ and renders the extension's icon there, bundles each test file into out/test/ (and the unit
// tier into one file) and the benchmark into out/bench/ (dependencies stay external and load from
// node_modules), regenerates the `layerlens.rules` settings schema from the rule registry, and
// writes the schema of .layerlens.json from the settings of the same names.
import { Resvg } from '@resvg/resvg-js';
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';

const common = { platform: 'node', format: 'cjs', target: 'node20', sourcemap: true, logLevel: 'warning', bundle: true };
const require = createRequire(import.meta.url);

/**
 * dockerfile-language-service pins older releases of vscode-languageserver-types and
 * vscode-languageserver-textdocument than the rest of the server uses, so npm installs a second copy
 * of each under it, and the server's bundle carried both: 78 KB of source the server parses and holds
 * for its whole life. Neither library took anything away between those releases, and the server tier
 * drives every feature the language service answers, so every bundle takes the project's copy, and
 * its CommonJS build: given the ES module build, esbuild hands each of the 36 CommonJS files that
 * require one of them (dockerfile-ast's, the language service's) an object of getters of its own
 * for its exports, where the CommonJS build's one `exports` serves them all. The server's heap at
 * start is 0.25 MB smaller than with both copies. node_modules stays as npm laid it out, and so does
 * rcjsuen's server in it.
 */
const oneCopyOfEachLibrary = {
  name: 'one-copy-of-each-library',
  setup(build) {
    build.onResolve({ filter: /^vscode-languageserver-(types|textdocument)$/ }, (args) => ({ path: require.resolve(args.path) }));
  },
};

/**
 * What ships is minified, as VS Code's guide to bundling extensions advises. V8 keeps a script's
 * whole source for as long as any of its functions lives, to compile the rest lazily: the server held
 * its 1.33 MB bundle for its whole life, minified 0.64 MB, and the buffer Node reads it through no
 * longer raises glibc's trim threshold to 2.6 MB for good. In the memory probe with every corpus file
 * open the RSS at rest read 61 and 63 MB against 64 and 65; paired typing runs, both orders, saw no
 * difference in CPU per version or latency. Names are not kept (esbuild's `keepNames` wraps every
 * function a rule creates in a call: twice the CPU per version in paired runs). A stack trace from a
 * user maps back through the source map the same commit builds beside each bundle.
 */
await esbuild.build({
  ...common,
  entryPoints: {
    extension: 'client/src/extension.ts',
    server: 'server/src/lsp/loader.ts',
    'server-bundle': 'server/src/lsp/main.ts',
    cli: 'server/src/cli/main.ts',
  },
  outdir: 'dist',
  external: ['vscode'],
  minify: true,
  plugins: [oneCopyOfEachLibrary],
});
// The CLI and the server run as commands of the npm package (`layerlens`, `layerlens-language-server`).
for (const file of ['dist/cli.js', 'dist/server.js']) {
  fs.writeFileSync(file, '#!/usr/bin/env node\n' + fs.readFileSync(file, 'utf8').replace(/^#!.*\n/, ''));
  fs.chmodSync(file, 0o755);
}
// The Marketplace and Open VSX show a 128x128 PNG; the icon is drawn as SVG in docs/images/ and rendered here.
const icon = new Resvg(fs.readFileSync('docs/images/icon.svg'), { fitTo: { mode: 'width', value: 128 } }).render();
fs.writeFileSync('dist/icon.png', icon.asPng());
// `--dist` is npm's `prepare`: an install from a clone (as pre-commit does) or `npm pack` needs only dist/.
if (process.argv.includes('--dist')) process.exit(0);

const testFiles = (dir) =>
  fs
    .readdirSync(dir, { recursive: true })
    .map((f) => path.join(dir, String(f)))
    .filter((f) => f.endsWith('.ts'));
fs.rmSync('out', { recursive: true, force: true });
await esbuild.build({
  ...common,
  entryPoints: testFiles('test'),
  outdir: 'out/test',
  outbase: 'test',
  packages: 'external',
  external: ['vscode'],
});
// The unit tier runs in one process: every test/unit file bundled into out/test/unit.test.js, since
// a process per file spent more time starting than testing (node test/run.mjs unit).
const unitFiles = testFiles('test/unit')
  .filter((f) => f.endsWith('.test.ts'))
  .sort();
await esbuild.build({
  ...common,
  stdin: {
    contents: unitFiles.map((f) => `import './${f.split(path.sep).join('/')}';`).join('\n'),
    resolveDir: '.',
    sourcefile: 'unit-tier.ts',
    loader: 'ts',
  },
  outfile: 'out/test/unit.test.js',
  packages: 'external',
  external: ['vscode'],
});
// The benchmark's entry point, npm run bench (bench/bench.ts), beside the tests it shares helpers with.
await esbuild.build({ ...common, entryPoints: ['bench/bench.ts'], outdir: 'out/bench', packages: 'external' });

// The settings schema lists every rule with its default severity; derived, never typed by hand.
const registry = await esbuild.build({
  ...common,
  entryPoints: ['server/src/engine/rules/index.ts'],
  write: false,
  packages: 'external',
  sourcemap: false,
});
const module = { exports: {} };
new Function('module', 'exports', 'require', registry.outputFiles[0].text)(module, module.exports, require);
const manifest = JSON.parse(fs.readFileSync('package.json', 'utf8'));
const rulesSetting = manifest.contributes.configuration.properties['layerlens.rules'];
const properties = Object.fromEntries(
  module.exports.RULES.map((rule) => [
    rule.id,
    {
      type: 'string',
      enum: ['off', 'error', 'warning', 'info', 'hint'],
      default: rule.defaultSeverity,
      description: rule.description,
    },
  ]),
);
if (JSON.stringify(rulesSetting.properties) !== JSON.stringify(properties)) {
  rulesSetting.properties = properties;
  fs.writeFileSync('package.json', JSON.stringify(manifest, null, 2) + '\n');
  console.log('esbuild.mjs: updated the layerlens.rules schema in package.json');
}

// The schema of .layerlens.json, which VS Code validates and completes through jsonValidation: the keys the CLI,
// the language server and the build commands read, each described as the setting of the same name is.
const setting = (key, overrides = {}) => {
  const { scope, default: _default, ...schema } = manifest.contributes.configuration.properties[`layerlens.${key}`];
  return { ...schema, ...overrides };
};
const projectSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'Layerlens project settings (.layerlens.json)',
  description:
    'Read by layerlens check, explain and build, and by the editor for the Dockerfiles below this folder; the editor settings of the same names win over it.',
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    rules: setting('rules'),
    engineVersion: setting('engineVersion'),
    build: {
      type: 'object',
      additionalProperties: false,
      properties: {
        args: setting('build.args'),
        secrets: setting('build.secrets', {
          markdownDescription:
            'Where builds read each secret the Dockerfile mounts: `{ "npmrc": { "src": ".npmrc" } }` (a file, relative to the Dockerfile) or `{ "token": { "env": "NPM_TOKEN" } }` (an environment variable). Never a value.',
        }),
        cache: setting('build.cache'),
        push: setting('build.push'),
        platform: setting('build.platform'),
        builder: setting('build.builder'),
      },
    },
    contexts: {
      type: 'object',
      additionalProperties: { type: 'string' },
      markdownDescription:
        'The build context of each Dockerfile built from another folder than its own, both relative to this file: `{ "docker/api.Dockerfile": "." }`.',
    },
  },
};
fs.writeFileSync('dist/layerlens-json.schema.json', JSON.stringify(projectSchema, null, 2) + '\n');
