import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { buildScript, BuildPlanError, commandLine, defaultImageName, planBuild, splitImage } from '../../common/buildPlan';
import type { BuildInputs, BuildOptions } from '../../common/buildPlan';
import { buildInputs, parseDockerfile } from '../../server/src/engine';

const single: BuildInputs = { stages: [{ index: 0, line: 0 }], cacheStages: [], secrets: [] };
const twoStages: BuildInputs = {
  stages: [
    { index: 0, name: 'build', line: 0 },
    { index: 1, line: 4 },
  ],
  cacheStages: ['build'],
  secrets: [],
};
const threeStages: BuildInputs = {
  stages: [
    { index: 0, name: 'deps', line: 0 },
    { index: 1, name: 'build', line: 3 },
    { index: 2, line: 6 },
  ],
  cacheStages: ['deps', 'build'],
  secrets: [],
};
const base: BuildOptions = { docker: 'docker', engine: 'docker', dockerfile: '/w/Dockerfile', context: '/w', image: 'app' };
const DB = { DOCKER_BUILDKIT: '1' };

/** Each row: the plan's command lines (environment first), exactly. */
const rows: { name: string; inputs: BuildInputs; options: Partial<BuildOptions>; lines: string[] }[] = [
  {
    name: 'plain build with the classic client: BuildKit through the environment, context last',
    inputs: single,
    options: {},
    lines: ['DOCKER_BUILDKIT=1 docker build --file /w/Dockerfile --tag app:latest /w'],
  },
  {
    name: 'one stage with --target, platform, build args and secrets by file and by variable',
    inputs: twoStages,
    options: {
      target: 'build',
      platform: 'linux/arm64',
      buildArgs: { VERSION: '2' },
      secrets: { npm: { src: '/home/me/.npmrc' }, token: { env: 'GH_TOKEN' } },
    },
    lines: [
      'DOCKER_BUILDKIT=1 docker build --file /w/Dockerfile --platform linux/arm64 --build-arg VERSION=2 --secret id=npm,src=/home/me/.npmrc --secret id=token,env=GH_TOKEN --tag app:latest --target build /w',
    ],
  },
  {
    name: 'single-stage inline cache: the image caches from itself',
    inputs: single,
    options: { cache: 'inline', image: 'registry.local:5000/team/app:1.2' },
    lines: [
      'DOCKER_BUILDKIT=1 docker build --file /w/Dockerfile --tag registry.local:5000/team/app:1.2 --cache-from registry.local:5000/team/app:1.2 --build-arg BUILDKIT_INLINE_CACHE=1 /w',
    ],
  },
  {
    name: 'multi-stage inline cache with push: the build stage is built, tagged and pushed on its own, then the final image from both caches',
    inputs: twoStages,
    options: { cache: 'inline', push: true, image: 'localhost:5000/app' },
    lines: [
      'DOCKER_BUILDKIT=1 docker build --file /w/Dockerfile --target build --tag localhost:5000/app:build --cache-from localhost:5000/app:build --build-arg BUILDKIT_INLINE_CACHE=1 /w',
      'DOCKER_BUILDKIT=1 docker build --file /w/Dockerfile --tag localhost:5000/app:latest --cache-from localhost:5000/app:build --cache-from localhost:5000/app:latest --build-arg BUILDKIT_INLINE_CACHE=1 /w',
      'docker push localhost:5000/app:build',
      'docker push localhost:5000/app:latest',
    ],
  },
  {
    name: 'two build stages: each later stage also caches from the ones before it',
    inputs: threeStages,
    options: { cache: 'inline' },
    lines: [
      'DOCKER_BUILDKIT=1 docker build --file /w/Dockerfile --target deps --tag app:deps --cache-from app:deps --build-arg BUILDKIT_INLINE_CACHE=1 /w',
      'DOCKER_BUILDKIT=1 docker build --file /w/Dockerfile --target build --tag app:build --cache-from app:deps --cache-from app:build --build-arg BUILDKIT_INLINE_CACHE=1 /w',
      'DOCKER_BUILDKIT=1 docker build --file /w/Dockerfile --tag app:latest --cache-from app:deps --cache-from app:build --cache-from app:latest --build-arg BUILDKIT_INLINE_CACHE=1 /w',
    ],
  },
  {
    name: 'buildx on its default docker driver: no --load, no environment, a named builder',
    inputs: single,
    options: { engine: 'buildx', driver: 'docker', builder: 'remote-kube' },
    lines: ['docker buildx build --builder remote-kube --file /w/Dockerfile --tag app:latest /w'],
  },
  {
    name: 'buildx on a docker-container builder loads the result into the local images',
    inputs: single,
    options: { engine: 'buildx', driver: 'docker-container', progress: 'plain' },
    lines: ['docker buildx build --file /w/Dockerfile --progress plain --tag app:latest --load /w'],
  },
  {
    name: 'buildx registry cache exporter: every stage in one cache image, pushed straight from the build',
    inputs: twoStages,
    options: { engine: 'buildx', driver: 'docker-container', cache: 'registry', push: true, image: 'ghcr.io/me/app:main' },
    lines: [
      'docker buildx build --file /w/Dockerfile --tag ghcr.io/me/app:main --cache-from type=registry,ref=ghcr.io/me/app:buildcache --cache-to type=registry,ref=ghcr.io/me/app:buildcache,mode=max --push /w',
    ],
  },
  {
    name: 'hostile values stay single words, and a comma in a secret path is CSV-quoted',
    inputs: single,
    options: {
      docker: '/opt/my docker/docker',
      context: '-ctx',
      dockerfile: "/w/it's $(touch x).Dockerfile",
      buildArgs: { NOTE: 'a b;c`d`$e\nf' },
      secrets: { auth: { src: '/s/a,b "c".toml' } },
    },
    lines: [
      `DOCKER_BUILDKIT=1 '/opt/my docker/docker' build --file '/w/it'\\''s $(touch x).Dockerfile' --build-arg 'NOTE=a b;c\`d\`$e\nf' --secret 'id=auth,"src=/s/a,b ""c"".toml"' --tag app:latest ./-ctx`,
    ],
  },
];

