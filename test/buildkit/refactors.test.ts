import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import type { TestContext } from 'node:test';
import { analyze, applyEdits, cacheAdvice, convertToMultiStage, parseDockerfile, readBuildContext } from '../../server/src/engine';
import type { ContextIO, Toolchain } from '../../server/src/engine';
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
/** What each refactor bought, written for `npm run bench` when it asks (LAYERLENS_PAYOFF_OUT). */
const payoff: PayoffRow[] = [];

const NODE_IMAGE = 'local/debian-node:bookworm';

/** Builds with plain progress; `--network=host` lets `npm ci` reach the registry (the daemon runs without iptables). */
function buildImage(
  dir: string,
  tag: string,
  extra: string[] = [],
): { seconds: number; reran: string[]; cached: string[]; output: string } {
  const started = process.hrtime.bigint();
  const result = spawnSync(DOCKER, ['build', '--network=host', '--progress=plain', ...extra, '--tag', tag, dir], {
    env: { ...dockerEnv, DOCKER_BUILDKIT: '1' },
    encoding: 'utf8',
  });
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
  return { seconds, reran, cached, output };
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

/**
 * An official toolchain image's stand-in: the local Debian base with the toolchain from Debian's
 * packages (the mirror is reachable, Docker Hub is not), tagged with the official name so that the
 * conversion recognises it.
 */
function standIn(tag: string, packages: string, then = 'true'): void {
  // The official images' PATH, which has the sbin folders (useradd, groupadd) the local base leaves out.
  const dir = project({
    Dockerfile: `FROM ${NODE_IMAGE}\nENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\nRUN apt-get update && apt-get install -y --no-install-recommends ${packages} && rm -rf /var/lib/apt/lists/* && ${then}\n`,
  });
  buildImage(dir, tag);
  fs.rmSync(dir, { recursive: true, force: true });
}

const sizeOf = (tag: string) => Number(String(docker(['image', 'inspect', '--format', '{{.Size}}', tag]).stdout).trim());
const output = (tag: string) => docker(['run', '--rm', tag]).stdout as string;

function requireNodeImage(t: TestContext): boolean {
  return (
    requireDocker(t) &&
    requireHost(
      t,
      docker(['image', 'inspect', NODE_IMAGE]).status === 0,
      `the ${NODE_IMAGE} image (test/hosts/modern-docker.sh start imports it)`,
    )
  );
}

/** A scratch project: a fixture's copy, or the files given. */
function project(from: string | Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlens-project-'));
  if (typeof from === 'string') fs.cpSync(path.join(repoRoot, 'test', 'buildkit', 'fixtures', from), dir, { recursive: true });
  else {
    for (const [name, text] of Object.entries(from)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), text);
    }
  }
  return dir;
}

interface Sizes {
  beforeTag: string;
  afterTag: string;
  before: number;
  after: number;
}

/**
 * Builds a single-stage Dockerfile, converts it with the engine exactly as the editor's refactor
 * does, and builds the result: the conversion names the expected final stage, and the program
 * prints the same before and after.
 */
function convertAndBuild(
  label: string,
  dir: string,
  dockerfile: string,
  expect: { toolchain: Toolchain; finalStage: string; prints: string },
): Sizes {
  const beforeTag = `layerlens-convert-${label}/${RUN_ID}:before`;
  const afterTag = `layerlens-convert-${label}/${RUN_ID}:after`;
  fs.writeFileSync(path.join(dir, 'Dockerfile'), dockerfile);
  buildImage(dir, beforeTag);
  const model = parseDockerfile(dockerfile);
  const conversion = convertToMultiStage(model);
  assert.equal(conversion?.toolchain, expect.toolchain, 'the conversion is offered for the toolchain');
  const converted = applyEdits(model, conversion.edits);
  assert.ok(converted.includes(expect.finalStage), converted);
  fs.writeFileSync(path.join(dir, 'Dockerfile'), converted);
  buildImage(dir, afterTag);
  assert.equal(output(afterTag), expect.prints);
  assert.equal(output(beforeTag), expect.prints);
  return { beforeTag, afterTag, before: sizeOf(beforeTag), after: sizeOf(afterTag) };
}

