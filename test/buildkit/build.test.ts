import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { BuildProgress } from '../../common/buildProgress';
import { commandLine, planBuild } from '../../common/buildPlan';
import type { BuildOptions } from '../../common/buildPlan';
import {
  analyze,
  applyEdits,
  buildInputs,
  describeLayer,
  describeResult,
  layerSizes,
  parseDockerfile,
  stepLines,
} from '../../server/src/engine';
import { imageHistoryArgs, readImageHistory } from '../../common/imageHistory';
import {
  BASE_IMAGE,
  CLASSIC_CLIENT,
  DOCKER,
  containerdStoreEnv,
  docker,
  daemonAnswers,
  dockerEnv as env,
  requireContainerdStore,
  requireDocker as available,
} from '../support/docker';
import { repoRoot, requireHost } from '../support/env';

const RUN_ID = randomBytes(4).toString('hex');
const created: string[] = [];

/** Copies a fixture into a folder whose name needs quoting, so that the quoting is exercised too. */
function fixture(name: string): string {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'layerlens-bk-')), `ctx with space's & $dollar`);
  fs.cpSync(path.join(repoRoot, 'test', 'buildkit', 'fixtures', name), dir, { recursive: true });
  return dir;
}

/** Runs the planned build through /bin/sh exactly as a terminal or `layerlens build --script` would, with plain progress. */
function build(
  options: Omit<BuildOptions, 'docker' | 'engine' | 'image'> & { tag: string; docker?: string; engine?: BuildOptions['engine'] },
  extraEnv: Record<string, string> = {},
) {
  const inputs = buildInputs(parseDockerfile(fs.readFileSync(options.dockerfile, 'utf8')));
  const [planned] = planBuild(inputs, { docker: DOCKER, engine: 'docker', image: options.tag, ...options });
  const line = commandLine(planned);
  // Values of build arguments named like secrets are not on the line: docker reads them from the environment.
  const result = spawnSync('/bin/sh', ['-c', line], {
    env: { ...env, ...planned.hiddenEnv, BUILDKIT_PROGRESS: 'plain', ...extraEnv },
    encoding: 'utf8',
    cwd: os.tmpdir(),
  });
  created.push(options.tag);
  return { line, status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** True when `value` occurs anywhere in the saved image (layers, config, history) or its history listing. */
function leaks(tag: string, value: string): boolean {
  const saved = spawnSync(DOCKER, ['save', tag], { env, maxBuffer: 1024 * 1024 * 1024 });
  assert.equal(saved.status, 0, String(saved.stderr));
  const history = docker(['history', '--no-trunc', '--format', '{{.CreatedBy}}', tag]).stdout as string;
  return saved.stdout.includes(Buffer.from(value)) || history.includes(value);
}

/** The BuildKit step number of the first step whose title contains `title`, and whether it was CACHED. */
function stepCached(output: string, title: string): boolean {
  const step = output.split('\n').find((l) => /^#\d+ \[/.test(l) && l.includes(title));
  assert.ok(step, `a step titled ${title} in:\n${output}`);
  const id = step.split(' ')[0];
  return output.split('\n').some((l) => l.trim() === `${id} CACHED`);
}

after(() => {
  if (created.length > 0 && daemonAnswers()) docker(['rmi', '--force', ...new Set(created)]);
});

describe('BuildKit tier: real builds with the commands the extension composes', () => {
  test('a plain build of a fixture whose path needs quoting produces the image', (t) => {
    if (!available(t)) return;
    const context = fixture('plain');
    const tag = `layerlens-test/plain:${RUN_ID}`;
    const result = build({ dockerfile: path.join(context, 'Dockerfile'), context, tag });
    assert.equal(result.status, 0, `${result.line}\n${result.output}`);
    assert.match(result.line, /'[^']*ctx with space'\\''s & \$dollar\/Dockerfile'/, 'the path was quoted');
    assert.equal(docker(['image', 'inspect', tag]).status, 0, 'the image exists');
    assert.equal(docker(['run', '--rm', tag, 'cat', '/copied']).stdout, 'hello from the context\n');
  });

  test("both engines the plan knows build on Docker 28: buildx, and the classic DOCKER_BUILDKIT=1 docker build of a client without buildx (Debian 12's 20.10)", (t) => {
    if (
      !available(t) ||
      !requireHost(t, fs.existsSync(CLASSIC_CLIENT), `Docker 20.10's client at ${CLASSIC_CLIENT} (apt-get install docker.io)`)
    )
      return;
    const context = fixture('plain');
    for (const [engine, client] of [
      ['buildx', DOCKER],
      ['docker', CLASSIC_CLIENT],
    ] as const) {
      const tag = `layerlens-test/engine-${engine}:${RUN_ID}`;
      const result = build({ dockerfile: path.join(context, 'Dockerfile'), context, tag, engine, docker: client });
      assert.equal(result.status, 0, `${result.line}\n${result.output}`);
      assert.match(result.line, engine === 'buildx' ? / buildx build / : /^DOCKER_BUILDKIT=1 /);
      assert.equal(docker(['run', '--rm', tag, 'cat', '/copied']).stdout, 'hello from the context\n');
    }
  });

  test('NotUtf8Text says what BuildKit does: an instruction holding bytes that are not UTF-8 is refused, and a UTF-16 file cannot be built', (t) => {
    if (!available(t)) return;
    const context = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlens-bk-encoding-'));
    const latin1 = path.join(context, 'Dockerfile.latin1');
    fs.writeFileSync(latin1, Buffer.from(`FROM ${BASE_IMAGE}\nRUN printf 'caf\xe9' > /greeting\n`, 'latin1'));
    const finding = analyze(fs.readFileSync(latin1, 'utf8')).findings.find((f) => f.rule === 'NotUtf8Text');
    assert.match(finding?.message ?? '', /refuses to build an instruction that holds them \("string field contains invalid UTF-8"\)/);
    // Docker 20.10's BuildKit built this with U+FFFD in place of the Latin-1 é; v0.25 refuses it.
    const refused = build({ dockerfile: latin1, context, tag: `layerlens-test/latin1:${RUN_ID}` });
    assert.notEqual(refused.status, 0);
    assert.match(refused.output, /string field contains invalid UTF-8/, refused.output);

    const utf16 = path.join(context, 'Dockerfile.utf16');
    fs.writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`FROM ${BASE_IMAGE}\nRUN true\n`, 'utf16le')]));
    assert.match(
      analyze(fs.readFileSync(utf16, 'utf8'))
        .findings.map((f) => f.message)
        .join('\n'),
      /^This file is UTF-16 text: BuildKit reads a Dockerfile as UTF-8 and cannot build it/,
    );
    const failed = build({ dockerfile: utf16, context, tag: `layerlens-test/utf16:${RUN_ID}` });
    assert.notEqual(failed.status, 0);
    // Docker 20.10 said `line 1: unknown instruction`; Docker 28's frontend fails before it parses.
    assert.match(failed.output, /stream terminated by RST_STREAM/, failed.output);
  });

  test('JSONArgsRecommended says what BuildKit does with single-quoted JSON (the shell runs it as written, and it fails), and its fix runs; directive names are read in any case', (t) => {
    if (!available(t)) return;
    const context = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlens-bk-json-'));
    const dockerfile = path.join(context, 'Dockerfile');
    const text = `# ESCAPE=\`\nFROM ${BASE_IMAGE}\nRUN echo one \`\n  two > /out\nCMD ['cat', '/out']\n`;
    fs.writeFileSync(dockerfile, text);
    const { findings } = analyze(text);
    assert.deepEqual(
      findings.filter((f) => f.rule !== 'JSONArgsRecommended'),
      [],
      'the upper-case directive is not reported',
    );
    const [finding] = findings;
    assert.match(finding.message, /which is not JSON: it runs through \/bin\/sh -c as written/);
    const tag = `layerlens-test/single-quoted:${RUN_ID}`;
    const built = build({ dockerfile, context, tag });
    assert.equal(built.status, 0, built.output);
    assert.equal(
      docker(['run', '--rm', '--entrypoint', 'cat', tag, '/out']).stdout,
      'one two\n',
      'BuildKit read `# ESCAPE=` as the escape directive',
    );
    assert.equal(
      String(docker(['inspect', '--format', '{{json .Config.Cmd}}', tag]).stdout).trim(),
      JSON.stringify(['/bin/sh', '-c', "['cat', '/out']"]),
    );
    const failed = spawnSync(DOCKER, ['run', '--rm', tag], { env, encoding: 'utf8' });
    assert.equal(failed.status, 127, failed.stderr);
    assert.match(failed.stderr, /\[cat,: not found/);

    fs.writeFileSync(dockerfile, applyEdits(parseDockerfile(text), finding.fix?.edits ?? []));
    const fixed = build({ dockerfile, context, tag: `layerlens-test/double-quoted:${RUN_ID}` });
    assert.equal(fixed.status, 0, fixed.output);
    assert.equal(docker(['run', '--rm', `layerlens-test/double-quoted:${RUN_ID}`]).stdout, 'one two\n');
  });

  test('NoEmptyContinuation says what BuildKit does: an instruction after the gap is read as more arguments, and the safe fix builds the same', (t) => {
    if (!available(t)) return;
    const context = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlens-bk-gap-'));
    const dockerfile = path.join(context, 'Dockerfile');
    const text = `FROM ${BASE_IMAGE}\nRUN echo one > /out \\\n\n# why\nENV X=1\nRUN echo "[$X]" >> /out\n`;
    fs.writeFileSync(dockerfile, text);
    const [finding, ...others] = analyze(text).findings;
    assert.deepEqual(others, []);
    assert.equal(
      finding?.message,
      'Empty continuation line: the RUN on line 2 goes on past it, so line 5 (ENV …) is part of that RUN, not an instruction of its own',
    );
    const out = (tag: string) => {
      const built = build({ dockerfile, context, tag });
      assert.equal(built.status, 0, built.output);
      return docker(['run', '--rm', '--entrypoint', 'cat', tag, '/out']).stdout;
    };
    assert.equal(out(`layerlens-test/gap:${RUN_ID}`), 'one ENV X=1\n[]\n', 'the ENV line went to echo, and X is not set');
    fs.writeFileSync(dockerfile, applyEdits(parseDockerfile(text), finding?.fix?.edits ?? []));
    assert.equal(out(`layerlens-test/gap-fixed:${RUN_ID}`), 'one ENV X=1\n[]\n', 'the safe fix builds the same');
  });

  test("InvalidSyntax's fixes: each Dockerfile BuildKit rejects builds once the fix is applied", (t) => {
    if (!available(t)) return;
    const context = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlens-bk-syntax-'));
    fs.writeFileSync(path.join(context, 'a'), 'a\n');
    const cases = [
      `FROM ${BASE_IMAGE} AZ deps\nRUN true\n`,
      `FROM ${BASE_IMAGE} AS deps\nFROM ${BASE_IMAGE}\nCOPY --form=deps /bin/true /copied\n`,
      `FROM ${BASE_IMAGE}\nHEALTHCHECK --intervall=5s CMD true\n`,
      `FROM ${BASE_IMAGE}\nSTOPSIGNAL SIGTERM now\n`,
      `# escape=x\nFROM ${BASE_IMAGE}\nRUN true\n`,
    ];
    for (const [index, text] of cases.entries()) {
      const dockerfile = path.join(context, `Dockerfile.${index}`);
      fs.writeFileSync(dockerfile, text);
      const rejected = build({ dockerfile, context, tag: `layerlens-test/syntax-${index}:${RUN_ID}` });
      assert.notEqual(rejected.status, 0, `BuildKit rejects:\n${text}`);
      const fixes = analyze(text)
        .findings.filter((f) => f.rule === 'InvalidSyntax')
        .map((f) => f.fix);
      assert.ok(fixes.length === 1 && fixes[0], `one InvalidSyntax finding with a fix:\n${text}`);
      fs.writeFileSync(dockerfile, applyEdits(parseDockerfile(text), fixes[0].edits));
      const fixed = build({ dockerfile, context, tag: `layerlens-test/syntax-${index}:${RUN_ID}` });
      assert.equal(fixed.status, 0, `${fs.readFileSync(dockerfile, 'utf8')}\n${fixed.output}`);
    }
  });

  test('"Add secret mount": the fixed Dockerfile builds with --secret, the value is in no layer, and a changed secret keeps the step CACHED', (t) => {
    if (!available(t)) return;
    const context = fixture('secret');
    const dockerfile = path.join(context, 'Dockerfile');
    const original = fs.readFileSync(dockerfile, 'utf8');

    // The leak the rule is about, shown on the unfixed file: the build arg value is in the image.
    const leakedValue = `leaked-${randomBytes(8).toString('hex')}`;
    const unfixedTag = `layerlens-test/secret-unfixed:${RUN_ID}`;
    const unfixed = build({ dockerfile, context, tag: unfixedTag, buildArgs: { API_TOKEN: leakedValue } });
    assert.equal(unfixed.status, 0, unfixed.output);
    assert.ok(!unfixed.line.includes(leakedValue), 'the value of a build argument named like a secret is not on the command line');
    assert.ok(leaks(unfixedTag, leakedValue), 'the build arg value is recorded in the unfixed image (the check below can see a leak)');

    const { model, findings } = analyze(original);
    const finding = findings.find((f) => f.rule === 'SecretsUsedInArgOrEnv');
    assert.ok(finding?.fix, 'the rule fires with a fix');
    assert.equal(finding.fix.safety, 'unsafe');
    const fixed = applyEdits(model, finding.fix.edits);
    assert.doesNotMatch(fixed, /ARG API_TOKEN/);
    fs.writeFileSync(dockerfile, fixed);

    const secretDir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlens-secret-'));
    const secretFile = path.join(secretDir, 'api token.txt');
    const firstValue = `s3cr3t-${randomBytes(12).toString('hex')}`;
    fs.writeFileSync(secretFile, firstValue);
    const tag = `layerlens-test/secret:${RUN_ID}`;
    const first = build({ dockerfile, context, tag, secrets: { api_token: { src: secretFile } } });
    assert.equal(first.status, 0, `${first.line}\n${first.output}`);
    assert.match(first.line, /--secret 'id=api_token,src=[^']*api token\.txt'/);
    assert.ok(!first.line.includes(firstValue), 'the secret value is never on the command line');
    assert.equal(
      docker(['run', '--rm', tag, 'cat', '/token-info']).stdout,
      `token has ${firstValue.length} bytes\n`,
      'the RUN read the secret',
    );
    assert.ok(!leaks(tag, firstValue), 'the secret value is in no layer, config or history');

    fs.writeFileSync(secretFile, `rotated-${randomBytes(20).toString('hex')}`);
    const second = build({ dockerfile, context, tag, secrets: { api_token: { src: secretFile } } });
    assert.equal(second.status, 0, second.output);
    assert.ok(
      stepCached(second.output, 'RUN --mount=type=secret'),
      `the secret step is CACHED after the secret changed:\n${second.output}`,
    );
  });

  test('live results on the containerd image store: each line as the editor shows it after a rebuild, a linked copy as merged, and a failing step on its line', (t) => {
    if (!requireContainerdStore(t)) return;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlens-c8d-lines-'));
    fs.writeFileSync(
      path.join(dir, 'Dockerfile'),
      `FROM ${BASE_IMAGE}\nCOPY dep.txt /dep.txt\nCOPY --link app.txt /app/app.txt\nRUN cat /dep.txt /app/app.txt > /out\n`,
    );
    // Contents never built before on this daemon, so that no earlier run's cache answers for them.
    fs.writeFileSync(path.join(dir, 'dep.txt'), `dep 1 ${RUN_ID}\n`);
    fs.writeFileSync(path.join(dir, 'app.txt'), `app ${RUN_ID}\n`);
    fs.writeFileSync(path.join(dir, '.dockerignore'), 'Dockerfile\n');
    const tag = `layerlens-test/c8d-lines:${RUN_ID}`;
    // The editor's command for this daemon (buildx's docker driver on the containerd store), with the
    // host's network: the test daemon has no bridge of its own (test/hosts/modern-docker.sh).
    const lines = (dockerfile: string) => {
      const [planned] = planBuild(buildInputs(parseDockerfile(fs.readFileSync(dockerfile, 'utf8'))), {
        docker: DOCKER,
        engine: 'buildx',
        driver: 'docker',
        imageStore: 'containerd',
        image: tag,
        dockerfile,
        context: dir,
        progress: 'plain',
      });
      const [program, ...args] = planned.argv;
      const at = args.indexOf('build') + 1;
      const result = spawnSync(program, [...args.slice(0, at), '--network=host', ...args.slice(at)], {
        env: containerdStoreEnv,
        encoding: 'utf8',
      });
      const progress = new BuildProgress();
      progress.push(`${result.stdout}${result.stderr}`);
      progress.end();
      return {
        status: result.status,
        rows: stepLines(parseDockerfile(fs.readFileSync(dockerfile, 'utf8')), progress.steps).map(
          (r) => `${r.line + 1}: ${describeResult(r).replace(/\d+\.\d s/, 'N s')}`,
        ),
      };
    };
    try {
      assert.equal(lines(path.join(dir, 'Dockerfile')).status, 0);
      fs.writeFileSync(path.join(dir, 'dep.txt'), `dep 2 ${RUN_ID}\n`);
      const rebuilt = lines(path.join(dir, 'Dockerfile'));
      assert.equal(rebuilt.status, 0);
      // The FROM line is left out: BuildKit prints it CACHED or DONE by whether it resolved the image again.
      assert.deepEqual(rebuilt.rows.slice(1), ['2: re-ran (N s)', '3: merged onto the layers below (N s)', '4: re-ran (N s)']);
      assert.equal(
        docker(['run', '--rm', '--network=host', tag, 'cat', '/out'], { env: containerdStoreEnv }).stdout,
        `dep 2 ${RUN_ID}\napp ${RUN_ID}\n`,
        'the merged copy is in the image',
      );

      fs.writeFileSync(
        path.join(dir, 'Dockerfile.fail'),
        `FROM ${BASE_IMAGE}\nCOPY dep.txt /dep.txt\nRUN echo about to fail ${RUN_ID} && false\n`,
      );
      const failed = lines(path.join(dir, 'Dockerfile.fail'));
      assert.notEqual(failed.status, 0);
      assert.deepEqual(failed.rows.slice(1), [
        '2: cached',
        `3: failed: process "/bin/sh -c echo about to fail ${RUN_ID} && false" did not complete successfully: exit code: 1`,
      ]);
    } finally {
      docker(['rmi', '--force', tag], { env: containerdStoreEnv });
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("layer sizes on lines: the built image's history maps to each instruction of the target and of the stage it is built FROM, the base on the first FROM, a deleting step pointed out", (t) => {
    if (!available(t)) return;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlens-layers-'));
    // Every instruction BuildKit records, ONBUILD (which it does not) among them, over two stages.
    const text =
      [
        `ARG BASE=${BASE_IMAGE}`,
        'FROM ${BASE} AS build',
        // A continuation line, as most real RUNs have: the row holds the command joined.
        `RUN head -c 300000 /dev/urandom > /big \\`,
        `    && echo ${RUN_ID}`,
        'FROM build AS final',
        'ARG X=2',
        'ENV A=1',
        'LABEL l=v',
        'WORKDIR /app',
        'SHELL ["/bin/sh", "-c"]',
        'COPY dep.txt /dep.txt',
        'RUN head -c 2000000 /dev/urandom > /blob',
        'RUN rm /blob',
        'EXPOSE 80',
        'USER root',
        'VOLUME /data',
        'STOPSIGNAL SIGTERM',
        'HEALTHCHECK CMD true',
        'ONBUILD RUN true',
        'ENTRYPOINT ["sh"]',
        'CMD ["-c", "true"]',
      ].join('\n') + '\n';
    fs.writeFileSync(path.join(dir, 'Dockerfile'), text);
    fs.writeFileSync(path.join(dir, 'dep.txt'), `${RUN_ID}\n`);
    const tag = `layerlens-test/layers:${RUN_ID}`;
    created.push(tag);
    try {
      const built = docker(['build', '--progress=plain', '--target', 'final', '--tag', tag, dir]);
      assert.equal(built.status, 0, String(built.stderr));
      const rows = readImageHistory(docker(imageHistoryArgs(tag)).stdout as string);
      const image = layerSizes(parseDockerfile(text), rows, 'final');
      const sized = new Map(image.layers.map((l) => [l.line + 1, l]));
      // Every instruction of both stages but ONBUILD has its row, on its own line.
      assert.deepEqual([...sized.keys()], [3, ...Array.from({ length: 16 }, (_, i) => i + 6).filter((line) => line !== 19)]);
      assert.ok(sized.get(3)!.bytes >= 300_000 && sized.get(3)!.bytes < 400_000, `the build stage's RUN: ${sized.get(3)!.bytes}`);
      assert.ok(sized.get(12)!.bytes >= 2_000_000 && sized.get(12)!.bytes < 2_100_000, `the blob: ${sized.get(12)!.bytes}`);
      assert.equal(sized.get(11)!.bytes, RUN_ID.length + 1);
      for (const line of [6, 7, 8, 9, 10, 14, 15, 16, 17, 18, 20, 21])
        assert.equal(sized.get(line)!.bytes, 0, `line ${line} changes only the configuration`);
      assert.equal(
        describeLayer(sized.get(13)!),
        '+0 B: deleting here does not shrink the image; the files stay in the layer that added them',
      );
      assert.equal(sized.get(12)!.deletesOnly, undefined);
      assert.equal(image.base?.line, 1, "the base image is on the first stage's FROM");
      const inspected = Number(docker(['image', 'inspect', '--format', '{{.Size}}', tag]).stdout);
      assert.equal(image.base.bytes + image.layers.reduce((sum, l) => sum + l.bytes, 0), image.totalBytes);
      // docker's Size counts the unpacked layers, the history the same: they agree within what a whiteout adds.
      assert.ok(Math.abs(inspected - image.totalBytes) < 4096, `image ${inspected} against the history's ${image.totalBytes}`);

      // Edited since the build: the mapping stops where the file no longer matches, nothing lands on a wrong line.
      const edited = text.replace('RUN rm /blob', 'RUN rm /blob\nRUN true');
      const stale = layerSizes(parseDockerfile(edited), rows, 'final');
      assert.ok(
        stale.layers.length > 0 && stale.layers.every((l) => l.line + 1 > 14),
        `only the lines after the insertion keep a size: ${JSON.stringify(stale.layers)}`,
      );
      assert.equal(stale.base, undefined);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('InvalidMountOption on /: every mount it reports there BuildKit refuses, and the ones it leaves alone build', (t) => {
    if (!available(t)) return;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlens-mount-root-'));
    const refused = [
      'RUN --mount=type=cache,target=/ true',
      'WORKDIR /\nRUN --mount=type=cache true',
      'WORKDIR /\nRUN --mount=type=tmpfs true',
      'WORKDIR /app\nRUN --mount=type=bind,target=.. true',
      'RUN --mount=type=secret,id=x,target=/ true',
    ];
    const built = [
      'WORKDIR /app\nRUN --mount=type=cache true',
      'RUN --mount=type=secret,id=x,env=X true',
      'WORKDIR /app\nRUN --mount=type=bind,target=. true',
    ];
    try {
      for (const [body, ok] of [...refused.map((b) => [b, false] as const), ...built.map((b) => [b, true] as const)]) {
        const text = `FROM ${BASE_IMAGE}\n${body}\n`;
        fs.writeFileSync(path.join(dir, 'Dockerfile'), text);
        const result = docker(['build', '--progress=plain', dir]);
        const reported = analyze(text).findings.filter((f) => f.rule === 'InvalidMountOption');
        if (ok) {
          assert.equal(result.status, 0, `${body}\n${String(result.stderr)}`);
          assert.deepEqual(reported, [], body);
        } else {
          assert.notEqual(result.status, 0, body);
          assert.match(String(result.stderr), /invalid mount (target "\/"|type SECRET for \/)/, body);
          assert.equal(reported.length, 1, body);
          assert.equal(reported[0].severity, 'error');
        }
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