for (const row of rows) {
  test(`build plan: ${row.name}`, () => {
    const plan = planBuild(row.inputs, { ...base, ...row.options });
    assert.deepEqual(
      plan.map((c) => commandLine(c)),
      row.lines,
    );
    for (const command of plan) assert.deepEqual(command.env, command.argv.includes('push') || row.options.engine === 'buildx' ? {} : DB);
  });
}

test('build plan: what docker would refuse or misread is refused with a reason', () => {
  const refused: [Partial<BuildOptions>, RegExp][] = [
    [{ image: '-rm:latest' }, /not an image name/],
    [{ image: 'App:latest' }, /not an image name/],
    [{ image: 'app:-x' }, /not an image name/],
    [{ target: 'nope' }, /no stage named "nope"/],
    [{ cache: 'registry' }, /needs buildx/],
    [{ cache: 'registry', engine: 'buildx', driver: 'docker' }, /docker-container builder/],
    [{ secrets: { 'a,b': { src: 'x' } } }, /secret id "a,b"/],
  ];
  for (const [options, message] of refused)
    assert.throws(
      () => planBuild(twoStages, { ...base, ...options }),
      (e: Error) => e instanceof BuildPlanError && message.test(e.message),
    );
});

test('build plan: the automatic cache exports mode=max where the builder can, keeps the inline procedure elsewhere, and the first title says which and why', () => {
  const cases: [Partial<BuildOptions>, string, RegExp][] = [
    [
      { engine: 'buildx', driver: 'docker', imageStore: 'containerd' },
      'registry',
      /mode=max: the docker driver exports a cache on the containerd image store/,
    ],
    [{ engine: 'buildx', driver: 'docker-container' }, 'registry', /mode=max: the docker-container driver exports a cache/],
    [
      { engine: 'buildx', driver: 'docker', imageStore: 'classic' },
      'inline',
      /inline cache: the docker driver cannot export a cache on the classic image store/,
    ],
    [
      { engine: 'buildx', driver: 'docker' },
      'inline',
      /inline cache: the docker driver exports a cache only on the containerd image store, and the daemon's store is unknown/,
    ],
    [{ engine: 'docker' }, 'inline', /inline cache: the classic docker build has no cache exporter/],
  ];
  for (const [options, expected, title] of cases) {
    const plan = planBuild(twoStages, { ...base, ...options, cache: 'auto', push: true, image: 'localhost:5000/app' });
    const exported = plan.some((c) => c.argv.includes('--cache-to'));
    assert.equal(exported ? 'registry' : 'inline', expected, JSON.stringify(options));
    assert.match(plan[0].title, title);
    assert.ok(
      plan.slice(1).every((c) => !/inline cache:|mode=max:/.test(c.title)),
      'only the first title explains',
    );
  }
  // Forced, the exporter is accepted on the containerd store and refused, with what to do, on the classic one.
  assert.ok(
    planBuild(twoStages, { ...base, engine: 'buildx', driver: 'docker', imageStore: 'containerd', cache: 'registry' })[0].argv.includes(
      '--cache-to',
    ),
  );
  assert.throws(
    () => planBuild(twoStages, { ...base, engine: 'buildx', driver: 'docker', imageStore: 'classic', cache: 'registry' }),
    /turn on the containerd image store/,
  );
});

