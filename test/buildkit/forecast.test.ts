import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import {
  BASE_IMAGE,
  DOCKER,
  containerdStoreEnv,
  docker,
  daemonAnswers,
  dockerEnv,
  requireContainerdStore,
  requireDocker,
} from '../support/docker';
import { startRegistry } from '../support/registry';
import { repoRoot } from '../support/env';

/**
 * Ground truth for the cache forecast: each scenario builds a project on a pruned builder,
 * makes one change, asks `layerlens explain` (the real CLI) what the next build will do, builds
 * again with plain progress, and requires BuildKit's CACHED or re-run to match, step by step.
 */
const RUN_ID = randomBytes(4).toString('hex');
const CLI = path.join(repoRoot, 'dist', 'cli.js');
const tags = new Set<string>();

interface Build {
  args?: Record<string, string>;
  target?: string;
  secrets?: Record<string, string>;
  /** Secrets passed as `--secret id=ID,env=ID_VALUE`, from the build's environment. */
  envSecrets?: Record<string, string>;
  cacheFrom?: string;
  cacheTo?: string;
  tag?: string;
}

interface Change {
  /** Edits the context (files, modes, the Dockerfile) or the daemon (a re-tagged base). */
  apply?: (dir: string) => void;
  /** The second build's options, when they differ from the first's. */
  build?: Build;
  /** What the forecast is told beyond the files it finds changed by content and mode. */
  changedArgs?: string[];
  changedImages?: string[];
  previousTarget?: string;
  freshRunner?: boolean;
  freshRunnerCache?: 'inline' | 'max';
}

interface Scenario {
  name: string;
  files: Record<string, string>;
  build?: Build;
  change: Change;
  /**
   * For steps the forecast marks uncertain (a COPY --from behind a re-run RUN): whether that
   * RUN writes the same bytes again, which decides BuildKit's answer.
   */
  sameBytes?: boolean;
  /**
   * The daemon's image store: `containerd` builds on the second daemon and reads rawjson progress,
   * since the copy a `COPY --link` reuses there is never printed as CACHED in plain progress.
   */
  store?: 'classic' | 'containerd';
  /** What must be true of the forecast besides agreeing with BuildKit, to keep each scenario honest. */
  expect: { runs: number; cached: number; uncertain?: number; skipped?: number };
}

const base = (id: string) => `local/ll-base-${RUN_ID}:${id}`;

function write(dir: string, name: string, content: string): void {
  fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
  fs.writeFileSync(path.join(dir, name), content);
}

/** Every file of the context by content and mode, never by modification time, as BuildKit keys them. */
function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    const mode = fs.statSync(full).mode & 0o7777;
    files.set(
      path.relative(dir, full).split(path.sep).join('/'),
      `${mode}:${createHash('sha256').update(fs.readFileSync(full)).digest('hex')}`,
    );
  }
  return files;
}

function changedFiles(before: Map<string, string>, after: Map<string, string>): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((n) => before.get(n) !== after.get(n) && n !== 'Dockerfile').sort();
}

/** The daemon a scenario builds on: the classic store's, or the containerd store's. */
const envOf = (store: Scenario['store']) => (store === 'containerd' ? containerdStoreEnv : dockerEnv);

