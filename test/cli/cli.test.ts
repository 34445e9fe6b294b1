import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { repoRoot } from '../support/env';

const cli = path.join(repoRoot, 'dist', 'cli.js');
const run = (args: string[], cwd = repoRoot) => {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
};

function workspace(files: Record<string, string | Buffer>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlens-cli-'));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

const SECRET = 'FROM alpine\nARG API_TOKEN\nRUN curl -H "x: $API_TOKEN" https://example.com\n';
const CLEAN = 'FROM alpine\nRUN echo hi\n';

describe('layerlens check', () => {
  test('the bundled sample: its findings, exit 1, text with line:column, rule and fix', () => {
    const { code, stdout } = run(['check', 'samples/']);
    assert.equal(code, 1);
    assert.match(stdout, /^samples\/node-app\/Dockerfile$/m);
    assert.match(
      stdout,
      /^ {2}6:5 +warning +Do not use ARG or ENV instructions for sensitive data \(ARG "NPM_TOKEN"\) {2}\[SecretsUsedInArgOrEnv\]/m,
    );
    assert.match(stdout, /fix +Add secret mount: pass NPM_TOKEN as secret "npm_token" instead of ARG \(unsafe\)/);
    // CopyContextBeforeInstall is off by default (docs/precision.md): the editor's hover and refactor carry it.
    assert.doesNotMatch(stdout, /CopyContextBeforeInstall/);
    assert.match(stdout, /1 finding in 1 file \(1 with a fix\)$/m);
  });

  test('--engine-version, or "engineVersion" in .layerlens.json, says what the built-in frontend of that engine rejects', () => {
    const dir = workspace({ Dockerfile: 'FROM alpine\nCOPY --link . /src\n' });
    assert.doesNotMatch(
      run(['check', dir, '--exit-zero']).stdout,
      /FrontendFeatureWithoutSyntax/,
      'Docker 28 builds COPY --link without a syntax line',
    );
    const old = run(['check', dir, '--engine-version', '20.10.24']);
    assert.equal(old.code, 1);
    assert.match(
      old.stdout,
      /COPY --link needs Dockerfile frontend 1\.4 or newer: the frontend built into Docker 20\.10\.24 \(Dockerfile 1\.2\)/,
    );
    fs.writeFileSync(path.join(dir, '.layerlens.json'), JSON.stringify({ engineVersion: '23.0' }));
    assert.doesNotMatch(run(['check', dir, '--exit-zero']).stdout, /FrontendFeatureWithoutSyntax/, 'Docker 23 has frontend 1.4');
    assert.match(
      run(['check', dir, '--exit-zero', '--engine-version', '20.10']).stdout,
      /FrontendFeatureWithoutSyntax/,
      'the option wins over the file',
    );
    const bad = run(['check', dir, '--engine-version', 'latest']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--engine-version must be a Docker Engine version such as 24\.0 or 28\.5\.2, not "latest"/);
    fs.rmSync(dir, { recursive: true });
  });

  test('--explain adds the cache explanation of every step; --exit-zero keeps exit 0', () => {
    const { code, stdout } = run(['check', 'samples/', '--explain', '--exit-zero']);
    assert.equal(code, 0);
    // The advice of CopyContextBeforeInstall, off by default, closes the card of the COPY it is about.
    assert.match(
      stdout,
      /BuildKit cache: COPY step, line 7\n[^]*?\n {4}Cache advice: The sources are copied before `npm ci` \(line 8\): any source edit re-runs it\.[^\n]*\n\n {4}BuildKit cache: RUN step, line 8/,
    );
    assert.equal(stdout.match(/^ {4}BuildKit cache: (COPY|RUN) step, line \d+$/gm)?.length, 3);
  });

  test('the JSON report has the documented, stable shape with 1-based positions', () => {
    const dir = workspace({ Dockerfile: SECRET, 'clean/Dockerfile': CLEAN });
    const { code, stdout } = run(['check', '--format', 'json', dir]);
    assert.equal(code, 1);
    assert.deepEqual(JSON.parse(stdout), {
      files: [
        {
          path: path.join(dir, 'Dockerfile'),
          findings: [
            {
              rule: 'SecretsUsedInArgOrEnv',
              severity: 'warning',
              line: 2,
              column: 5,
              endLine: 2,
              endColumn: 14,
              message: 'Do not use ARG or ENV instructions for sensitive data (ARG "API_TOKEN")',
              fix: { title: 'Add secret mount: pass API_TOKEN as secret "api_token" instead of ARG', safety: 'unsafe' },
            },
          ],
        },
        { path: path.join(dir, 'clean', 'Dockerfile'), findings: [] },
      ],
    });
  });

  test('directories are searched for Dockerfile, Dockerfile.*, *.Dockerfile and Containerfile*, not inside node_modules', () => {
    const dir = workspace({
      Dockerfile: CLEAN,
      'Dockerfile.dev': CLEAN,
      'api/api.Dockerfile': CLEAN,
      'Containerfile.prod': CLEAN,
      'lower/dockerfile': CLEAN,
      'node_modules/pkg/Dockerfile': SECRET,
      'README.md': '# not a Dockerfile',
      'docker-compose.yml': 'services: {}',
    });
    const { code, stdout } = run(['check', '--format', 'json', dir]);
    assert.equal(code, 0);
    const paths = JSON.parse(stdout).files.map((f: { path: string }) => path.relative(dir, f.path));
    assert.deepEqual(paths, [
      'Containerfile.prod',
      'Dockerfile',
      'Dockerfile.dev',
      path.join('api', 'api.Dockerfile'),
      path.join('lower', 'dockerfile'),
    ]);
  });

  test("the Dockerfile's .dockerignore is read: CopyIgnoredFile", () => {
    const dir = workspace({ Dockerfile: 'FROM alpine\nCOPY notes.md /\n', '.dockerignore': '*.md\n' });
    const { code, stdout } = run(['check', '--format', 'json', dir]);
    assert.equal(code, 1);
    assert.deepEqual(
      JSON.parse(stdout).files[0].findings.map((f: { message: string }) => f.message),
      ['Attempting to Copy file "notes.md" that is excluded by .dockerignore'],
    );
  });

  test("the Dockerfile's build context is listed: what COPY . sends, and what .dockerignore keeps back", () => {
    const dir = workspace({
      Dockerfile: 'FROM alpine\nCOPY . /srv\n',
      '.env': 'TOKEN=5f2b1c9e8d4a4e7b9c3d\n',
      '.git/HEAD': 'ref: refs/heads/main\n',
      'main.sh': 'echo hi\n',
      // SecretFileCopied is off by default (docs/precision.md).
      '.layerlens.json': JSON.stringify({ rules: { SecretFileCopied: 'warning' } }),
    });
    const messages = () =>
      JSON.parse(run(['check', '--format', 'json', dir]).stdout).files[0].findings.map((f: { rule: string }) => f.rule);
    assert.deepEqual(messages().sort(), ['BroadContextCopy', 'SecretFileCopied']);
    fs.writeFileSync(path.join(dir, '.dockerignore'), '.git\n.env\n');
    assert.deepEqual(messages(), []);
  });

  test('a Dockerfile kept apart from its context is analysed with the one --context or "contexts" names; a context that is no folder is an input error', () => {
    const dir = workspace({
      'docker/api.Dockerfile': 'FROM alpine\nCOPY . /srv\n',
      '.env': 'TOKEN=5f2b1c9e8d4a4e7b9c3d\n',
      '.layerlens.json': JSON.stringify({ rules: { SecretFileCopied: 'warning' }, contexts: { 'docker/api.Dockerfile': '.' } }),
    });
    const dockerfile = path.join(dir, 'docker', 'api.Dockerfile');
    const rules = (args: string[]) =>
      JSON.parse(run(['check', '--format', 'json', ...args, dockerfile]).stdout).files[0].findings.map((f: { rule: string }) => f.rule);
    assert.deepEqual(rules([]), ['SecretFileCopied'], 'the .env of the context .layerlens.json names');
    assert.deepEqual(rules(['--context', path.join(dir, 'docker')]), [], '--context wins, and docker/ holds no .env');

    for (const [context, problem] of [
      [path.join(dir, 'gone'), 'does not exist'],
      [dockerfile, 'is not a folder'],
    ]) {
      const given = run(['check', '--context', context, dockerfile]);
      assert.equal(given.code, 2, `--context ${problem}`);
      assert.equal(given.stdout, '', 'no report against a context that is not there');
      assert.equal(given.stderr, `layerlens: --context ${context} ${problem}\n`);
    }
    fs.writeFileSync(path.join(dir, '.layerlens.json'), JSON.stringify({ contexts: { 'docker/api.Dockerfile': 'gone' } }));
    const named = run(['check', dockerfile, path.join(dir, 'docker')]);
    assert.equal(named.code, 2);
    assert.equal(named.stderr, `layerlens: ${dockerfile}: its build context ${path.join(dir, 'gone')} does not exist\n`);
  });

  test('.layerlens.json above the Dockerfile sets severities and build args; --build-arg wins', () => {
    const dir = workspace({
      '.layerlens.json': JSON.stringify({
        rules: { SecretsUsedInArgOrEnv: 'off', UndefinedVar: 'error' },
        build: { args: { BASE: 'alpine' } },
      }),
      'svc/Dockerfile': 'FROM alpine\nARG API_TOKEN\nCOPY $MISSING /x\n',
    });
    const { code, stdout } = run(['check', '--format', 'json', path.join(dir, 'svc')]);
    assert.equal(code, 1);
    assert.deepEqual(
      JSON.parse(stdout).files[0].findings.map((f: { rule: string; severity: string }) => `${f.rule}:${f.severity}`),
      ['UndefinedVar:error'],
    );
    const broken = workspace({ '.layerlens.json': '{ rules: ', Dockerfile: 'FROM alpine\n' });
    const failed = run(['check', broken]);
    assert.equal(failed.code, 2);
    assert.match(failed.stderr, /\.layerlens\.json is not valid JSON/);
  });

  test('--format sarif: SARIF 2.1.0 with the rule catalogue and 1-based regions', () => {
    const dir = workspace({ Dockerfile: SECRET });
    const { code, stdout } = run(['check', '--format', 'sarif', 'Dockerfile'], dir);
    assert.equal(code, 1);
    const sarif = JSON.parse(stdout);
    assert.equal(sarif.version, '2.1.0');
    const run0 = sarif.runs[0];
    assert.equal(run0.tool.driver.name, 'Layerlens');
    const ruleIds = run0.tool.driver.rules.map((r: { id: string }) => r.id);
    assert.ok(ruleIds.includes('SecretsUsedInArgOrEnv') && ruleIds.includes('CopyContextBeforeInstall'));
    const [result] = run0.results;
    assert.equal(result.ruleId, 'SecretsUsedInArgOrEnv');
    assert.equal(ruleIds[result.ruleIndex], 'SecretsUsedInArgOrEnv');
    assert.equal(result.level, 'warning');
    assert.deepEqual(result.locations[0].physicalLocation, {
      artifactLocation: { uri: 'Dockerfile' },
      region: { startLine: 2, startColumn: 5, endLine: 2, endColumn: 14 },
    });
    assert.deepEqual(result.properties.fix.safety, 'unsafe');
  });

  test("--format github: one workflow command per finding, with GitHub's escapes, that Actions shows as an annotation", () => {
    // A file name with the characters a property must escape, and a message with a comma and a colon.
    const dir = workspace({ 'app,v1:prod.Dockerfile': `${SECRET}run echo done\n` });
    const { code, stdout } = run(['check', '--format', 'github', 'app,v1:prod.Dockerfile'], dir);
    assert.equal(code, 1);
    const lines = stdout.trimEnd().split('\n');
    assert.ok(
      lines.length >= 2 &&
        lines.every((l) =>
          /^::(error|warning|notice) file=[^,:]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[^,:]+::[^\n]+$/.test(l),
        ),
      stdout,
    );
    const secret = lines.find((l) => l.includes('title=Layerlens SecretsUsedInArgOrEnv'));
    assert.ok(secret, stdout);
    assert.match(
      secret,
      /^::warning file=app%2Cv1%3Aprod\.Dockerfile,line=2,col=5,endLine=2,endColumn=14,title=Layerlens SecretsUsedInArgOrEnv::/,
    );
  });

  test('--format codeclimate: the issue list GitLab reads as a code-quality report, with stable fingerprints', () => {
    const dir = workspace({ Dockerfile: `${SECRET}run echo done\n` });
    const first = run(['check', '--format', 'codeclimate', 'Dockerfile'], dir);
    assert.equal(first.code, 1);
    const issues = JSON.parse(first.stdout) as Record<string, unknown>[];
    assert.ok(issues.length >= 2);
    // GitLab's documented fields: description, check_name, fingerprint, severity, location.path, location.lines.begin.
    for (const issue of issues) {
      assert.equal(issue.type, 'issue');
      assert.equal(typeof issue.description, 'string');
      assert.equal(typeof issue.check_name, 'string');
      assert.match(String(issue.fingerprint), /^[0-9a-f]{64}$/);
      assert.ok(['info', 'minor', 'major', 'critical', 'blocker'].includes(String(issue.severity)));
      assert.ok(Array.isArray(issue.categories) && issue.categories.length === 1);
      const location = issue.location as { path: string; lines: { begin: number } };
      assert.equal(location.path, 'Dockerfile');
      assert.ok(Number.isInteger(location.lines.begin) && location.lines.begin >= 1);
    }
    const secret = issues.find((i) => i.check_name === 'SecretsUsedInArgOrEnv');
    assert.deepEqual(
      [secret?.severity, secret?.categories, (secret?.location as { lines: { begin: number } }).lines.begin],
      ['major', ['Security'], 2],
    );
    assert.equal(new Set(issues.map((i) => i.fingerprint)).size, issues.length, 'one fingerprint per finding');
    assert.deepEqual(
      JSON.parse(run(['check', '--format', 'codeclimate', 'Dockerfile'], dir).stdout).map((i: { fingerprint: string }) => i.fingerprint),
      issues.map((i) => i.fingerprint),
      'the same findings keep their fingerprints',
    );
  });

  test('--fail-level: exit 1 only for findings at that level or above', () => {
    // Warnings only: SecretsUsedInArgOrEnv and the casing checks.
    const dir = workspace({ Dockerfile: SECRET });
    assert.equal(run(['check', 'Dockerfile'], dir).code, 1, 'by default any finding fails');
    assert.equal(run(['check', '--fail-level', 'warning', 'Dockerfile'], dir).code, 1);
    assert.equal(run(['check', '--fail-level', 'error', 'Dockerfile'], dir).code, 0, 'no error, so an error-level gate passes');
    const broken = workspace({ Dockerfile: 'FROM alpine\nRUN --mount=type=cache,target=/ true\n' });
    assert.equal(run(['check', '--fail-level', 'error', 'Dockerfile'], broken).code, 1, 'an error fails it');
  });

  test('a clean file exits 0', () => {
    const dir = workspace({ Dockerfile: CLEAN });
    const { code, stdout } = run(['check', path.join(dir, 'Dockerfile')]);
    assert.equal(code, 0);
    assert.match(stdout, /^0 findings in 1 file$/m);
  });

  test('binary garbage named on the command line is analysed without a crash', () => {
    const dir = workspace({ 'garbage.bin': Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)) });
    const { code, stderr } = run(['check', path.join(dir, 'garbage.bin')]);
    assert.ok(code === 0 || code === 1, `exit ${code}: ${stderr}`);
    assert.equal(stderr, '');
  });

  test('--fix rewrites the file with the safe fixes and reports what is left', () => {
    const dir = workspace({ Dockerfile: 'FROM alpine\nENV LANG C.UTF-8\nCMD run it\n' });
    const file = path.join(dir, 'Dockerfile');
    const { code, stdout, stderr } = run(['check', '--fix', '--format', 'json', file]);
    assert.equal(fs.readFileSync(file, 'utf8'), 'FROM alpine\nENV LANG="C.UTF-8"\nCMD run it\n');
    assert.match(stderr, /applied 1 safe fix$/m);
    assert.equal(code, 1, 'the unsafe finding is still there');
    assert.deepEqual(
      JSON.parse(stdout).files[0].findings.map((f: { rule: string }) => f.rule),
      ['JSONArgsRecommended'],
    );
  });

  test('--fix writes atomically: the file keeps its mode, a symbolic link stays a link, no temporary file is left', () => {
    const dir = workspace({ 'real/Dockerfile': 'FROM alpine\nENV LANG C.UTF-8\n' });
    const real = path.join(dir, 'real', 'Dockerfile');
    fs.chmodSync(real, 0o640);
    const link = path.join(dir, 'Dockerfile');
    fs.symlinkSync(real, link);
    const { stderr } = run(['fix', link]);
    assert.match(stderr, /applied 1 safe fix$/m);
    assert.ok(fs.lstatSync(link).isSymbolicLink(), 'the link is still a link');
    assert.equal(fs.readFileSync(real, 'utf8'), 'FROM alpine\nENV LANG="C.UTF-8"\n');
    assert.equal(fs.statSync(real).mode & 0o777, 0o640);
    assert.deepEqual(fs.readdirSync(path.join(dir, 'real')), ['Dockerfile']);
  });

  test('--fix that cannot write the new text leaves the file byte for byte as it was, and says why (exit 2)', () => {
    const original = 'FROM alpine\nENV LANG C.UTF-8\n';
    const dir = workspace({ Dockerfile: original });
    // Where the new text would be written first, something that is not a file: the write fails.
    fs.mkdirSync(path.join(dir, '.Dockerfile.layerlens-fix.tmp'));
    const { code, stderr } = run(['fix', path.join(dir, 'Dockerfile')]);
    assert.equal(code, 2);
    assert.match(stderr, /cannot fix .*Dockerfile: EISDIR/);
    assert.equal(fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8'), original);
    assert.ok(fs.statSync(path.join(dir, '.Dockerfile.layerlens-fix.tmp')).isDirectory(), 'what was in the way is left alone');
  });

  test('--fix on a file that is not UTF-8 reports it and leaves its bytes alone', () => {
    const bytes = Buffer.from('FROM alpine\n# Autor: M\xfcller\nENV LANG C.UTF-8\n', 'latin1');
    const dir = workspace({ Dockerfile: bytes });
    const { code, stdout, stderr } = run(['fix', path.join(dir, 'Dockerfile')]);
    assert.match(stderr, /Dockerfile: not fixed: it is not UTF-8 text/);
    assert.deepEqual(fs.readFileSync(path.join(dir, 'Dockerfile')), bytes);
    assert.equal(code, 1);
    assert.match(stdout, /Line 2 holds bytes that are not UTF-8 .* \[NotUtf8Text\]/);
  });

  test('check reads the Dockerfile, its .dockerignore and the .layerlens.json files above it, lists the context, and opens nothing else', () => {
    const dir = workspace({
      'app/Dockerfile': 'FROM alpine\nCOPY . .\n',
      'app/.dockerignore': 'node_modules',
      'app/secret.env': 'TOKEN=1',
      'app/src/main.sh': 'echo',
      'unrelated/Dockerfile': 'FROM alpine\n',
      '.layerlens.json': '{}',
    });
    // Every file operation of the CLI process under the workspace, recorded by a preloaded module.
    const log = path.join(os.tmpdir(), `layerlens-fs-${process.pid}.log`);
    const recorder = path.join(os.tmpdir(), `layerlens-fs-${process.pid}.cjs`);
    fs.writeFileSync(
      recorder,
      `
      const fs = require('fs');
      const append = fs.appendFileSync.bind(fs);
      for (const name of ['openSync', 'readFileSync', 'readdirSync', 'writeFileSync', 'appendFileSync', 'renameSync', 'rmSync', 'unlinkSync', 'mkdirSync', 'copyFileSync']) {
        const original = fs[name];
        fs[name] = function (file, ...rest) {
          // Opening for reading is reading (readFileSync opens too); any other flag is a write.
          const operation = name !== 'openSync' ? name : /^r$|^rs?$/.test(String(rest[0] ?? 'r')) ? 'readFileSync' : 'openSync for writing';
          if (typeof file === 'string' && file.startsWith(${JSON.stringify(dir)})) append(${JSON.stringify(log)}, operation + ' ' + file + '\\n');
          return original.call(this, file, ...rest);
        };
      }
    `,
    );
    try {
      const result = spawnSync(process.execPath, ['--require', recorder, cli, 'check', path.join(dir, 'app', 'Dockerfile')], {
        encoding: 'utf8',
      });
      assert.equal(result.status, 0, result.stderr);
      const calls = [
        ...new Set(
          fs
            .readFileSync(log, 'utf8')
            .trim()
            .split('\n')
            .map((l) => l.replace(dir, '<ws>')),
        ),
      ].sort();
      assert.deepEqual(
        calls.filter((c) => !c.startsWith('readdirSync ')),
        ['readFileSync <ws>/.layerlens.json', 'readFileSync <ws>/app/.dockerignore', 'readFileSync <ws>/app/Dockerfile'],
      );
      assert.deepEqual(
        calls.filter((c) => c.startsWith('readdirSync ')),
        ['readdirSync <ws>/app', 'readdirSync <ws>/app/src'],
        'only the build context is listed',
      );
    } finally {
      fs.rmSync(log, { force: true });
      fs.rmSync(recorder, { force: true });
    }
  });

  test('fix --unsafe applies the unsafe fixes too; --unsafe without --fix is a usage error', () => {
    const dir = workspace({ Dockerfile: 'FROM alpine\nENV LANG C.UTF-8\nCMD run it\n' });
    const file = path.join(dir, 'Dockerfile');
    const { code, stderr } = run(['fix', '--unsafe', file]);
    assert.equal(fs.readFileSync(file, 'utf8'), 'FROM alpine\nENV LANG="C.UTF-8"\nCMD ["run", "it"]\n');
    assert.match(stderr, /applied 2 fixes$/m);
    assert.equal(code, 0, 'nothing is left');
  });

  test('fix --unsafe mounts a copied .npmrc as a secret, adds it to .dockerignore, and says how to pass it', () => {
    const dir = workspace({
      Dockerfile: 'FROM node:22\nCOPY .npmrc package.json ./\nRUN npm ci && rm -f .npmrc\n',
      '.dockerignore': '.git',
      '.npmrc': '//registry.npmjs.org/:_authToken=5f2b1c9e-8d4a-4e7b-9c3d-2a1b0c9d8e7f\n',
      'package.json': '{}',
      '.layerlens.json': JSON.stringify({ rules: { SecretFileCopied: 'warning' } }),
    });
    const { stderr } = run(['fix', '--unsafe', path.join(dir, 'Dockerfile')]);
    assert.match(stderr, /Dockerfile: build with --secret id=npmrc,src=\.npmrc \(or "secrets" in \.layerlens\.json\)$/m);
    // Every unsafe fix of a rule that is on applies (the slim base is off by default).
    assert.equal(
      fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8'),
      'FROM node:22\nCOPY package.json ./\nRUN --mount=type=secret,id=npmrc,target=/.npmrc,required=true npm ci\n',
    );
    assert.equal(fs.readFileSync(path.join(dir, '.dockerignore'), 'utf8'), '.git\n.npmrc\n');
  });

  const usage: { name: string; args: string[]; stderr: RegExp }[] = [
    { name: '--unsafe without --fix', args: ['check', '--unsafe', 'samples'], stderr: /--unsafe goes with --fix/ },
    { name: 'no command', args: [], stderr: /Usage: layerlens/ },
    { name: 'an unknown command', args: ['lint'], stderr: /unknown command "lint"/ },
    { name: 'an unknown option', args: ['check', '--colour'], stderr: /Unknown option '--colour'/ },
    {
      name: 'a bad format',
      args: ['check', '--format', 'xml', 'samples'],
      stderr: /--format must be text, json, sarif, github or codeclimate, not "xml"/,
    },
    {
      name: 'a bad fail level',
      args: ['check', '--fail-level', 'fatal', 'samples'],
      stderr: /--fail-level must be error, warning, info or hint, not "fatal"/,
    },
    { name: 'a missing path', args: ['check', 'no/such/dir'], stderr: /cannot read no\/such\/dir: ENOENT/ },
    { name: 'a malformed build arg', args: ['check', '--build-arg', 'NOVALUE', 'samples'], stderr: /--build-arg takes NAME=VALUE/ },
  ];
  for (const row of usage) {
    test(`${row.name}: exit 2, message on stderr, nothing on stdout`, () => {
      const { code, stdout, stderr } = run(row.args);
      assert.equal(code, 2);
      assert.match(stderr, row.stderr);
      assert.equal(stdout, '');
    });
  }

  test('explain: the forecast per step in text and in the documented JSON', () => {
    const dir = workspace({
      Dockerfile:
        'FROM alpine AS build\nCOPY src/ /src/\nRUN make -C /src\nFROM alpine AS test\nRUN true\nFROM alpine\nARG VERSION\nCOPY --from=build /src/out /app\nRUN echo $VERSION\n',
      'src/main.c': 'int main;\n',
    });
    const file = path.join(dir, 'Dockerfile');
    const text = run(['explain', file, '--changed', 'src/main.c']);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /^ {5}2 {2}runs {4}COPY src\/ \/src\/\n {16}`src\/main\.c` changed$/m);
    assert.match(text.stdout, /^ {5}8 {2}runs\? {3}COPY --from=build \/src\/out \/app$/m);
    assert.match(text.stdout, /^stage test \(not needed for this target\)$/m);
    assert.match(text.stdout, /^4 of 6 steps re-run, 2 cached, 2 skipped$/m);

    const json = run(['explain', file, '--format', 'json', '--changed-arg', 'VERSION']);
    assert.equal(json.code, 0, json.stderr);
    const steps = JSON.parse(json.stdout).steps;
    assert.deepEqual(
      steps.map((s: { line: number }) => s.line),
      [1, 2, 3, 4, 5, 6, 8, 9],
    );
    assert.deepEqual(steps[7], {
      line: 9,
      stage: 2,
      position: '3/3',
      instruction: 'RUN echo $VERSION',
      forecast: 'runs',
      certain: true,
      reasons: ['`VERSION` changed'],
    });
    assert.deepEqual(steps[4], {
      line: 5,
      stage: 'test',
      position: '2/2',
      instruction: 'RUN true',
      forecast: 'cached',
      certain: true,
      reasons: ['stage `test` is not needed for the target: BuildKit does not build it'],
      skipped: true,
    });
  });

  test('explain without change flags: the working tree against git HEAD, and it says so; outside git, nothing changed', () => {
    const dir = workspace({
      Dockerfile: 'FROM alpine\nCOPY package.json /app/\nRUN echo install\nCOPY src/ /app/src/\n',
      'package.json': '{}\n',
      'src/a.js': '1\n',
    });
    const file = path.join(dir, 'Dockerfile');
    const outside = run(['explain', file]);
    assert.match(outside.stdout, /^Compared with nothing changed: no change was given, and the build context is not in a git repository$/m);
    assert.match(outside.stdout, /^0 of 4 steps re-run, 4 cached$/m);
    const git = (...args: string[]) =>
      spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: dir, encoding: 'utf8' });
    git('init', '-q');
    git('add', '.');
    git('commit', '-q', '-m', 'first');
    fs.writeFileSync(path.join(dir, 'src', 'a.js'), '2\n');
    const text = run(['explain', file]);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /^Compared with a build of the last commit \([0-9a-f]+\): the working tree's changes against git's HEAD$/m);
    assert.match(text.stdout, /^ {5}4 {2}runs {4}COPY src\/ \/app\/src\/\n {16}`src\/a\.js` changed$/m);
    assert.match(text.stdout, /^1 of 4 steps re-run, 3 cached$/m);
    const json = JSON.parse(run(['explain', file, '--format', 'json', '--changed', 'package.json']).stdout);
    assert.equal(json.comparedWith, 'the changes given on the command line', 'flags win over git');
  });

  test('explain: the context "contexts" names, its .dockerignore included; a context that is not there is an input error', () => {
    const dir = workspace({
      'docker/api.Dockerfile': 'FROM alpine\nCOPY . /srv\n',
      '.dockerignore': 'notes.md\n',
      '.layerlens.json': JSON.stringify({ contexts: { 'docker/api.Dockerfile': '.' } }),
    });
    const dockerfile = path.join(dir, 'docker', 'api.Dockerfile');
    const copyStep = (args: string[]) =>
      JSON.parse(run(['explain', dockerfile, '--format', 'json', '--changed', 'notes.md', ...args]).stdout).steps.find(
        (s: { instruction: string }) => s.instruction.startsWith('COPY'),
      ).forecast;
    assert.equal(copyStep([]), 'cached', 'the root .dockerignore keeps notes.md out of the context');
    assert.equal(copyStep(['--context', path.join(dir, 'docker')]), 'runs', 'docker/ has no .dockerignore');
    const missing = run(['explain', dockerfile, '--context', path.join(dir, 'gone')]);
    assert.equal(missing.code, 2);
    assert.equal(missing.stderr, `layerlens: the build context ${path.join(dir, 'gone')} does not exist\n`);
  });

  test('explain: a missing stage, a missing file and a bad format are usage errors', () => {
    const dir = workspace({ Dockerfile: CLEAN });
    assert.match(run(['explain', path.join(dir, 'Dockerfile'), '--target', 'nope']).stderr, /there is no stage "nope"/);
    assert.equal(run(['explain', path.join(dir, 'Missing')]).code, 2);
    assert.equal(run(['explain', path.join(dir, 'Dockerfile'), '--format', 'sarif']).code, 2);
    assert.match(
      run(['explain', path.join(dir, 'Dockerfile'), '--image-store', 'overlay2']).stderr,
      /--image-store must be classic or containerd, not "overlay2"/,
    );
    assert.match(
      run(['explain', path.join(dir, 'Dockerfile'), '--fresh-runner-cache', 'min']).stderr,
      /--fresh-runner-cache must be inline or max, not "min"/,
    );
  });

  test('--help and --version exit 0', () => {
    assert.match(run(['--help']).stdout, /check \[paths\.\.\.\]/);
    assert.equal(run(['--help']).code, 0);
    for (const args of [
      ['check', '--help'],
      ['explain', 'Dockerfile', '-h'],
      ['fix', '--help'],
      ['build', '--print', '--help'],
    ]) {
      const asked = run(args);
      assert.equal(asked.code, 0, args.join(' '));
      assert.equal(asked.stderr, '', args.join(' '));
      assert.match(asked.stdout, /^Options for check:$/m, args.join(' '));
    }
    assert.equal(
      run(['--version']).stdout,
      `${JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).version}\n`,
      "package.json's version, the one the server reports",
    );
  });
});