test('build plan: command lines for the shell the user copies into', () => {
  const [command] = planBuild(single, { ...base, docker: 'C:\\Program Files\\Docker\\docker.exe', buildArgs: { NOTE: "it's 50%" } });
  assert.equal(
    commandLine(command, 'powershell'),
    `$env:DOCKER_BUILDKIT=1; & 'C:\\Program Files\\Docker\\docker.exe' build --file /w/Dockerfile --build-arg 'NOTE=it''s 50%' --tag app:latest /w`,
  );
  assert.equal(
    commandLine(command, 'fish'),
    `DOCKER_BUILDKIT=1 'C:\\\\Program Files\\\\Docker\\\\docker.exe' build --file /w/Dockerfile --build-arg 'NOTE=it\\'s 50%' --tag app:latest /w`,
  );
  assert.throws(() => commandLine(command, 'cmd'), /cmd\.exe cannot be given safely/);
  const [plain] = planBuild(single, base);
  assert.equal(commandLine(plain, 'cmd'), 'set "DOCKER_BUILDKIT=1" && docker build --file /w/Dockerfile --tag app:latest /w');
});

test('build plan: image names split at the last colon after the last slash', () => {
  assert.deepEqual(splitImage('localhost:5000/app'), { repository: 'localhost:5000/app', tag: 'latest' });
  assert.deepEqual(splitImage('a/b:c'), { repository: 'a/b', tag: 'c' });
});

test('build inputs from the engine: named stages the final stage needs, and secret ids with required noted', () => {
  const model = parseDockerfile(
    [
      'FROM node:20 AS deps',
      'RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci',
      'FROM deps AS build',
      'RUN --mount=type=secret,id=npmrc,required=true --mount=type=secret,target=/run/secrets/token npm run build',
      'FROM alpine AS unused',
      'FROM node:20-slim',
      'COPY --from=build /app /app',
    ].join('\n'),
  );
  assert.deepEqual(buildInputs(model), {
    stages: [
      { index: 0, name: 'deps', line: 0 },
      { index: 1, name: 'build', line: 2 },
      { index: 2, name: 'unused', line: 4 },
      { index: 3, name: undefined, line: 5 },
    ],
    cacheStages: ['deps', 'build'],
    secrets: [
      { id: 'npmrc', required: true, line: 1 },
      { id: 'token', required: false, line: 3 },
    ],
  });
});