function build(dir: string, options: Build, store?: Scenario['store']) {
  const progress = store === 'containerd' ? 'rawjson' : 'plain';
  const argv = [
    'build',
    `--progress=${progress}`,
    '--file',
    path.join(dir, 'Dockerfile'),
    '--tag',
    options.tag ?? `layerlens-forecast/${RUN_ID}:latest`,
  ];
  tags.add(options.tag ?? `layerlens-forecast/${RUN_ID}:latest`);
  // The containerd-store daemon has no bridge of its own (test/hosts/modern-docker.sh).
  if (store === 'containerd') argv.push('--network=host');
  for (const [k, v] of Object.entries(options.args ?? {})) argv.push('--build-arg', `${k}=${v}`);
  for (const [id, src] of Object.entries(options.secrets ?? {})) argv.push('--secret', `id=${id},src=${src}`);
  const secretValues: Record<string, string> = {};
  for (const [id, value] of Object.entries(options.envSecrets ?? {})) {
    argv.push('--secret', `id=${id},env=LL_SECRET_${id.toUpperCase()}`);
    secretValues[`LL_SECRET_${id.toUpperCase()}`] = value;
  }
  if (options.target) argv.push('--target', options.target);
  if (options.cacheFrom) argv.push('--cache-from', options.cacheFrom);
  if (options.cacheTo) argv.push('--cache-to', options.cacheTo);
  argv.push(dir);
  const result = spawnSync(DOCKER, argv, {
    env: { ...envOf(store), DOCKER_BUILDKIT: '1', ...secretValues },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const output = `${result.stdout}${result.stderr}`;
  assert.equal(result.status, 0, `docker ${argv.join(' ')}\n${output}`);
  return { output, verdicts: store === 'containerd' ? rawVerdicts(output) : verdicts(output) };
}

/**
 * The same verdicts from rawjson progress: a vertex is cached when BuildKit reports `cached: true`
 * for it, and re-run when it completed otherwise. A `COPY --link` has two vertices with the same
 * step title: the copy, and the merge onto the layers below (`[3/4] LINK COPY --link …`), which
 * runs whenever those layers changed; the step's verdict is the copy's, so the merge is left out.
 */
function rawVerdicts(output: string): Map<string, 'cached' | 'runs'> {
  const titles = new Map<string, string>();
  const cached = new Set<string>();
  const completed = new Set<string>();
  for (const line of output.split('\n')) {
    if (!line.startsWith('{')) continue;
    for (const vertex of (JSON.parse(line) as { vertexes?: { digest: string; name?: string; cached?: boolean; completed?: string }[] })
      .vertexes ?? []) {
      const title = /^\[([^\]]+)\] (LINK )?/.exec(vertex.name ?? '');
      if (title && !title[1].startsWith('internal') && !title[2]) titles.set(vertex.digest, title[1]);
      if (vertex.cached) cached.add(vertex.digest);
      if (vertex.completed) completed.add(vertex.digest);
    }
  }
  const result = new Map<string, 'cached' | 'runs'>();
  for (const [digest, title] of titles)
    if (completed.has(digest) || cached.has(digest)) result.set(title, cached.has(digest) ? 'cached' : 'runs');
  return result;
}

/** BuildKit's verdict per step title (`build 3/5`, or `3/5` in a one-stage file): CACHED or re-run. */
function verdicts(output: string): Map<string, 'cached' | 'runs'> {
  const titles = new Map<string, string>();
  const result = new Map<string, 'cached' | 'runs'>();
  for (const line of output.split('\n')) {
    const title = /^(#\d+) \[([^\]]+)\] /.exec(line);
    if (title && !title[2].startsWith('internal')) titles.set(title[1], title[2]);
    const status = /^(#\d+) (CACHED|DONE)/.exec(line);
    if (status && titles.has(status[1])) result.set(titles.get(status[1]) as string, status[2] === 'CACHED' ? 'cached' : 'runs');
  }
  return result;
}

interface JsonStep {
  line: number;
  stage: string | number;
  position: string;
  instruction: string;
  forecast: 'cached' | 'runs';
  certain: boolean;
  reasons: string[];
  skipped?: true;
}

function forecast(dir: string, previous: string, change: Change, changed: string[], second: Build, store: Scenario['store']): JsonStep[] {
  const argv = [CLI, 'explain', path.join(dir, 'Dockerfile'), '--format', 'json', '--previous', previous];
  for (const file of changed) argv.push('--changed', file);
  for (const name of change.changedArgs ?? []) argv.push('--changed-arg', name);
  for (const image of change.changedImages ?? []) argv.push('--changed-image', image);
  for (const [k, v] of Object.entries(second.args ?? {})) argv.push('--build-arg', `${k}=${v}`);
  if (second.target) argv.push('--target', second.target);
  if (change.previousTarget) argv.push('--previous-target', change.previousTarget);
  if (change.freshRunner) argv.push('--fresh-runner');
  if (change.freshRunnerCache) argv.push('--fresh-runner-cache', change.freshRunnerCache);
  // The classic store is named; the containerd store is left for the CLI to ask `docker info`
  // of that daemon, as it does for a user whose file has a COPY --link.
  if (store === 'classic') argv.push('--image-store', store);
  const env =
    store === 'containerd'
      ? { ...containerdStoreEnv, PATH: `${path.dirname(DOCKER)}${path.delimiter}${process.env.PATH ?? ''}` }
      : process.env;
  const result = spawnSync(process.execPath, argv, { encoding: 'utf8', env });
  assert.equal(result.status, 0, result.stderr);
  const json = JSON.parse(result.stdout) as { imageStore: string | null; steps: JsonStep[] };
  if (store === 'containerd' && /COPY --link/.test(fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8')))
    assert.equal(json.imageStore, 'containerd', 'the CLI asked docker info');
  return json.steps;
}

function runScenario(scenario: Scenario) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlens-forecast-'));
  const dir = path.join(root, 'context');
  for (const [name, content] of Object.entries(scenario.files))
    write(dir, name, content.replaceAll('@BASE@', BASE_IMAGE).replaceAll('@ID@', RUN_ID));
  try {
    assert.equal(docker(['builder', 'prune', '-af'], { env: envOf(scenario.store) }).status, 0);
    const first = scenario.build ?? {};
    build(dir, first, scenario.store);
    const previous = path.join(root, 'Dockerfile.previous');
    fs.copyFileSync(path.join(dir, 'Dockerfile'), previous);
    const before = snapshot(dir);
    scenario.change.apply?.(dir);
    const second = { ...first, ...scenario.change.build };
    const steps = forecast(dir, previous, scenario.change, changedFiles(before, snapshot(dir)), second, scenario.store);
    const actual = build(dir, second, scenario.store).verdicts;
    const multiStage = new Set(steps.map((s) => s.stage)).size > 1;
    const compared: string[] = [];
    for (const step of steps) {
      const label = typeof step.stage === 'number' ? `stage-${step.stage}` : step.stage;
      // A one-stage file's steps are titled `2/3`, or `stage-0 2/3` when a mount makes BuildKit name the stage.
      const titles = multiStage ? [`${label} ${step.position}`] : [step.position, `stage-0 ${step.position}`];
      const title = titles.find((t) => actual.has(t)) ?? titles[0];
      const where = `${scenario.name}: line ${step.line} [${title}] ${step.instruction} (forecast ${step.forecast}${step.certain ? '' : ', uncertain'}: ${step.reasons.join('; ') || 'no reason'})`;
      if (step.skipped) {
        assert.ok(![...actual.keys()].some((t) => t.startsWith(`${label} `)), `${where}: BuildKit built a stage the forecast skips`);
        continue;
      }
      // BuildKit resolves FROM on every build and shares one vertex between stages on the same image.
      if (step.instruction.startsWith('FROM')) continue;
      const verdict = actual.get(title);
      assert.ok(verdict, `${where}: no such step in BuildKit's output:\n${[...actual.keys()].join('\n')}`);
      const expected = step.certain ? step.forecast : scenario.sameBytes ? 'cached' : 'runs';
      assert.equal(verdict, expected, `${where}: BuildKit says ${verdict}`);
      compared.push(title);
    }
    assert.ok(compared.length > 0, 'the scenario compared some steps');
    const counted = steps.filter((s) => !s.skipped && !s.instruction.startsWith('FROM'));
    assert.deepEqual(
      {
        runs: counted.filter((s) => s.forecast === 'runs').length,
        cached: counted.filter((s) => s.forecast === 'cached').length,
        uncertain: counted.filter((s) => !s.certain).length,
        skipped: steps.filter((s) => s.skipped).length,
      },
      { uncertain: 0, skipped: 0, ...scenario.expect },
      `${scenario.name}: the forecast's totals`,
    );
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

const NODE_LIKE = {
  Dockerfile:
    [
      'FROM @BASE@',
      'WORKDIR /app',
      'COPY package.txt ./',
      'RUN wc -c package.txt > deps.txt',
      'COPY . .',
      'RUN cat src/app.txt deps.txt > build.txt',
      'CMD ["cat", "/app/build.txt"]',
    ].join('\n') + '\n',
  'package.txt': 'left-pad 1.0\n',
  'src/app.txt': 'console.log(1)\n',
  'notes.md': 'notes\n',
  '.dockerignore': 'notes.md\nDockerfile\n',
};

const MULTI = {
  Dockerfile:
    [
      'FROM @BASE@ AS build',
      'ENV MODE=release',
      'WORKDIR /src',
      'COPY lib.txt /src/lib.txt',
      'COPY app.txt /src/app.txt',
      'RUN mkdir -p /out && cat /src/app.txt > /out/app',
      'COPY docs.txt /docs/docs.txt',
      '',
      'FROM @BASE@',
      'COPY --from=build /out/app /app',
      'COPY static.txt /static.txt',
      'RUN cat /app /static.txt > /all',
    ].join('\n') + '\n',
  'lib.txt': 'lib 1\n',
  'app.txt': 'app 1\n',
  'docs.txt': 'docs 1\n',
  'static.txt': 'static 1\n',
  '.dockerignore': 'Dockerfile\n',
};

const DIAMOND = {
  Dockerfile:
    [
      'FROM @BASE@ AS base',
      'COPY common.txt /common.txt',
      'FROM base AS a',
      'COPY a.txt /a.txt',
      'RUN cat /common.txt /a.txt > /a.out',
      'FROM base AS b',
      'COPY b.txt /b.txt',
      'RUN cat /common.txt /b.txt > /b.out',
      'FROM @BASE@',
      'COPY --from=a /a.out /a.out',
      'COPY --from=b /b.out /b.out',
      'RUN cat /a.out /b.out > /both',
    ].join('\n') + '\n',
  'common.txt': 'common 1\n',
  'a.txt': 'a 1\n',
  'b.txt': 'b 1\n',
  '.dockerignore': 'Dockerfile\n',
};

const edit = (name: string, content: string) => (dir: string) => write(dir, name, content);
const editDockerfile = (from: string, to: string) => (dir: string) => {
  const file = path.join(dir, 'Dockerfile');
  const text = fs.readFileSync(file, 'utf8');
  assert.ok(text.includes(from), `the Dockerfile contains ${from}`);
  fs.writeFileSync(file, text.replace(from, to));
};

const LINKED = {
  Dockerfile: 'FROM @BASE@\nCOPY dep.txt /dep.txt\nCOPY --link app.txt /app/app.txt\nRUN cat /dep.txt /app/app.txt > /out\n',
  'dep.txt': 'dep 1\n',
  'app.txt': 'app 1\n',
  '.dockerignore': 'Dockerfile\n',
};

/** What only a modern built-in frontend (Dockerfile 1.7+, here BuildKit v0.25) builds without `# syntax=`. */
const MODERN: Scenario[] = [
  {
    name: 'modern: a heredoc body edit re-runs that RUN and what follows, the COPY before stays cached',
    files: {
      Dockerfile: 'FROM @BASE@\nCOPY a.txt /a.txt\nRUN <<EOF\necho one > /x\nEOF\nRUN cat /a.txt /x > /y\n',
      'a.txt': 'a\n',
      '.dockerignore': 'Dockerfile\n',
    },
    change: { apply: editDockerfile('echo one > /x', 'echo two > /x') },
    expect: { runs: 2, cached: 1 },
  },
  {
    name: 'modern: COPY --exclude, only an excluded file changed: the copy stays cached',
    files: {
      Dockerfile: 'FROM @BASE@\nWORKDIR /app\nCOPY --exclude=*.md --exclude=docs . .\nRUN ls -R /app > /listing\n',
      'a.txt': 'a\n',
      'README.md': 'readme 1\n',
      'docs/guide.txt': 'guide 1\n',
      '.dockerignore': 'Dockerfile\n',
    },
    change: {
      apply: (dir) => {
        write(dir, 'README.md', 'readme 2\n');
        write(dir, 'docs/guide.txt', 'guide 2\n');
      },
    },
    expect: { runs: 0, cached: 3 },
  },
  {
    name: 'modern: COPY --exclude patterns match from the source root: src/a/skip.log is not excluded by *.log',
    files: {
      Dockerfile: 'FROM @BASE@\nCOPY --exclude=*.log src /src/\n',
      'src/top.log': 'top\n',
      'src/a/skip.log': 'skip 1\n',
      '.dockerignore': 'Dockerfile\n',
    },
    change: { apply: edit('src/a/skip.log', 'skip 2\n') },
    expect: { runs: 1, cached: 0 },
  },
  {
    name: 'modern: a secret passed with env= changes value: not in the key',
    build: { envSecrets: { token: 'first value' } },
    files: {
      Dockerfile: 'FROM @BASE@\nRUN --mount=type=secret,id=token,env=TOKEN,required=true test -n "$TOKEN" && echo present > /token-seen\n',
    },
    change: { build: { envSecrets: { token: 'rotated, and longer than before' } } },
    expect: { runs: 0, cached: 1 },
  },
  {
    name: 'modern: a cache mount without target= (mounted on the working directory): its content is not in the key',
    files: { Dockerfile: 'FROM @BASE@\nWORKDIR /w\nRUN --mount=type=cache,id=ll-wd-@ID@ ls /w > /listing\n' },
    change: {
      apply: (dir) => {
        const writer = path.join(dir, '..', 'writer');
        write(
          writer,
          'Dockerfile',
          `FROM ${BASE_IMAGE}\nWORKDIR /w\nRUN --mount=type=cache,id=ll-wd-${RUN_ID} echo filled > /w/new-file\n`,
        );
        build(writer, { tag: `layerlens-forecast/${RUN_ID}:writer` });
      },
    },
    expect: { runs: 0, cached: 2 },
  },
  {
    name: 'modern: an ARG declared only in a later stage changes: the earlier stage stays cached',
    build: { args: { VERSION: '1' } },
    files: {
      Dockerfile:
        'FROM @BASE@ AS build\nCOPY a.txt /a.txt\nRUN cat /a.txt > /b\nFROM @BASE@\nARG VERSION\nCOPY --from=build /b /b\nRUN echo "$VERSION" > /version\n',
      'a.txt': 'a\n',
      '.dockerignore': 'Dockerfile\n',
    },
    change: { build: { args: { VERSION: '2' } }, changedArgs: ['VERSION'] },
    expect: { runs: 1, cached: 3 },
  },
  {
    name: 'modern: COPY --link after a changed earlier layer, classic image store: it behaves as COPY and copies again',
    files: LINKED,
    store: 'classic',
    change: { apply: edit('dep.txt', 'dep 2\n') },
    expect: { runs: 3, cached: 0 },
  },
  {
    name: 'modern: COPY --link after a changed earlier layer, containerd image store: the copy is reused (rawjson cached), the RUN after it re-runs',
    files: LINKED,
    store: 'containerd',
    change: { apply: edit('dep.txt', 'dep 2\n') },
    expect: { runs: 2, cached: 1 },
  },
];

const SCENARIOS: Scenario[] = [
  {
    name: 'edit a source file under COPY . .',
    files: NODE_LIKE,
    change: { apply: edit('src/app.txt', 'console.log(2)\n') },
    expect: { runs: 2, cached: 3 },
  },
  {
    name: 'edit the dependency manifest',
    files: NODE_LIKE,
    change: { apply: edit('package.txt', 'left-pad 2.0\n') },
    expect: { runs: 4, cached: 1 },
  },
  {
    name: 'edit a file .dockerignore excludes',
    files: NODE_LIKE,
    change: { apply: edit('notes.md', 'more notes\n') },
    expect: { runs: 0, cached: 5 },
  },
  {
    name: 'touch only: a new modification time, the same bytes',
    files: NODE_LIKE,
    change: { apply: (dir) => fs.utimesSync(path.join(dir, 'src/app.txt'), new Date(), new Date(Date.now() + 3_600_000)) },
    expect: { runs: 0, cached: 5 },
  },
  {
    name: 'chmod a copied file',
    files: NODE_LIKE,
    change: { apply: (dir) => fs.chmodSync(path.join(dir, 'src/app.txt'), 0o755) },
    expect: { runs: 2, cached: 3 },
  },
  {
    name: 'delete a file that COPY . . sends',
    files: { ...NODE_LIKE, 'src/old.txt': 'old\n' },
    change: { apply: (dir) => fs.rmSync(path.join(dir, 'src/old.txt')) },
    expect: { runs: 2, cached: 3 },
  },
  {
    name: 'add a file that COPY . . sends',
    files: NODE_LIKE,
    change: { apply: edit('src/new.txt', 'new\n') },
    expect: { runs: 2, cached: 3 },
  },
  {
    name: 'edit .dockerignore: it is in the context too',
    files: NODE_LIKE,
    change: { apply: edit('.dockerignore', 'notes.md\nDockerfile\nsrc/app.txt.bak\n') },
    expect: { runs: 2, cached: 3 },
  },
  {
    name: 'edit an instruction: the Dockerfile is excluded, so COPY . . stays cached',
    files: NODE_LIKE,
    change: { apply: editDockerfile('RUN cat src/app.txt deps.txt > build.txt', 'RUN cat deps.txt src/app.txt > build.txt') },
    expect: { runs: 1, cached: 4 },
  },
  {
    name: 'edit an instruction: the Dockerfile is in the context, so COPY . . re-runs',
    files: { ...NODE_LIKE, '.dockerignore': 'notes.md\n' },
    change: { apply: editDockerfile('CMD ["cat", "/app/build.txt"]', 'CMD ["cat", "/app/deps.txt"]') },
    expect: { runs: 2, cached: 3 },
  },
  {
    name: 'insert a step in the middle',
    files: NODE_LIKE,
    change: { apply: editDockerfile('COPY . .', 'RUN echo inserted > /inserted\nCOPY . .') },
    expect: { runs: 3, cached: 3 },
  },
  {
    name: 'change an ARG declared early and used late',
    build: { args: { VERSION: '1' } },
    files: {
      Dockerfile: 'FROM @BASE@\nARG VERSION\nWORKDIR /w\nCOPY a.txt /w/\nRUN cat /w/a.txt > /w/b\nRUN echo "$VERSION" > /w/version\n',
      'a.txt': 'a\n',
      '.dockerignore': 'Dockerfile\n',
    },
    change: { build: { args: { VERSION: '2' } }, changedArgs: ['VERSION'] },
    expect: { runs: 2, cached: 2 },
  },
  {
    name: 'an undeclared --build-arg changes nothing',
    build: { args: { UNUSED: '1' } },
    files: { Dockerfile: 'FROM @BASE@\nRUN echo hi > /hi\nRUN cat /hi > /again\n' },
    change: { build: { args: { UNUSED: '2' } }, changedArgs: ['UNUSED'] },
    expect: { runs: 0, cached: 2 },
  },
  {
    name: 'a predefined proxy arg, undeclared, is not in the key',
    build: { args: { HTTP_PROXY: 'http://proxy-a:3128' } },
    files: { Dockerfile: 'FROM @BASE@\nRUN echo hi > /hi\n' },
    change: { build: { args: { HTTP_PROXY: 'http://proxy-b:3128' } }, changedArgs: ['HTTP_PROXY'] },
    expect: { runs: 0, cached: 1 },
  },
  {
    name: 'a declared proxy arg is in the key',
    build: { args: { HTTP_PROXY: 'http://proxy-a:3128' } },
    files: { Dockerfile: 'FROM @BASE@\nARG HTTP_PROXY\nRUN echo hi > /hi\n' },
    change: { build: { args: { HTTP_PROXY: 'http://proxy-b:3128' } }, changedArgs: ['HTTP_PROXY'] },
    expect: { runs: 1, cached: 0 },
  },
  {
    name: 'change an ENV: WORKDIR and COPY between it and the RUN stay cached',
    files: {
      Dockerfile: 'FROM @BASE@\nENV LEVEL=1\nWORKDIR /w\nCOPY a.txt /w/\nRUN cat a.txt > /w/b\n',
      'a.txt': 'a\n',
      '.dockerignore': 'Dockerfile\n',
    },
    change: { apply: editDockerfile('ENV LEVEL=1', 'ENV LEVEL=2') },
    expect: { runs: 1, cached: 2 },
  },
  {
    name: 'change USER: the next RUN re-runs',
    files: { Dockerfile: 'FROM @BASE@\nCOPY a.txt /a.txt\nUSER 1000\nRUN id -u\n', 'a.txt': 'a\n', '.dockerignore': 'Dockerfile\n' },
    change: { apply: editDockerfile('USER 1000', 'USER 1001') },
    expect: { runs: 1, cached: 1 },
  },
  {
    name: 'an ARG in a COPY destination',
    build: { args: { DEST: '/one' } },
    files: { Dockerfile: 'FROM @BASE@\nARG DEST\nCOPY a.txt $DEST/a.txt\n', 'a.txt': 'a\n', '.dockerignore': 'Dockerfile\n' },
    change: { build: { args: { DEST: '/two' } }, changedArgs: ['DEST'] },
    expect: { runs: 1, cached: 0 },
  },
  {
    name: "change a secret's content: not in the key",
    build: { secrets: { token: path.join(os.tmpdir(), `layerlens-forecast-secret-${RUN_ID}`) } },
    files: { Dockerfile: 'FROM @BASE@\nRUN --mount=type=secret,id=token,required=true wc -c /run/secrets/token > /token-size\n' },
    change: { apply: () => fs.writeFileSync(path.join(os.tmpdir(), `layerlens-forecast-secret-${RUN_ID}`), 'rotated secret value\n') },
    expect: { runs: 0, cached: 1 },
  },
  {
    name: "change a cache mount's content: not in the key",
    files: { Dockerfile: 'FROM @BASE@\nRUN --mount=type=cache,id=ll-@ID@,target=/cache ls /cache > /listing\n' },
    change: {
      apply: (dir) => {
        const writer = path.join(dir, '..', 'writer');
        write(
          writer,
          'Dockerfile',
          `FROM ${BASE_IMAGE}\nRUN --mount=type=cache,id=ll-${RUN_ID},target=/cache echo filled > /cache/new-file\n`,
        );
        build(writer, { tag: `layerlens-forecast/${RUN_ID}:writer` });
      },
    },
    expect: { runs: 0, cached: 1 },
  },
  {
    name: 'a bind mount from the context is in the key',
    files: {
      Dockerfile: 'FROM @BASE@\nRUN --mount=type=bind,source=conf,target=/conf cat /conf/app.conf > /app.conf\n',
      'conf/app.conf': 'a=1\n',
      '.dockerignore': 'Dockerfile\n',
    },
    change: { apply: edit('conf/app.conf', 'a=2\n') },
    expect: { runs: 1, cached: 0 },
  },
  {
    name: 'a wildcard source: a matching file changed',
    files: {
      Dockerfile: 'FROM @BASE@\nCOPY *.conf /etc/app/\nCOPY readme.txt /\n',
      'a.conf': '1\n',
      'readme.txt': 'r\n',
      '.dockerignore': 'Dockerfile\n',
    },
    change: { apply: edit('a.conf', '2\n') },
    expect: { runs: 2, cached: 0 },
  },
  {
    name: 'a wildcard source: a file it does not match changed',
    files: {
      Dockerfile: 'FROM @BASE@\nCOPY *.conf /etc/app/\nCOPY readme.txt /\n',
      'a.conf': '1\n',
      'readme.txt': 'r\n',
      '.dockerignore': 'Dockerfile\n',
    },
    change: { apply: edit('readme.txt', 'r2\n') },
    expect: { runs: 1, cached: 1 },
  },
  {
    name: 'a source stage re-runs its RUN and writes identical bytes: COPY --from stays cached',
    files: MULTI,
    sameBytes: true,
    change: { apply: editDockerfile('ENV MODE=release', 'ENV MODE=debug') },
    expect: { runs: 5, cached: 3, uncertain: 3 },
  },
  {
    name: 'a source stage re-runs its RUN and writes different bytes: COPY --from re-runs',
    files: MULTI,
    sameBytes: false,
    change: { apply: edit('app.txt', 'app 2\n') },
    expect: { runs: 6, cached: 2, uncertain: 3 },
  },
  {
    name: 'a source stage re-runs only steps that do not touch the copied path',
    files: MULTI,
    change: { apply: edit('docs.txt', 'docs 2\n') },
    expect: { runs: 1, cached: 7 },
  },
  {
    name: 'a final-stage file changes: the build stage stays cached',
    files: MULTI,
    change: { apply: edit('static.txt', 'static 2\n') },
    expect: { runs: 2, cached: 6 },
  },
  {
    name: 'edit a stage the target does not need',
    build: { target: 'a' },
    files: DIAMOND,
    change: { apply: edit('b.txt', 'b 2\n') },
    expect: { runs: 0, cached: 3, skipped: 6 },
  },
  {
    name: 'a change of --target: the stages the old target did not need are built',
    build: { target: 'a' },
    files: DIAMOND,
    change: { build: { target: '' }, previousTarget: 'a' },
    expect: { runs: 5, cached: 3 },
  },
  {
    name: 'diamond: a file of one branch changes',
    files: DIAMOND,
    sameBytes: false,
    change: { apply: edit('a.txt', 'a 2\n') },
    expect: { runs: 5, cached: 3, uncertain: 3 },
  },
  {
    name: 'diamond: the shared base stage changes, so both branches follow it',
    files: DIAMOND,
    sameBytes: false,
    change: { apply: edit('common.txt', 'common 2\n') },
    expect: { runs: 8, cached: 0, uncertain: 3 },
  },
  {
    name: "an ENV of a base stage reaches the child stage's RUN",
    files: {
      Dockerfile: 'FROM @BASE@ AS settings\nCOPY a.txt /a.txt\nENV FLAVOR=plain\nFROM settings\nRUN echo "$FLAVOR" > /flavor\n',
      'a.txt': 'a\n',
      '.dockerignore': 'Dockerfile\n',
    },
    change: { apply: editDockerfile('ENV FLAVOR=plain', 'ENV FLAVOR=spicy') },
    expect: { runs: 1, cached: 1 },
  },
  {
    name: 'a moved base tag re-runs everything after FROM',
    files: {
      Dockerfile: `FROM ${base('moving')}\nCOPY a.txt /a.txt\nRUN cat /a.txt > /b\n`,
      'a.txt': 'a\n',
      '.dockerignore': 'Dockerfile\n',
    },
    change: {
      apply: (dir) => {
        const other = path.join(dir, '..', 'other-base');
        write(other, 'Dockerfile', `FROM ${BASE_IMAGE}\nRUN echo moved > /moved\n`);
        build(other, { tag: base('moving') });
      },
      changedImages: [base('moving')],
    },
    expect: { runs: 2, cached: 0 },
  },
  {
    name: 'a global ARG in FROM picks another base image',
    build: { args: { TAG: 'one' } },
    files: { Dockerfile: `ARG TAG\nFROM local/ll-base-${RUN_ID}:$TAG\nRUN echo hi > /hi\n` },
    change: { build: { args: { TAG: 'two' } }, changedArgs: ['TAG'] },
    expect: { runs: 1, cached: 0 },
  },
  { name: 'nothing changed', files: NODE_LIKE, change: {}, expect: { runs: 0, cached: 5 } },
  ...MODERN,
];

/**
 * The registry case: the first build pushes the final image with its inline cache, the builder
 * is pruned as on a new CI runner, and the second build has only `--cache-from` that image.
 */
const INLINE_CACHE: Scenario[] = [
  {
    name: 'a fresh CI runner, a final-stage file changed: the build stage is served through the inline cache',
    files: MULTI,
    change: { apply: edit('static.txt', 'static 2\n'), freshRunner: true },
    expect: { runs: 2, cached: 6 },
  },
  {
    name: 'a fresh CI runner, a build-stage file changed: the whole build stage runs, steps before the change too',
    files: MULTI,
    sameBytes: false,
    change: { apply: edit('app.txt', 'app 2\n'), freshRunner: true },
    expect: { runs: 8, cached: 0, uncertain: 3 },
  },
];

/**
 * The same fresh runner with a registry cache exported with `mode=max` (the containerd store's
 * `docker` driver can export one): every step of every stage is in it, so only the steps from
 * the change on re-run, where the inline cache above re-runs the whole build stage.
 */
const MAX_CACHE: Scenario[] = [
  {
    name: 'a fresh CI runner with a mode=max registry cache (containerd store), a build-stage file changed: only the steps from the change on re-run',
    files: MULTI,
    store: 'containerd',
    sameBytes: false,
    change: { apply: edit('app.txt', 'app 2\n'), freshRunner: true, freshRunnerCache: 'max' },
    expect: { runs: 6, cached: 2, uncertain: 3 },
  },
];

after(() => {
  if (daemonAnswers()) docker(['rmi', '--force', ...tags, base('moving'), base('one'), base('two')]);
  fs.rmSync(path.join(os.tmpdir(), `layerlens-forecast-secret-${RUN_ID}`), { force: true });
});

describe('cache forecast against a real BuildKit: every step, every scenario', () => {
  test(`${SCENARIOS.length + INLINE_CACHE.length + MAX_CACHE.length} scenarios are covered`, () =>
    assert.ok(SCENARIOS.length + INLINE_CACHE.length + MAX_CACHE.length >= 45));

  for (const scenario of SCENARIOS) {
    test(scenario.name, (t) => {
      if (!requireDocker(t)) return;
      if (scenario.store === 'containerd' && !requireContainerdStore(t)) return;
      fs.writeFileSync(path.join(os.tmpdir(), `layerlens-forecast-secret-${RUN_ID}`), 'first secret value\n');
      for (const name of ['moving', 'one', 'two']) docker(['tag', BASE_IMAGE, base(name)]);
      if (scenario.name.startsWith('a global ARG')) {
        // Two tags that differ, so that switching between them changes the base for real.
        const other = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlens-forecast-base-'));
        write(other, 'Dockerfile', `FROM ${BASE_IMAGE}\nRUN echo two > /two\n`);
        build(other, { tag: base('two') });
        fs.rmSync(other, { recursive: true, force: true });
      }
      runScenario(scenario);
    });
  }

  for (const scenario of INLINE_CACHE) {
    test(scenario.name, async (t) => {
      if (!requireDocker(t)) return;
      const registry = await startRegistry();
      try {
        const image = `${registry.address}/layerlens-forecast-${RUN_ID}:latest`;
        const build = { args: { BUILDKIT_INLINE_CACHE: '1' }, tag: image };
        runScenario({
          ...scenario,
          build,
          change: {
            ...scenario.change,
            apply: (dir) => {
              assert.equal(docker(['push', image]).status, 0, 'pushed with its inline cache');
              assert.equal(docker(['rmi', '--force', image]).status, 0);
              assert.equal(docker(['builder', 'prune', '-af']).status, 0);
              scenario.change.apply?.(dir);
            },
            build: { ...build, cacheFrom: image },
          },
        });
      } finally {
        registry.process.kill();
        fs.rmSync(registry.dir, { recursive: true, force: true });
      }
    });
  }

  for (const scenario of MAX_CACHE) {
    test(scenario.name, async (t) => {
      if (!requireDocker(t) || !requireContainerdStore(t)) return;
      const registry = await startRegistry();
      const c8d = { env: containerdStoreEnv };
      try {
        const image = `layerlens-forecast/${RUN_ID}:max`;
        const ref = `type=registry,ref=${registry.address}/layerlens-forecast-${RUN_ID}:buildcache`;
        runScenario({
          ...scenario,
          build: { tag: image, cacheTo: `${ref},mode=max`, cacheFrom: ref },
          change: {
            ...scenario.change,
            apply: (dir) => {
              assert.equal(docker(['rmi', '--force', image], c8d).status, 0);
              assert.equal(docker(['builder', 'prune', '-af'], c8d).status, 0);
              scenario.change.apply?.(dir);
            },
          },
        });
      } finally {
        registry.process.kill();
        fs.rmSync(registry.dir, { recursive: true, force: true });
      }
    });
  }
});
