import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { BuildProgress } from '../../common/buildProgress';
import { planBuild } from '../../common/buildPlan';
import type { BuildInputs, PlannedCommand } from '../../common/buildPlan';
import { buildInputs, parseDockerfile } from '../../server/src/engine';
import { BASE_IMAGE, DOCKER, containerdStoreEnv, docker, dockerEnv, requireContainerdStore, requireDocker } from '../support/docker';
import { repoRoot, requireHost } from '../support/env';
import { recordPayoff } from '../support/payoff';
import { startRegistry } from '../support/registry';

type Registry = Awaited<ReturnType<typeof startRegistry>>;

const RUN_ID = randomBytes(4).toString('hex');

/** A build stage with a slow dependency step that only a dependency change should re-run. */
const DOCKERFILE =
  [
    `FROM ${BASE_IMAGE} AS build`,
    'COPY deps.txt /deps.txt',
    'RUN sleep 3 && cat /deps.txt > /deps-installed',
    'COPY src.txt /src.txt',
    'RUN cat /deps-installed /src.txt > /app',
    `FROM ${BASE_IMAGE}`,
    'COPY --from=build /app /app',
    'CMD ["cat", "/app"]',
  ].join('\n') + '\n';

/**
 * A project as users have them, for the payoff on a fresh runner: a small Express service in
 * TypeScript with the dependencies such services have (316 packages: the compiler, types, a linter,
 * a formatter, a test runner), compiled in a build stage; only the output and the production
 * dependencies are shipped.
 */
const NODE_IMAGE = 'local/debian-node:bookworm';
const NODE_DOCKERFILE =
  [
    `FROM ${NODE_IMAGE} AS build`,
    'WORKDIR /app',
    'COPY package.json package-lock.json ./',
    'RUN npm ci',
    'COPY tsconfig.json ./',
    'COPY src ./src',
    'RUN npm run build',
    `FROM ${NODE_IMAGE}`,
    'WORKDIR /app',
    'COPY package.json package-lock.json ./',
    'RUN npm ci --omit=dev',
    'COPY --from=build /app/dist ./dist',
    'CMD ["node", "dist/main.js"]',
  ].join('\n') + '\n';

/**
 * The plan with `--network=host` on every build: the private daemon runs without iptables, so only
 * the host's network reaches the npm registry. Both ways of building get it alike.
 */
const onHostNetwork = (commands: PlannedCommand[]) =>
  commands.map((c) => ({
    ...c,
    argv: c.argv.includes('build')
      ? [...c.argv.slice(0, c.argv.indexOf('build') + 1), '--network=host', ...c.argv.slice(c.argv.indexOf('build') + 1)]
      : c.argv,
  }));

/** Copies the Node service into `dir` with its Dockerfile; the edit changes one source line, the version it prints. */
function nodeProject(dir: string): (label: string) => void {
  fs.cpSync(path.join(repoRoot, 'test', 'buildkit', 'fixtures', 'node-service'), dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'Dockerfile'), NODE_DOCKERFILE);
  return (label) => fs.writeFileSync(path.join(dir, 'src', 'version.ts'), `export const VERSION = '${label}';\n`);
}

