import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { analyze, applyEdits, convertToMultiStage, parseDockerfile, readBuildContext } from '../../server/src/engine';
import type { ContextIO } from '../../server/src/engine';
import { repoRoot, requireHost } from '../support/env';
import { recordPayoff } from '../support/payoff';
import type { PayoffRow } from '../support/payoff';
import { BASE_IMAGE, DOCKER, docker, daemonAnswers, dockerEnv, requireDocker } from '../support/docker';

/**
 * Refactors proven on a real BuildKit: the project builds before and after, the program prints
 * the same, and the refactor pays (here: a smaller image). The edits are the engine's, the same
 * the editor applies.
 */
const RUN_ID = randomBytes(4).toString('hex');
const tags: string[] = [];
/** What each refactor bought, written for `npm run bench:payoff` when it asks (LAYERLENS_PAYOFF_OUT). */
const payoff: PayoffRow[] = [];

const NODE_IMAGE = 'local/debian-node:bookworm';

/** Builds with plain progress; `--network=host` lets `npm ci` reach the registry (the daemon runs without iptables). */
function buildImage(dir: string, tag: string, extra: string[] = []): { seconds: number; reran: string[]; cached: string[] } {
  const started = process.hrtime.bigint();
  const result = spawnSync(DOCKER, ['build', '--network=host', '--progress=plain', ...extra, '--tag', tag, dir], { env: { ...dockerEnv, DOCKER_BUILDKIT: '1' }, encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  tags.push(tag);
  const output = `${result.stdout}${result.stderr}`;
  assert.equal(result.status, 0, output);
  const titles = new Map<string, string>();
  const reran: string[] = [];
  const cached: string[] = [];
  for (const line of output.split('\n')) {
    const title = /^(#\d+) \[[^\]]*\d+\/\d+\] (.*)$/.exec(line);
    if (title && !title[2].startsWith('FROM')) titles.set(title[1], title[2]);
    const status = /^(#\d+) (CACHED|DONE)/.exec(line);
    if (status && titles.has(status[1])) (status[2] === 'CACHED' ? cached : reran).push(titles.get(status[1]) as string);
  }
  return { seconds, reran, cached };
}

const nodeIO: ContextIO = {
  readText: (file) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined),
  readDir: (dir) => fs.readdirSync(dir, { withFileTypes: true }).map((e) => ({ name: e.name, directory: e.isDirectory() })),
};

/** True when `value` is anywhere in the saved image (layers, config, history) or its history listing. */
function leaks(tag: string, value: string): boolean {
  const saved = spawnSync(DOCKER, ['save', tag], { env: dockerEnv, maxBuffer: 1024 * 1024 * 1024 });
  assert.equal(saved.status, 0, String(saved.stderr));
  const history = String(docker(['history', '--no-trunc', '--format', '{{.CreatedBy}}', tag]).stdout);
  return saved.stdout.includes(Buffer.from(value)) || history.includes(value);
}

const sizeOf = (tag: string) => Number(String(docker(['image', 'inspect', '--format', '{{.Size}}', tag]).stdout).trim());
const output = (tag: string) => docker(['run', '--rm', tag]).stdout as string;

after(() => {
  if (tags.length > 0 && daemonAnswers()) docker(['rmi', '--force', ...tags]);
  recordPayoff(payoff);
});

describe('refactors on a real BuildKit: the result builds, runs the same, and pays', () => {
  test('reorder for cache (CopyContextBeforeInstall): after a one-line source edit, npm ci stays cached', (t) => {
    if (!requireDocker(t)) return;
    if (!requireHost(t, docker(['image', 'inspect', NODE_IMAGE]).status === 0, `the ${NODE_IMAGE} image (test/hosts/dockerd.sh start builds it with debootstrap)`)) return;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlens-reorder-'));
    fs.cpSync(path.join(repoRoot, 'test', 'buildkit', 'fixtures', 'node-app'), dir, { recursive: true });
    const original = `FROM ${NODE_IMAGE}\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD ["node", "index.js"]\n`;
    const edit = (label: string) => fs.writeFileSync(path.join(dir, 'index.js'), `const leftPad = require('left-pad');\nconsole.log(leftPad('${label}', 20, '.'));\n`);
    assert.equal(docker(['builder', 'prune', '-af']).status, 0);

    fs.writeFileSync(path.join(dir, 'Dockerfile'), original);
    buildImage(dir, `layerlens-reorder/${RUN_ID}:before`);
    edit('edited before');
    const before = buildImage(dir, `layerlens-reorder/${RUN_ID}:before`);
    assert.equal(output(`layerlens-reorder/${RUN_ID}:before`), '.......edited before\n');
    assert.ok(before.reran.includes('RUN npm ci'), `before the fix a source edit re-runs npm ci: ${before.reran.join(', ')}`);

    // The fix exactly as the editor offers it: with the build context listed from disk.
    const context = readBuildContext(path.join(dir, 'Dockerfile'), dir, nodeIO);
    const { model, findings } = analyze(original, { dockerignore: context.dockerignore, context: context.listing });
    const fix = findings.find((f) => f.rule === 'CopyContextBeforeInstall')?.fix;
    assert.ok(fix, 'CopyContextBeforeInstall offers its fix');
    const fixed = applyEdits(model, fix.edits);
    assert.equal(fixed, `FROM ${NODE_IMAGE}\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nCMD ["node", "index.js"]\n`);
    fs.writeFileSync(path.join(dir, 'Dockerfile'), fixed);
    buildImage(dir, `layerlens-reorder/${RUN_ID}:after`);
    edit('edited after');
    const afterFix = buildImage(dir, `layerlens-reorder/${RUN_ID}:after`);
    assert.equal(output(`layerlens-reorder/${RUN_ID}:after`), '........edited after\n');
    assert.ok(afterFix.cached.includes('RUN npm ci'), `after the fix npm ci stays cached: re-ran ${afterFix.reran.join(', ')}`);
    assert.ok(afterFix.reran.length < before.reran.length, `fewer steps re-run: ${afterFix.reran.length} after, ${before.reran.length} before`);
    console.log(`      reorder for cache, rebuild after a source edit: ${before.reran.length} steps re-ran in ${before.seconds.toFixed(1)} s before, ${afterFix.reran.length} in ${afterFix.seconds.toFixed(1)} s after`);
    payoff.push({ refactor: 'Reorder for cache (npm ci)', measure: 'rebuild after a one-line source edit', before: `${before.reran.length} steps re-run, ${before.seconds.toFixed(1)} s`, after: `${afterFix.reran.length} step re-run, ${afterFix.seconds.toFixed(1)} s` });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('add secret mount (SecretFileCopied): the copied .npmrc leaves every layer, npm ci still reads it', (t) => {
    if (!requireDocker(t)) return;
    if (!requireHost(t, docker(['image', 'inspect', NODE_IMAGE]).status === 0, `the ${NODE_IMAGE} image (test/hosts/dockerd.sh start builds it with debootstrap)`)) return;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlens-secret-file-'));
    fs.cpSync(path.join(repoRoot, 'test', 'buildkit', 'fixtures', 'node-app'), dir, { recursive: true });
    const marker = `layerlens-secret-${RUN_ID}`;
    // npm reads the project's .npmrc; a comment carries the marker without changing what npm does.
    fs.writeFileSync(path.join(dir, '.npmrc'), `# ${marker}\nfund=false\n`);
    const original = `FROM ${NODE_IMAGE}\nWORKDIR /app\nCOPY .npmrc package.json package-lock.json ./\nRUN npm ci && rm .npmrc\nCOPY index.js ./\nCMD ["node", "index.js"]\n`;
    fs.writeFileSync(path.join(dir, 'Dockerfile'), original);
    buildImage(dir, `layerlens-secret-file/${RUN_ID}:before`);
    assert.ok(leaks(`layerlens-secret-file/${RUN_ID}:before`, marker), 'before the fix the .npmrc is in a layer, rm or not');

    const { model, findings } = analyze(original, { dockerignore: null });
    const fix = findings.find((f) => f.rule === 'SecretFileCopied')?.fix;
    assert.ok(fix, 'SecretFileCopied offers its fix');
    fs.writeFileSync(path.join(dir, 'Dockerfile'), applyEdits(model, fix.edits));
    assert.deepEqual(fix.contextLines, [{ file: '.dockerignore', line: '.npmrc' }]);
    fs.writeFileSync(path.join(dir, '.dockerignore'), '.npmrc\n');
    buildImage(dir, `layerlens-secret-file/${RUN_ID}:after`, ['--secret', `id=npmrc,src=${path.join(dir, '.npmrc')}`]);
    assert.equal(output(`layerlens-secret-file/${RUN_ID}:after`), '..built by layerlens\n', 'npm ci installed the dependency');
    assert.ok(!leaks(`layerlens-secret-file/${RUN_ID}:after`, marker), 'after the fix the .npmrc is in no layer and no history entry');
    payoff.push({ refactor: 'Add secret mount (copied .npmrc)', measure: 'the credential in the image', before: 'in a layer', after: 'in no layer, no history entry' });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('convert to multi-stage (Node): typescript and the npm cache stay in the build stage, the program runs, the image shrinks', (t) => {
    if (!requireDocker(t)) return;
    if (!requireHost(t, docker(['image', 'inspect', NODE_IMAGE]).status === 0, `the ${NODE_IMAGE} image (test/hosts/dockerd.sh start builds it with debootstrap)`)) return;
    // The conversion recognises Node by the official image's name; here that name points at the local Node base.
    const official = `node:20-layerlens-${RUN_ID}`;
    const slim = `node:20-slim-layerlens-${RUN_ID}`;
    for (const tag of [official, slim]) {
      assert.equal(docker(['tag', NODE_IMAGE, tag]).status, 0);
      tags.push(tag);
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlens-convert-node-'));
    fs.cpSync(path.join(repoRoot, 'test', 'buildkit', 'fixtures', 'node-ts-app'), dir, { recursive: true });
    const dockerfile = `FROM ${official}\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\nCMD ["node", "dist/main.js"]\n`;
    fs.writeFileSync(path.join(dir, 'Dockerfile'), dockerfile);
    buildImage(dir, `layerlens-convert-node/${RUN_ID}:before`);

    const model = parseDockerfile(dockerfile);
    const conversion = convertToMultiStage(model);
    assert.ok(conversion, 'the conversion is offered');
    assert.equal(conversion.toolchain, 'node');
    // The -slim variant of the tag is the second local name of the same base: the saving is the build's alone.
    const converted = applyEdits(model, conversion.edits);
    assert.ok(converted.includes(`RUN npm prune --omit=dev\n\nFROM ${slim}\nWORKDIR /app\nCOPY --from=build /app /app\n`), converted);
    fs.writeFileSync(path.join(dir, 'Dockerfile'), converted);
    buildImage(dir, `layerlens-convert-node/${RUN_ID}:after`);

    assert.equal(output(`layerlens-convert-node/${RUN_ID}:after`), '..converted by layerlens\n');
    assert.equal(output(`layerlens-convert-node/${RUN_ID}:after`), output(`layerlens-convert-node/${RUN_ID}:before`));
    const before = sizeOf(`layerlens-convert-node/${RUN_ID}:before`);
    const afterSize = sizeOf(`layerlens-convert-node/${RUN_ID}:after`);
    assert.ok(afterSize < before, `smaller: ${afterSize} after, ${before} before`);
    payoff.push({ refactor: 'Convert to a multi-stage build (Node, TypeScript)', measure: 'image size (same base for both stages here)', before: `${(before / 1e6).toFixed(1)} MB`, after: `${(afterSize / 1e6).toFixed(1)} MB (${((before - afterSize) / 1e6).toFixed(1)} MB less)` });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('convert to multi-stage (Python, poetry): poetry stays in the build stage, the venv and its entry point run on the slim image', (t) => {
    if (!requireDocker(t)) return;
    if (!requireHost(t, docker(['image', 'inspect', NODE_IMAGE]).status === 0, `the ${NODE_IMAGE} image (test/hosts/dockerd.sh start builds it with debootstrap)`)) return;
    // python:3.11 and python:3.11-slim stand-ins from Debian's packages: the full one has poetry, the slim one only Python.
    const official = `python:3.11-layerlens-${RUN_ID}`;
    const slim = `python:3.11-slim-layerlens-${RUN_ID}`;
    const bases = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlens-python-base-'));
    const aptInstall = (packages: string) => `FROM ${NODE_IMAGE}\nRUN apt-get update && apt-get install -y --no-install-recommends ${packages} && rm -rf /var/lib/apt/lists/*\n`;
    fs.writeFileSync(path.join(bases, 'Dockerfile'), aptInstall('python3 python3-venv python-is-python3 python3-poetry'));
    fs.writeFileSync(path.join(bases, 'Dockerfile.slim'), aptInstall('python3 python3-venv python-is-python3'));
    buildImage(bases, official);
    buildImage(bases, slim, ['--file', path.join(bases, 'Dockerfile.slim')]);
    fs.rmSync(bases, { recursive: true, force: true });

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlens-convert-python-'));
    fs.cpSync(path.join(repoRoot, 'test', 'buildkit', 'fixtures', 'poetry-app'), dir, { recursive: true });
    // `poetry install` without --no-root installs the project too: its `greet` script lands in the environment.
    const dockerfile = `FROM ${official}\nWORKDIR /app\nCOPY . .\nRUN poetry install --only main\nCMD ["python", "-m", "greet"]\n`;
    fs.writeFileSync(path.join(dir, 'Dockerfile'), dockerfile);
    buildImage(dir, `layerlens-convert-python/${RUN_ID}:before`);

    const model = parseDockerfile(dockerfile);
    const conversion = convertToMultiStage(model);
    assert.ok(conversion, 'the conversion is offered');
    assert.equal(conversion.toolchain, 'python');
    const converted = applyEdits(model, conversion.edits);
    assert.ok(converted.includes(`FROM ${slim}\nWORKDIR /app\nENV VIRTUAL_ENV=/opt/venv PATH="/opt/venv/bin:$PATH"\nCOPY --from=build /opt/venv /opt/venv\nCOPY --from=build /app /app\n`), converted);
    fs.writeFileSync(path.join(dir, 'Dockerfile'), converted);
    buildImage(dir, `layerlens-convert-python/${RUN_ID}:after`);

    assert.equal(output(`layerlens-convert-python/${RUN_ID}:after`), 'greeted by layerlens\n');
    assert.equal(output(`layerlens-convert-python/${RUN_ID}:after`), output(`layerlens-convert-python/${RUN_ID}:before`));
    const entryPoint = docker(['run', '--rm', `layerlens-convert-python/${RUN_ID}:after`, 'greet']);
    assert.equal(entryPoint.stdout, 'greeted by layerlens\n', `the venv's entry point is on PATH: ${entryPoint.stderr}`);
    const poetryIn = (tag: string) => docker(['run', '--rm', tag, 'sh', '-c', 'command -v poetry']).status === 0;
    assert.ok(poetryIn(`layerlens-convert-python/${RUN_ID}:before`) && !poetryIn(`layerlens-convert-python/${RUN_ID}:after`), 'poetry is left in the build stage');
    const before = sizeOf(`layerlens-convert-python/${RUN_ID}:before`);
    const afterSize = sizeOf(`layerlens-convert-python/${RUN_ID}:after`);
    assert.ok(afterSize < before, `smaller: ${afterSize} after, ${before} before`);
    payoff.push({ refactor: 'Convert to a multi-stage build (Python, poetry)', measure: 'image size (Debian-packaged Python stand-ins)', before: `${(before / 1e6).toFixed(1)} MB`, after: `${(afterSize / 1e6).toFixed(1)} MB (${((before - afterSize) / 1e6).toFixed(1)} MB less)` });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('convert to multi-stage (generic): the SDK stays in the build stage, the program runs, the image shrinks', (t) => {
    if (!requireDocker(t)) return;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlens-convert-'));
    const dockerfile = [
      `FROM ${BASE_IMAGE}`,
      'WORKDIR /src',
      'COPY hello.sh.in .',
      '# The SDK is only needed to build; the program is a small script.',
      'RUN mkdir -p /opt/sdk /usr/local/bin && dd if=/dev/zero of=/opt/sdk/toolchain.bin bs=1048576 count=16 \\',
      '    && tar -cf /opt/sdk/sdk.tar /opt/sdk/toolchain.bin \\',
      "    && sed 's/@NAME@/layerlens/' hello.sh.in > /usr/local/bin/hello && chmod +x /usr/local/bin/hello",
      'CMD ["/usr/local/bin/hello"]',
    ].join('\n') + '\n';
    fs.writeFileSync(path.join(dir, 'Dockerfile'), dockerfile);
    fs.writeFileSync(path.join(dir, 'hello.sh.in'), '#!/bin/sh\necho "hello from @NAME@"\n');
    buildImage(dir, `layerlens-convert/${RUN_ID}:before`);

    const model = parseDockerfile(dockerfile);
    const conversion = convertToMultiStage(model);
    assert.ok(conversion, 'the conversion is offered');
    const converted = applyEdits(model, conversion.edits);
    assert.match(converted, /COPY --from=build \/usr\/local\/bin\/hello \/usr\/local\/bin\/hello/);
    fs.writeFileSync(path.join(dir, 'Dockerfile'), converted);
    buildImage(dir, `layerlens-convert/${RUN_ID}:after`);

    assert.equal(output(`layerlens-convert/${RUN_ID}:after`), 'hello from layerlens\n');
    assert.equal(output(`layerlens-convert/${RUN_ID}:after`), output(`layerlens-convert/${RUN_ID}:before`));
    const before = sizeOf(`layerlens-convert/${RUN_ID}:before`);
    const afterSize = sizeOf(`layerlens-convert/${RUN_ID}:after`);
    console.log(`      convert to multi-stage: ${before} bytes before, ${afterSize} after (${(before / afterSize).toFixed(1)}x smaller)`);
    payoff.push({ refactor: 'Convert to a multi-stage build (generic)', measure: 'image size', before: `${(before / 1e6).toFixed(1)} MB`, after: `${(afterSize / 1e6).toFixed(1)} MB (${(before / afterSize).toFixed(1)}x smaller)` });
    assert.ok(afterSize * 4 < before, `much smaller: ${afterSize} after, ${before} before`);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