test('build script: under sh it runs exactly the planned argv, in order, and nothing a value spells', (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlens-script-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const canary = path.join(dir, 'canary');
  const recorder = path.join(dir, 'docker');
  // The stand-in docker writes each argument on its own NUL-terminated record, then a blank record.
  fs.writeFileSync(
    recorder,
    `#!/bin/sh\nfor a in "$@"; do printf '%s\\0' "$a"; done >> "${dir}/argv"\nprintf '%s\\0' "BK=\${DOCKER_BUILDKIT:-}" '' >> "${dir}/argv"\n`,
    { mode: 0o755 },
  );
  const hostile = `a b'c"d$(touch ${canary})\`touch ${canary}\`;touch ${canary}&\n-x ü`;
  const plan = planBuild(twoStages, {
    ...base,
    docker: recorder,
    cache: 'inline',
    push: true,
    image: 'localhost:5000/app',
    buildArgs: { NOTE: hostile },
    context: `${dir}/ctx ${hostile.slice(0, 5)}`,
  });
  const script = buildScript(plan, `layerlens build ${hostile}`);
  assert.match(script, /^#!\/bin\/sh\n/);
  assert.match(script, /\nset -eu\n/);
  const run = spawnSync('sh', ['-c', script], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const records = fs.readFileSync(path.join(dir, 'argv'), 'utf8').split('\0');
  const recorded: string[][] = [];
  let current: string[] = [];
  for (const record of records.slice(0, -1)) {
    if (record === '') {
      recorded.push(current);
      current = [];
    } else current.push(record);
  }
  assert.deepEqual(
    recorded,
    plan.map((c) => [...c.argv.slice(1), `BK=${c.env.DOCKER_BUILDKIT ?? ''}`]),
  );
  assert.equal(fs.existsSync(canary), false, 'no value was run by the shell');
});

test('default image names are valid repository names', () => {
  const table: [string, string][] = [
    ['My App', 'my-app:latest'],
    ['api_server', 'api_server:latest'],
    ['--', 'image:latest'],
    ['Web.UI', 'web.ui:latest'],
  ];
  for (const [folder, name] of table) assert.equal(defaultImageName(folder), name);
});

test('a build argument named like a secret: its name on the command line, its value only in the environment docker reads it from', (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlens-hidden-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const recorder = path.join(dir, 'docker');
  // The stand-in docker records its arguments and the API_TOKEN it was given.
  fs.writeFileSync(recorder, `#!/bin/sh\nprintf '%s\\n' "$*" "API_TOKEN=\${API_TOKEN:-unset}" >> "${dir}/calls"\n`, { mode: 0o755 });
  const value = 'tok-CANARY-123';
  const [command] = planBuild(twoStages, { ...base, docker: recorder, buildArgs: { API_TOKEN: value, VERSION: '2' } });
  assert.deepEqual(command.argv.slice(command.argv.indexOf('--build-arg'), command.argv.indexOf('--build-arg') + 4), [
    '--build-arg',
    'API_TOKEN',
    '--build-arg',
    'VERSION=2',
  ]);
  assert.deepEqual(command.hiddenEnv, { API_TOKEN: value });
  for (const shell of ['posix', 'fish', 'powershell', 'cmd'] as const) assert.ok(!commandLine(command, shell).includes(value), shell);
  const script = buildScript([command], 'test');
  assert.ok(!script.includes(value));
  const withoutIt = spawnSync('sh', ['-c', script], { encoding: 'utf8', env: { PATH: process.env.PATH } });
  assert.notEqual(withoutIt.status, 0, 'the script stops when the environment lacks it');
  assert.match(withoutIt.stderr, /set API_TOKEN in the environment/);
  const withIt = spawnSync('sh', ['-c', script], { encoding: 'utf8', env: { PATH: process.env.PATH, API_TOKEN: value } });
  assert.equal(withIt.status, 0, withIt.stderr);
  assert.match(
    fs.readFileSync(path.join(dir, 'calls'), 'utf8'),
    new RegExp(`--build-arg API_TOKEN --build-arg VERSION=2 .*\\nAPI_TOKEN=${value}\\n`),
  );
});