/** Runs each planned command as the editor and `layerlens build` do (argv, no shell); the steps of every build. */
function runPlan(
  commands: PlannedCommand[],
  dir: string,
  env: NodeJS.ProcessEnv = dockerEnv,
): { seconds: number; steps: BuildProgress['steps'] } {
  const started = process.hrtime.bigint();
  const steps: BuildProgress['steps'] = [];
  for (const command of commands) {
    const [program, ...args] = command.argv;
    const result = spawnSync(program, args, { cwd: dir, env: { ...env, ...command.env }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const output = `${result.stdout}${result.stderr}`;
    assert.equal(result.status, 0, `${command.argv.join(' ')}\n${output}`);
    steps.push(...stepsOf(output));
  }
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, steps };
}

/** What a new CI runner has: no build cache and no local images, only the registry. */
function freshRunner(images: string[], env: NodeJS.ProcessEnv = dockerEnv): void {
  assert.equal(docker(['rmi', '--force', ...images], { env }).status, 0);
  assert.equal(docker(['builder', 'prune', '-af'], { env }).status, 0);
}

const dependencyStep = (steps: BuildProgress['steps']) => steps.filter((s) => s.title.startsWith('RUN sleep 3'));

/** `layerlens build` from dist/cli.js, as a pipeline runs it, on the private daemon. */
const cli = (dir: string, args: string[]) =>
  spawnSync(process.execPath, [path.join(repoRoot, 'dist', 'cli.js'), 'build', ...args], { cwd: dir, encoding: 'utf8', env: dockerEnv });

function stepsOf(output: string): BuildProgress['steps'] {
  const progress = new BuildProgress();
  progress.push(output);
  progress.end();
  return progress.steps;
}

/** A local registry and a scratch project folder for one scenario, both removed after it. */
async function withRegistry(prefix: string, scenario: (registry: Registry, dir: string) => Promise<void> | void): Promise<void> {
  const registry = await startRegistry();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  try {
    await scenario(registry, dir);
  } finally {
    registry.process.kill();
    fs.rmSync(registry.dir, { recursive: true, force: true });
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** README's payoff row for a fresh runner's rebuild: the naive inline cache re-ran `step`, Layerlens' plan kept it cached. */
function recordFreshRunner(
  scenario: string,
  step: string,
  naiveSeconds: number,
  stagedSeconds: number,
  how = 'build stage pushed too',
): void {
  recordPayoff([
    {
      refactor: `Build with Registry Cache (${scenario}, fresh CI runner)`,
      measure: 'rebuild after a one-line source edit, on a runner with only the registry',
      before: `naive inline cache: ${step} re-ran, ${naiveSeconds.toFixed(1)} s`,
      after: `${how}: ${step} cached, ${stagedSeconds.toFixed(1)} s`,
      judged: { target: 'freshRunner', before: naiveSeconds, after: stagedSeconds },
    },
  ]);
}

describe('Build with Registry Cache against a real BuildKit and a local registry', () => {
  test('layerlens build --registry-cache --push: both tags are pushed, and on a fresh runner after a source edit the dependency step is CACHED where the naive inline cache re-runs it', async (t) => {
    if (!requireDocker(t)) return;
    await withRegistry('layerlens-registry-cache-', async (registry, dir) => {
      fs.writeFileSync(path.join(dir, 'Dockerfile'), DOCKERFILE);
      fs.writeFileSync(path.join(dir, 'deps.txt'), 'left-pad@1.3.0\n');
      fs.writeFileSync(path.join(dir, 'src.txt'), 'version 1\n');
      const inputs = buildInputs(parseDockerfile(DOCKERFILE));
      assert.deepEqual(inputs.cacheStages, ['build']);
      const options = {
        docker: DOCKER,
        engine: 'docker' as const,
        dockerfile: path.join(dir, 'Dockerfile'),
        context: dir,
        cache: 'inline' as const,
        push: true,
        progress: 'plain' as const,
      };

      // The naive way: one image with its inline cache, which holds only the final stage's layers.
      const naiveImage = `${registry.address}/layerlens-naive-${RUN_ID}:latest`;
      const naiveInputs: BuildInputs = { ...inputs, cacheStages: [] };
      const naive = planBuild(naiveInputs, { ...options, image: naiveImage });
      runPlan(naive, dir);
      freshRunner([naiveImage]);
      fs.writeFileSync(path.join(dir, 'src.txt'), 'version 2\n');
      const naiveRebuild = runPlan(naive, dir);
      assert.deepEqual(
        dependencyStep(naiveRebuild.steps).map((s) => s.status),
        ['ran'],
        'the naive inline cache re-runs the dependency step',
      );

      // layerlens build --registry-cache: the build stage built, tagged and pushed as an image of its own first.
      fs.writeFileSync(path.join(dir, 'src.txt'), 'version 1\n');
      const image = `${registry.address}/layerlens-staged-${RUN_ID}`;
      const command = ['--docker', DOCKER, '--registry-cache', '--push', '--tag', image];
      const printed = cli(dir, [...command, '--print'])
        .stdout.trim()
        .split('\n');
      // On Docker 28 the CLI's `--engine auto` finds buildx, and builds with it.
      assert.deepEqual(
        printed.map((l) =>
          l
            .replace(/^DOCKER_BUILDKIT=1 /, '')
            .split(' ')
            .slice(1, 2)
            .concat(l.match(/--tag \S+|push \S+/g) ?? []),
        ),
        [
          ['buildx', `--tag ${image}:build`],
          ['buildx', `--tag ${image}:latest`],
          ['push', `push ${image}:build`],
          ['push', `push ${image}:latest`],
        ],
      );
      const first = cli(dir, command);
      assert.equal(first.status, 0, first.stderr);
      const tags = (await (await fetch(`http://${registry.address}/v2/layerlens-staged-${RUN_ID}/tags/list`)).json()) as { tags: string[] };
      assert.deepEqual(tags.tags.sort(), ['build', 'latest'], 'both tags are in the registry');
      freshRunner([`${image}:build`, `${image}:latest`]);
      fs.writeFileSync(path.join(dir, 'src.txt'), 'version 2\n');
      const started = process.hrtime.bigint();
      const again = cli(dir, command);
      const rebuild = { seconds: Number(process.hrtime.bigint() - started) / 1e9, steps: stepsOf(again.stderr) };
      assert.equal(again.status, 0, again.stderr);
      assert.ok(
        dependencyStep(rebuild.steps).length > 0 && dependencyStep(rebuild.steps).every((s) => s.status === 'cached'),
        `the dependency step is CACHED: ${JSON.stringify(dependencyStep(rebuild.steps))}`,
      );
      const summary = again.stderr.slice(again.stderr.indexOf('layerlens: build summary'));
      assert.match(summary, /re-ran \[build\] COPY src\.txt \/src\.txt/, summary);
      assert.doesNotMatch(summary, /re-ran \[build\] RUN sleep 3/, 'the summary does not list the dependency step as re-run');
      assert.equal(docker(['run', '--rm', `${image}:latest`]).stdout, 'left-pad@1.3.0\nversion 2\n', 'the image has the edit');

      console.log(
        `      fresh-runner rebuild after a source edit: naive inline cache ${naiveRebuild.seconds.toFixed(1)} s (dependency step re-ran), Layerlens ${rebuild.seconds.toFixed(1)} s (dependency step cached)`,
      );
      recordFreshRunner('a 3 s stand-in dependency step', 'dependency step', naiveRebuild.seconds, rebuild.seconds);
      docker(['rmi', '--force', naiveImage, `${image}:build`, `${image}:latest`]);
    });
  });

  test("payoff on a Node/TypeScript project: on a fresh runner after a source edit, the build stage's npm ci is CACHED with the registry-cache plan and re-runs with the naive inline cache", async (t) => {
    if (
      !requireDocker(t) ||
      !requireHost(
        t,
        docker(['image', 'inspect', NODE_IMAGE]).status === 0,
        `the ${NODE_IMAGE} image (test/hosts/modern-docker.sh start imports it)`,
      )
    )
      return;
    await withRegistry('layerlens-registry-cache-node-', (registry, dir) => {
      const edit = nodeProject(dir);
      const inputs = buildInputs(parseDockerfile(NODE_DOCKERFILE));
      assert.deepEqual(inputs.cacheStages, ['build']);
      const options = {
        docker: DOCKER,
        engine: 'docker' as const,
        dockerfile: path.join(dir, 'Dockerfile'),
        context: dir,
        cache: 'inline' as const,
        push: true,
        progress: 'plain' as const,
      };
      const npmCi = (steps: BuildProgress['steps']) => steps.filter((s) => s.title === 'RUN npm ci');
      const rebuildOnFreshRunner = (plan: PlannedCommand[], images: string[]) => {
        edit('version 1');
        runPlan(plan, dir);
        freshRunner(images);
        edit('version 2');
        return runPlan(plan, dir);
      };

      const naiveImage = `${registry.address}/layerlens-naive-node-${RUN_ID}:latest`;
      const naive = rebuildOnFreshRunner(onHostNetwork(planBuild({ ...inputs, cacheStages: [] }, { ...options, image: naiveImage })), [
        naiveImage,
      ]);
      assert.deepEqual(
        npmCi(naive.steps).map((s) => s.status),
        ['ran'],
        "the naive inline cache re-runs the build stage's npm ci",
      );

      const image = `${registry.address}/layerlens-staged-node-${RUN_ID}`;
      const staged = rebuildOnFreshRunner(onHostNetwork(planBuild(inputs, { ...options, image })), [`${image}:build`, `${image}:latest`]);
      // The build stage is built twice (its own image, then as part of the final one): cached both times.
      assert.ok(
        npmCi(staged.steps).length > 0 && npmCi(staged.steps).every((s) => s.status === 'cached'),
        `with the build stage in the registry, its npm ci is CACHED: ${JSON.stringify(npmCi(staged.steps))}`,
      );
      assert.equal(docker(['run', '--rm', `${image}:latest`]).stdout, '...version 2\n', 'the image has the edit');

      console.log(
        `      Node/TypeScript, fresh-runner rebuild after a source edit: naive inline cache ${naive.seconds.toFixed(1)} s, Layerlens ${staged.seconds.toFixed(1)} s`,
      );
      recordFreshRunner('Node/TypeScript project', 'npm ci', naive.seconds, staged.seconds);
      docker(['rmi', '--force', naiveImage, `${image}:build`, `${image}:latest`]);
    });
  });

  test('payoff on the containerd image store, three ways: the naive inline cache, the inline procedure, and the mode=max registry cache the plan picks there', async (t) => {
    if (!requireDocker(t) || !requireContainerdStore(t)) return;
    const env = containerdStoreEnv;
    if (
      !requireHost(
        t,
        docker(['image', 'inspect', NODE_IMAGE], { env }).status === 0,
        `the ${NODE_IMAGE} image on the containerd-store daemon (test/hosts/modern-docker.sh start imports it)`,
      )
    )
      return;
    await withRegistry('layerlens-registry-cache-c8d-', (registry, dir) => {
      const edit = nodeProject(dir);
      const inputs = buildInputs(parseDockerfile(NODE_DOCKERFILE));
      // What the CLI and the editor find on this daemon: buildx's docker driver on the containerd store.
      const options = {
        docker: DOCKER,
        engine: 'buildx' as const,
        driver: 'docker',
        imageStore: 'containerd' as const,
        dockerfile: path.join(dir, 'Dockerfile'),
        context: dir,
        push: true,
        progress: 'plain' as const,
      };
      const npmCi = (steps: BuildProgress['steps']) => steps.filter((s) => s.title === 'RUN npm ci');
      const rebuildOnFreshRunner = (plan: PlannedCommand[], images: string[]) => {
        edit('version 1');
        runPlan(plan, dir, env);
        freshRunner(images, env);
        edit('version 2');
        return runPlan(plan, dir, env);
      };

      const naiveImage = `${registry.address}/layerlens-c8d-naive-${RUN_ID}:latest`;
      const naive = rebuildOnFreshRunner(
        onHostNetwork(planBuild({ ...inputs, cacheStages: [] }, { ...options, cache: 'inline', image: naiveImage })),
        [naiveImage],
      );
      assert.deepEqual(
        npmCi(naive.steps).map((s) => s.status),
        ['ran'],
        "the naive inline cache re-runs the build stage's npm ci",
      );

      const stagedImage = `${registry.address}/layerlens-c8d-staged-${RUN_ID}`;
      const staged = rebuildOnFreshRunner(onHostNetwork(planBuild(inputs, { ...options, cache: 'inline', image: stagedImage })), [
        `${stagedImage}:build`,
        `${stagedImage}:latest`,
      ]);
      assert.ok(
        npmCi(staged.steps).length > 0 && npmCi(staged.steps).every((s) => s.status === 'cached'),
        `the inline procedure keeps npm ci CACHED: ${JSON.stringify(npmCi(staged.steps))}`,
      );

      const maxImage = `${registry.address}/layerlens-c8d-max-${RUN_ID}`;
      const plan = planBuild(inputs, { ...options, cache: 'auto', image: maxImage });
      assert.equal(plan.length, 1, 'one build, pushed from the build');
      assert.match(plan[0].title, /mode=max: the docker driver exports a cache on the containerd image store/);
      const max = rebuildOnFreshRunner(onHostNetwork(plan), [`${maxImage}:latest`]);
      assert.ok(
        npmCi(max.steps).length > 0 && npmCi(max.steps).every((s) => s.status === 'cached'),
        `mode=max keeps npm ci CACHED: ${JSON.stringify(npmCi(max.steps))}`,
      );
      assert.equal(
        docker(['run', '--rm', '--network=none', `${maxImage}:latest`], { env }).stdout,
        '...version 2\n',
        'the image has the edit',
      );

      console.log(
        `      containerd store, Node/TypeScript, fresh-runner rebuild after a source edit: naive inline cache ${naive.seconds.toFixed(1)} s, inline procedure ${staged.seconds.toFixed(1)} s, mode=max ${max.seconds.toFixed(1)} s`,
      );
      recordFreshRunner('Node/TypeScript project, containerd store, inline procedure', 'npm ci', naive.seconds, staged.seconds);
      recordFreshRunner(
        'Node/TypeScript project, containerd store, mode=max',
        'npm ci',
        naive.seconds,
        max.seconds,
        'registry cache, mode=max',
      );
      docker(['rmi', '--force', naiveImage, `${stagedImage}:build`, `${stagedImage}:latest`, `${maxImage}:latest`], { env });
    });
  });

  test('layerlens build runs the same plan from a pipeline: output streamed, a summary per command, the second run all cached', (t) => {
    if (!requireDocker(t)) return;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlens-cli-build-'));
    try {
      fs.writeFileSync(path.join(dir, 'Dockerfile'), DOCKERFILE.replace('sleep 3 && ', ''));
      fs.writeFileSync(path.join(dir, 'deps.txt'), 'left-pad@1.3.0\n');
      fs.writeFileSync(path.join(dir, 'src.txt'), 'version 1\n');
      const tag = `layerlens-cli/${RUN_ID}:latest`;
      const first = cli(dir, ['--docker', DOCKER, '--tag', tag]);
      assert.equal(first.status, 0, first.stderr);
      assert.match(
        first.stderr,
        /#\d+ \[build 5\/5\] RUN cat \/deps-installed \/src\.txt > \/app/,
        "BuildKit's plain progress is streamed through",
      );
      assert.match(
        first.stderr,
        new RegExp(`layerlens: build summary\\n {2}build ${tag.replace(/[/.]/g, '\\$&')}: done, \\d+ cached, \\d+ re-ran in \\d+\\.\\d s`),
      );
      // The image's size and its largest layers, measured by the engine and put on the file's lines.
      assert.match(
        first.stderr,
        new RegExp(
          `\\n {2}image ${tag.replace(/[/.]/g, '\\$&')}: [\\d.]+ [kM]?B \\(base image [\\d.]+ [kM]?B; largest layers: line \\d+ \\+[\\d.]+ [kM]?B`,
        ),
      );
      assert.equal(docker(['run', '--rm', tag]).stdout, 'left-pad@1.3.0\nversion 1\n');
      const second = cli(dir, ['--docker', DOCKER, '--tag', tag]);
      assert.match(second.stderr, /: done, 5 cached, 0 re-ran in /);
      docker(['rmi', '--force', tag]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