function recordSize(toolchain: string, note: string, sizes: Sizes): void {
  const mb = (bytes: number) => (bytes / 1e6).toFixed(1);
  payoff.push({
    refactor: `Convert to a multi-stage build (${toolchain})`,
    measure: `image size (${note})`,
    before: `${mb(sizes.before)} MB`,
    after: `${mb(sizes.after)} MB (${mb(sizes.before - sizes.after)} MB less, ${(sizes.before / sizes.after).toFixed(1)}x smaller)`,
    judged: { target: 'size', before: sizes.before, after: sizes.after },
  });
}

after(() => {
  if (tags.length > 0 && daemonAnswers()) docker(['rmi', '--force', ...tags]);
  recordPayoff(payoff);
});

describe('refactors on a real BuildKit: the result builds, runs the same, and pays', () => {
  test('reorder for cache (CopyContextBeforeInstall): after a one-line source edit, npm ci stays cached', (t) => {
    if (!requireNodeImage(t)) return;
    const dir = project('node-app');
    const original = `FROM ${NODE_IMAGE}\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD ["node", "index.js"]\n`;
    const edit = (label: string) =>
      fs.writeFileSync(path.join(dir, 'index.js'), `const leftPad = require('left-pad');\nconsole.log(leftPad('${label}', 20, '.'));\n`);
    assert.equal(docker(['builder', 'prune', '-af']).status, 0);

    fs.writeFileSync(path.join(dir, 'Dockerfile'), original);
    buildImage(dir, `layerlens-reorder/${RUN_ID}:before`);
    edit('edited before');
    const before = buildImage(dir, `layerlens-reorder/${RUN_ID}:before`);
    assert.equal(output(`layerlens-reorder/${RUN_ID}:before`), '.......edited before\n');
    assert.ok(before.reran.includes('RUN npm ci'), `before the fix a source edit re-runs npm ci: ${before.reran.join(', ')}`);

    // The fix exactly as the editor offers it (the "Reorder for cache" refactor of the rule that is off by
    // default): with the build context listed from disk.
    const context = readBuildContext(path.join(dir, 'Dockerfile'), dir, nodeIO);
    assert.ok(context, 'the build context is read');
    const model = parseDockerfile(original);
    const fix = cacheAdvice(model, { dockerignore: context.dockerignore, context: context.listing }).find(
      (f) => f.rule === 'CopyContextBeforeInstall',
    )?.fix;
    assert.ok(fix, 'CopyContextBeforeInstall offers its fix');
    const fixed = applyEdits(model, fix.edits);
    assert.equal(
      fixed,
      `FROM ${NODE_IMAGE}\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nCMD ["node", "index.js"]\n`,
    );
    fs.writeFileSync(path.join(dir, 'Dockerfile'), fixed);
    buildImage(dir, `layerlens-reorder/${RUN_ID}:after`);
    edit('edited after');
    const afterFix = buildImage(dir, `layerlens-reorder/${RUN_ID}:after`);
    assert.equal(output(`layerlens-reorder/${RUN_ID}:after`), '........edited after\n');
    assert.ok(afterFix.cached.includes('RUN npm ci'), `after the fix npm ci stays cached: re-ran ${afterFix.reran.join(', ')}`);
    assert.ok(
      afterFix.reran.length < before.reran.length,
      `fewer steps re-run: ${afterFix.reran.length} after, ${before.reran.length} before`,
    );
    console.log(
      `      reorder for cache, rebuild after a source edit: ${before.reran.length} steps re-ran in ${before.seconds.toFixed(1)} s before, ${afterFix.reran.length} in ${afterFix.seconds.toFixed(1)} s after`,
    );
    payoff.push({
      refactor: 'Reorder for cache (npm ci)',
      measure: 'rebuild after a one-line source edit',
      before: `${before.reran.length} steps re-run, ${before.seconds.toFixed(1)} s`,
      after: `${afterFix.reran.length} step re-run, ${afterFix.seconds.toFixed(1)} s`,
      judged: { target: 'rebuild', before: before.seconds, after: afterFix.seconds },
    });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('add cache mount (CacheMountRecommended): after a dependency change npm ci re-runs, and finds the packages in the mount instead of downloading them', (t) => {
    if (!requireNodeImage(t)) return;
    const dir = project('node-ts-app');
    // --loglevel=http makes npm say, per download, whether its cache had it.
    const original = `FROM ${NODE_IMAGE}\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci --loglevel=http\nCOPY . .\nRUN npm run build\nCMD ["node", "dist/main.js"]\n`;
    let revision = 0;
    const changeManifest = () => {
      const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
      fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ ...manifest, version: `1.0.${++revision}` }, null, 2));
    };
    const downloads = (log: string) => log.split('\n').filter((l) => /npm http fetch GET 200 \S+\.tgz .*\(cache miss\)/.test(l)).length;
    const npmSeconds = (log: string) =>
      Number(/^#(\d+) \[[^\]]*\] RUN (?:--mount=\S+ )?npm ci[^\n]*\n[\s\S]*?^#\1 DONE (\d+\.\d+)s/m.exec(log)?.[2] ?? NaN);
    assert.equal(docker(['builder', 'prune', '-af']).status, 0, 'no cache mount left from an earlier build');

    fs.writeFileSync(path.join(dir, 'Dockerfile'), original);
    buildImage(dir, `layerlens-cache-mount/${RUN_ID}:before`);
    changeManifest();
    const before = buildImage(dir, `layerlens-cache-mount/${RUN_ID}:before`);
    assert.ok(before.reran.includes('RUN npm ci --loglevel=http'), 'a manifest change re-runs npm ci');
    assert.equal(downloads(before.output), 2, `without the mount every package is downloaded again:\n${before.output}`);

    // Off by default (docs/precision.md): turned on as a user would.
    const { model, findings } = analyze(original, { severities: { CacheMountRecommended: 'info' } });
    const fix = findings.find((f) => f.rule === 'CacheMountRecommended')?.fix;
    assert.ok(fix, 'CacheMountRecommended offers its fix');
    const fixed = applyEdits(model, fix.edits);
    assert.ok(fixed.includes('RUN --mount=type=cache,target=/root/.npm npm ci --loglevel=http\n'), fixed);
    fs.writeFileSync(path.join(dir, 'Dockerfile'), fixed);
    const warm = buildImage(dir, `layerlens-cache-mount/${RUN_ID}:after`);
    assert.equal(downloads(warm.output), 2, 'the first build with the mount fills it');
    changeManifest();
    const afterFix = buildImage(dir, `layerlens-cache-mount/${RUN_ID}:after`);
    assert.ok(afterFix.reran.includes('RUN --mount=type=cache,target=/root/.npm npm ci --loglevel=http'), 'npm ci still re-runs');
    assert.equal(downloads(afterFix.output), 0, `with the mount no package is a cache miss:\n${afterFix.output}`);
    assert.equal(
      output(`layerlens-cache-mount/${RUN_ID}:after`),
      output(`layerlens-cache-mount/${RUN_ID}:before`),
      'the program runs the same',
    );
    payoff.push({
      refactor: 'Add cache mount (npm ci)',
      measure: 'npm ci after a package.json change',
      before: `${downloads(before.output)} packages downloaded, ${npmSeconds(before.output).toFixed(1)} s`,
      after: `${downloads(afterFix.output)} downloaded (from the mount), ${npmSeconds(afterFix.output).toFixed(1)} s`,
    });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('add secret mount (SecretFileCopied): the copied .npmrc leaves every layer, npm ci still reads it', (t) => {
    if (!requireNodeImage(t)) return;
    const dir = project('node-app');
    const marker = `layerlens-secret-${RUN_ID}`;
    // npm reads the project's .npmrc; a comment carries the marker without changing what npm does.
    // Its token is for a registry npm never asks here, so that the build works and the rule, which reads what
    // the file holds, sees a credential.
    fs.writeFileSync(
      path.join(dir, '.npmrc'),
      `# ${marker}\nfund=false\n//npm.registry.invalid/:_authToken=5f2b1c9e-8d4a-4e7b-9c3d-2a1b0c9d8e7f\n`,
    );
    const original = `FROM ${NODE_IMAGE}\nWORKDIR /app\nCOPY .npmrc package.json package-lock.json ./\nRUN npm ci && rm .npmrc\nCOPY index.js ./\nCMD ["node", "index.js"]\n`;
    fs.writeFileSync(path.join(dir, 'Dockerfile'), original);
    buildImage(dir, `layerlens-secret-file/${RUN_ID}:before`);
    assert.ok(leaks(`layerlens-secret-file/${RUN_ID}:before`, marker), 'before the fix the .npmrc is in a layer, rm or not');

    // Off by default (docs/precision.md): turned on as a user would, with the context read from disk as the CLI does.
    const context = readBuildContext(path.join(dir, 'Dockerfile'), dir, nodeIO);
    assert.ok(context, 'the build context is read');
    const { listing } = context;
    const { model, findings } = analyze(original, { dockerignore: null, context: listing, severities: { SecretFileCopied: 'warning' } });
    const fix = findings.find((f) => f.rule === 'SecretFileCopied')?.fix;
    assert.ok(fix, 'SecretFileCopied offers its fix');
    fs.writeFileSync(path.join(dir, 'Dockerfile'), applyEdits(model, fix.edits));
    assert.deepEqual(fix.contextLines, [{ file: '.dockerignore', line: '.npmrc' }]);
    fs.writeFileSync(path.join(dir, '.dockerignore'), '.npmrc\n');
    buildImage(dir, `layerlens-secret-file/${RUN_ID}:after`, ['--secret', `id=npmrc,src=${path.join(dir, '.npmrc')}`]);
    assert.equal(output(`layerlens-secret-file/${RUN_ID}:after`), '..built by layerlens\n', 'npm ci installed the dependency');
    assert.ok(!leaks(`layerlens-secret-file/${RUN_ID}:after`, marker), 'after the fix the .npmrc is in no layer and no history entry');
    payoff.push({
      refactor: 'Add secret mount (copied .npmrc)',
      measure: 'the credential in the image',
      before: 'in a layer',
      after: 'in no layer, no history entry',
    });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('convert to multi-stage (Node): typescript and the npm cache stay in the build stage, the program runs, the image shrinks', (t) => {
    if (!requireNodeImage(t)) return;
    // The conversion recognises Node by the official image's name; here that name points at the local Node base.
    // A version no registry publishes, so that no real image is replaced; its slim tag is written as node writes it.
    const official = `node:20.layerlens${RUN_ID}`;
    const slim = `${official}-slim`;
    for (const tag of [official, slim]) {
      assert.equal(docker(['tag', NODE_IMAGE, tag]).status, 0);
      tags.push(tag);
    }
    const dir = project('node-ts-app');
    // The -slim variant of the tag is the second local name of the same base: the saving is the build's alone.
    const sizes = convertAndBuild(
      'node',
      dir,
      `FROM ${official}\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\nCMD ["node", "dist/main.js"]\n`,
      {
        toolchain: 'node',
        finalStage: `RUN npm prune --omit=dev\n\nFROM ${slim}\nWORKDIR /app\nCOPY --from=build /app /app\n`,
        prints: '..converted by layerlens\n',
      },
    );
    assert.ok(sizes.after < sizes.before, `smaller: ${sizes.after} after, ${sizes.before} before`);
    recordSize('Node, TypeScript', 'same base for both stages here', sizes);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('convert to multi-stage (Python, poetry): poetry stays in the build stage, the venv and its entry point run on the slim image', (t) => {
    if (!requireNodeImage(t)) return;
    // python:3.11 and python:3.11-slim stand-ins from Debian's packages: the full one has poetry, the slim one only Python.
    const official = `python:3.11.layerlens${RUN_ID}`;
    const slim = `${official}-slim`;
    standIn(official, 'python3 python3-venv python-is-python3 python3-poetry');
    standIn(slim, 'python3 python3-venv python-is-python3');
    const dir = project('poetry-app');
    // `poetry install` without --no-root installs the project too: its `greet` script lands in the environment.
    const sizes = convertAndBuild(
      'python',
      dir,
      `FROM ${official}\nWORKDIR /app\nCOPY . .\nRUN poetry install --only main\nCMD ["python", "-m", "greet"]\n`,
      {
        toolchain: 'python',
        prints: 'greeted by layerlens\n',
        finalStage: `FROM ${slim}\nWORKDIR /app\nENV VIRTUAL_ENV=/opt/venv PATH="/opt/venv/bin:$PATH"\nCOPY --from=build /opt/venv /opt/venv\nCOPY --from=build /app /app\n`,
      },
    );
    const entryPoint = docker(['run', '--rm', sizes.afterTag, 'greet']);
    assert.equal(entryPoint.stdout, 'greeted by layerlens\n', `the venv's entry point is on PATH: ${entryPoint.stderr.toString()}`);
    const poetryIn = (tag: string) => docker(['run', '--rm', tag, 'sh', '-c', 'command -v poetry']).status === 0;
    assert.ok(poetryIn(sizes.beforeTag) && !poetryIn(sizes.afterTag), 'poetry is left in the build stage');
    assert.ok(sizes.after < sizes.before, `smaller: ${sizes.after} after, ${sizes.before} before`);
    recordSize('Python, poetry', 'Debian-packaged Python stand-ins', sizes);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('convert to multi-stage (Python, pip, a non-root user): the final stage creates the user again, who owns the app and runs it from the venv', (t) => {
    if (!requireNodeImage(t)) return;
    // The official python image's pip installs system-wide; Debian's needs its externally-managed marker removed for that.
    const official = `python:3.11.pip${RUN_ID}`;
    const slim = `${official}-slim`;
    // The local Debian base is minimal; the official images have `passwd` (useradd, groupadd).
    standIn(official, 'python3 python3-venv python3-pip python-is-python3 passwd', 'rm -f /usr/lib/python3*/EXTERNALLY-MANAGED');
    standIn(slim, 'python3 python3-venv python-is-python3 passwd');
    const dir = project({
      'requirements.txt': '# the standard library is enough here; the registry is out of reach\n',
      'app.py': 'import getpass, os, sys\nprint("run by", getpass.getuser(), "owning app.py:", os.stat("app.py").st_uid == os.getuid())\n',
    });
    const sizes = convertAndBuild(
      'python-user',
      dir,
      `FROM ${official}\nRUN groupadd -r app && useradd -r -g app -d /app app\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY --chown=app:app . .\nUSER app\nCMD ["python", "app.py"]\n`,
      {
        toolchain: 'python',
        prints: 'run by app owning app.py: True\n',
        finalStage: `FROM ${slim}\nRUN groupadd -r app && useradd -r -g app -d /app app\nWORKDIR /app\nENV VIRTUAL_ENV=/opt/venv PATH="/opt/venv/bin:$PATH"\nCOPY --from=build /opt/venv /opt/venv\nCOPY --chown=app:app . .\nUSER app\n`,
      },
    );
    const python = docker(['run', '--rm', sizes.afterTag, 'sh', '-c', 'command -v python']);
    assert.equal(python.stdout, '/opt/venv/bin/python\n', `the venv's python runs the app: ${python.stderr.toString()}`);
    assert.ok(sizes.after < sizes.before, `smaller: ${sizes.after} after, ${sizes.before} before`);
    recordSize('Python, pip, non-root user', 'Debian-packaged Python stand-ins', sizes);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('convert to multi-stage (Go): a static binary that runs on an image with no libc, the Go toolchain left behind', (t) => {
    if (!requireNodeImage(t)) return;
    const golang = `golang:1.19-layerlens-${RUN_ID}`;
    // gcc too, as in the official image: without CGO_ENABLED=0 the binary would link glibc dynamically.
    standIn(golang, 'golang-go gcc libc6-dev ca-certificates');
    // distroless/static cannot be pulled here; busybox is as bare (no glibc), so only a static binary runs on it.
    const distroless = 'gcr.io/distroless/static-debian12';
    assert.equal(docker(['tag', BASE_IMAGE, distroless]).status, 0);
    tags.push(distroless);
    const dir = project({
      'go.mod': 'module example.com/hello\n\ngo 1.19\n',
      'main.go':
        'package main\n\nimport (\n\t"fmt"\n\t"os/user"\n)\n\nfunc main() {\n\t_, _ = user.Current()\n\tfmt.Println("built by go")\n}\n',
    });
    const sizes = convertAndBuild('go', dir, `FROM ${golang}\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/hello .\nCMD ["/out/hello"]\n`, {
      toolchain: 'go',
      prints: 'built by go\n',
      finalStage: `ENV CGO_ENABLED=0\nRUN go build -o /out/hello .\n\nFROM ${distroless}\nCOPY --from=build /out/hello /out/hello\nCMD ["/out/hello"]\n`,
    });
    assert.ok(sizes.after * 20 < sizes.before, `far smaller: ${sizes.after} after, ${sizes.before} before`);
    recordSize('Go', 'Debian-packaged Go stand-in; busybox for distroless', sizes);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('convert to multi-stage (Rust): the release binary on a Debian image without the Rust toolchain', (t) => {
    if (!requireNodeImage(t)) return;
    const rust = `rust:1.63-layerlens-${RUN_ID}`;
    standIn(rust, 'cargo rustc libc6-dev');
    // The conversion's final base; here the local Debian base stands in for it.
    const slim = 'debian:bookworm-slim';
    assert.equal(docker(['tag', NODE_IMAGE, slim]).status, 0);
    tags.push(slim);
    const dir = project({
      'Cargo.toml': '[package]\nname = "hello"\nversion = "0.1.0"\nedition = "2021"\n',
      'src/main.rs': 'fn main() {\n    println!("built by cargo");\n}\n',
    });
    const sizes = convertAndBuild(
      'rust',
      dir,
      `FROM ${rust}\nWORKDIR /usr/src/hello\nCOPY . .\nRUN cargo build --release\nCMD ["./target/release/hello"]\n`,
      {
        toolchain: 'rust',
        prints: 'built by cargo\n',
        finalStage: `FROM ${slim}\nWORKDIR /usr/src/hello\nCOPY --from=build /usr/src/hello/target/release/hello /usr/src/hello/target/release/hello\n`,
      },
    );
    assert.ok(sizes.after < sizes.before, `smaller: ${sizes.after} after, ${sizes.before} before`);
    recordSize('Rust', 'Debian-packaged Rust stand-in', sizes);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('convert to multi-stage (Java, Maven): the jar runs on a JRE image, the JDK and Maven left behind', (t) => {
    if (!requireNodeImage(t)) return;
    // The tag names the JDK the JRE must match (maven:3.9-eclipse-temurin-17 does in the official images).
    const maven = `maven:3.8-eclipse-temurin-17-layerlens-${RUN_ID}`;
    // Maven Central cannot be reached here: Debian packages Maven with the plugins of its default lifecycle.
    standIn(
      maven,
      'maven openjdk-17-jdk-headless libmaven-compiler-plugin-java libmaven-jar-plugin-java libmaven-resources-plugin-java libsurefire-java',
    );
    const jre = 'eclipse-temurin:17-jre';
    standIn(jre, 'openjdk-17-jre-headless');
    const dir = project({
      'pom.xml':
        [
          '<project xmlns="http://maven.apache.org/POM/4.0.0">',
          '  <modelVersion>4.0.0</modelVersion>',
          '  <groupId>example</groupId>',
          '  <artifactId>hello</artifactId>',
          '  <version>1.0</version>',
          '  <properties>',
          '    <maven.compiler.source>17</maven.compiler.source>',
          '    <maven.compiler.target>17</maven.compiler.target>',
          '    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>',
          '  </properties>',
          '  <build>',
          '    <finalName>hello</finalName>',
          '    <plugins>',
          '      <plugin>',
          '        <artifactId>maven-jar-plugin</artifactId>',
          '        <configuration><archive><manifest><mainClass>hello.Main</mainClass></manifest></archive></configuration>',
          '      </plugin>',
          '    </plugins>',
          '  </build>',
          '</project>',
        ].join('\n') + '\n',
      'src/main/java/hello/Main.java':
        'package hello;\n\npublic class Main {\n  public static void main(String[] args) {\n    System.out.println("built by maven");\n  }\n}\n',
    });
    const build = 'RUN mvn -B -o -q -Dmaven.repo.local=/usr/share/maven-repo package';
    const sizes = convertAndBuild(
      'java',
      dir,
      `FROM ${maven}\nWORKDIR /build\nCOPY pom.xml .\nCOPY src ./src\n${build}\nCMD ["java", "-jar", "target/hello.jar"]\n`,
      {
        toolchain: 'java',
        prints: 'built by maven\n',
        finalStage: `${build}\n\nFROM ${jre}\nWORKDIR /build\nCOPY --from=build /build/target /build/target\nCMD ["java", "-jar", "target/hello.jar"]\n`,
      },
    );
    const javac = docker(['run', '--rm', sizes.afterTag, 'sh', '-c', 'command -v javac mvn || echo none']);
    assert.equal(javac.stdout, 'none\n', 'neither the compiler nor Maven ships');
    assert.ok(sizes.after < sizes.before, `smaller: ${sizes.after} after, ${sizes.before} before`);
    recordSize('Java, Maven', 'Debian-packaged JDK, Maven and JRE stand-ins', sizes);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('convert to multi-stage (generic): the SDK stays in the build stage, the program runs, the image shrinks', (t) => {
    if (!requireDocker(t)) return;
    const dir = project({ 'hello.sh.in': '#!/bin/sh\necho "hello from @NAME@"\n' });
    const dockerfile =
      [
        `FROM ${BASE_IMAGE}`,
        'WORKDIR /src',
        'COPY hello.sh.in .',
        '# The SDK is only needed to build; the program is a small script.',
        'RUN mkdir -p /opt/sdk /usr/local/bin && dd if=/dev/zero of=/opt/sdk/toolchain.bin bs=1048576 count=16 \\',
        '    && tar -cf /opt/sdk/sdk.tar /opt/sdk/toolchain.bin \\',
        "    && sed 's/@NAME@/layerlens/' hello.sh.in > /usr/local/bin/hello && chmod +x /usr/local/bin/hello",
        'CMD ["/usr/local/bin/hello"]',
      ].join('\n') + '\n';
    const sizes = convertAndBuild('generic', dir, dockerfile, {
      toolchain: 'generic',
      finalStage: 'COPY --from=build /usr/local/bin/hello /usr/local/bin/hello\n',
      prints: 'hello from layerlens\n',
    });
    assert.ok(sizes.after * 4 < sizes.before, `much smaller: ${sizes.after} after, ${sizes.before} before`);
    recordSize('generic', 'busybox', sizes);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
