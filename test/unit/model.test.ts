import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { spawnSync } from 'node:child_process';
import { DockerfileParser } from 'dockerfile-ast';
import type { Instruction as AstInstruction } from 'dockerfile-ast';
import { Validator } from 'dockerfile-utils/lib/dockerValidator';
import {
  expand,
  parseDockerfile,
  reachableStages,
  referencedNames,
  reusingValidator,
  textOf,
  variableAt,
  variablesAt,
  withParseShared,
  writtenFiles,
} from '../../server/src/engine/model';
import { analyze } from '../../server/src/engine';
import { repoRoot } from '../support/env';
import type { DockerfileModel, Instruction, Mount } from '../../server/src/engine/model';

const lines = (...l: string[]) => l.join('\n') + '\n';
const only = (model: DockerfileModel, keyword: string): Instruction => {
  const found = model.instructions.filter((i) => i.keyword === keyword);
  assert.equal(found.length, 1, `exactly one ${keyword}`);
  return found[0];
};
/** Mounts without their ranges and option maps, for comparing against literal records. */
const plain = (mount: Mount) => {
  const { range: _range, options: _options, ...rest } = mount;
  return rest;
};

describe('parser directives', () => {
  const cases: {
    name: string;
    text: string;
    syntax?: string;
    escape: string;
    check?: { skip: string[]; skipAll: boolean; error: boolean };
  }[] = [
    { name: 'none', text: 'FROM a\n', escape: '\\' },
    { name: 'syntax', text: '# syntax=docker/dockerfile:1.7\nFROM a\n', syntax: 'docker/dockerfile:1.7', escape: '\\' },
    { name: 'backtick escape', text: '# escape=`\nFROM a\n', escape: '`' },
    { name: 'escape after a leading space', text: ' # escape=`\nFROM a\n', escape: '`' },
    { name: 'escape behind a byte-order mark', text: '\uFEFF# escape=`\nFROM a\nRUN echo a `\n  b\n', escape: '`' },
    {
      name: 'check with skip list and error',
      text: '# check=skip=JSONArgsRecommended,StageNameCasing;error=true\nFROM a\n',
      escape: '\\',
      check: { skip: ['JSONArgsRecommended', 'StageNameCasing'], skipAll: false, error: true },
    },
    { name: 'check skip=all', text: '# check=skip=all\nFROM a\n', escape: '\\', check: { skip: [], skipAll: true, error: false } },
    { name: 'a directive after an instruction is a comment', text: 'FROM a\n# escape=`\n', escape: '\\' },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const { directives } = parseDockerfile(c.text);
      assert.equal(directives.syntax?.value, c.syntax);
      assert.equal(directives.escape.char, c.escape);
      if (c.check) {
        assert.deepEqual([...directives.check!.skip], c.check.skip);
        assert.equal(directives.check!.skipAll, c.check.skipAll);
        assert.equal(directives.check!.error, c.check.error);
      } else {
        assert.equal(directives.check, undefined);
      }
    });
  }

  test('a byte-order mark neither hides the first instruction nor shifts ranges', () => {
    const model = parseDockerfile('\uFEFFFROM alpine\nARG TOKEN\n');
    assert.deepEqual(
      model.instructions.map((i) => i.keyword),
      ['FROM', 'ARG'],
    );
    assert.equal(model.text.charCodeAt(0), 0xfeff, 'the text is kept as given');
    assert.deepEqual(model.stages[0].from.keywordRange.start, { line: 0, character: 1 });
  });

  test('a backtick escape joins continuation lines in RUN', () => {
    const model = parseDockerfile('# escape=`\nFROM mcr.microsoft.com/windows/servercore\nRUN powershell -Command `\n    Write-Host hi\n');
    assert.equal(only(model, 'RUN').run?.command, 'powershell -Command     Write-Host hi');
  });
});

describe('stages', () => {
  const text = lines(
    'ARG BASE=alpine:3.20',
    'FROM --platform=$BUILDPLATFORM golang:1.22 AS Build',
    'RUN go build -o /app',
    'FROM ${BASE} AS runtime',
    'COPY --from=build /app /app',
    'FROM runtime',
    'FROM build AS again',
    'FROM scratch',
    'COPY --from=0 /app /app',
  );
  const model = parseDockerfile(text);
  const table: { index: number; name?: string; base: string; resolvedBase: string; baseStage?: number; platform?: string }[] = [
    { index: 0, name: 'Build', base: 'golang:1.22', resolvedBase: 'golang:1.22', platform: '$BUILDPLATFORM' },
    { index: 1, name: 'runtime', base: '${BASE}', resolvedBase: 'alpine:3.20' },
    { index: 2, base: 'runtime', resolvedBase: 'runtime', baseStage: 1 },
    { index: 3, name: 'again', base: 'build', resolvedBase: 'build', baseStage: 0 },
    { index: 4, base: 'scratch', resolvedBase: 'scratch' },
  ];
  for (const row of table) {
    test(`stage ${row.index} (${row.name ?? row.base})`, () => {
      const stage = model.stages[row.index];
      assert.equal(stage.index, row.index);
      assert.equal(stage.name, row.name);
      assert.equal(stage.base, row.base);
      assert.equal(stage.resolvedBase, row.resolvedBase);
      assert.equal(stage.baseStage, row.baseStage);
      assert.equal(stage.platform, row.platform);
    });
  }

  test('instructions know their stage, global ARGs have none', () => {
    assert.deepEqual(
      model.instructions.map((i) => i.stage),
      [-1, 0, 0, 1, 1, 2, 3, 4, 4],
    );
    assert.deepEqual(
      model.globalArgs.map((a) => [a.name, a.defaultValue]),
      [['BASE', 'alpine:3.20']],
    );
  });

  test('the stage graph links FROM, COPY --from by name (any case) and by index', () => {
    const edges = model.dependencies.filter((d) => d.target !== undefined).map((d) => [d.stage, d.kind, d.target]);
    assert.deepEqual(edges, [
      [1, 'copy', 0],
      [2, 'from', 1],
      [3, 'from', 0],
      [4, 'copy', 0],
    ]);
  });

  const reach: { target?: string; stages: number[] }[] = [
    { target: undefined, stages: [0, 4] },
    { target: 'runtime', stages: [0, 1] },
    { target: 'RUNTIME', stages: [0, 1] },
    { target: '2', stages: [0, 1, 2] },
    { target: 'again', stages: [0, 3] },
    { target: 'missing', stages: [] },
  ];
  for (const row of reach) {
    test(`stages BuildKit builds for target ${row.target ?? '(last)'}`, () => {
      assert.deepEqual([...reachableStages(model, row.target)].sort(), row.stages);
    });
  }

  test('RUN --mount from= is a dependency too', () => {
    const m = parseDockerfile(lines('FROM a AS deps', 'FROM b', 'RUN --mount=type=bind,from=deps,target=/d ls /d'));
    assert.deepEqual(
      m.dependencies.filter((d) => d.kind === 'mount').map((d) => d.target),
      [0],
    );
    assert.deepEqual([...reachableStages(m)].sort(), [0, 1]);
  });
});

describe('flags', () => {
  test('COPY and ADD flags', () => {
    const model = parseDockerfile(
      lines(
        'FROM a AS src',
        'FROM b',
        'COPY --from=src --chown=1000:1000 --chmod=755 --link --exclude=*.md --exclude=tests --parents ./a ./b /dst/',
        'ADD --checksum=sha256:abc --keep-git-dir=true https://example.com/x.tgz /x',
      ),
    );
    const [copy, add] = model.instructions.filter((i) => i.copy).map((i) => i.copy!);
    assert.deepEqual(
      { ...copy, sources: copy.sources.map((s) => s.value), destination: copy.destination?.value },
      {
        from: 'src',
        chown: '1000:1000',
        chmod: '755',
        link: true,
        parents: true,
        exclude: ['*.md', 'tests'],
        checksum: undefined,
        keepGitDir: false,
        sources: ['./a', './b'],
        destination: '/dst/',
      },
    );
    assert.equal(add.checksum, 'sha256:abc');
    assert.equal(add.keepGitDir, true);
    assert.deepEqual(
      add.sources.map((s) => s.value),
      ['https://example.com/x.tgz'],
    );
  });

  test('COPY in JSON form', () => {
    const copy = only(parseDockerfile('FROM a\nCOPY ["my file", "/dst dir/"]\n'), 'COPY').copy!;
    assert.deepEqual(
      copy.sources.map((s) => s.value),
      ['my file'],
    );
    assert.equal(copy.destination?.value, '/dst dir/');
  });

  test('RUN --network, --security and the exec form', () => {
    const run = only(parseDockerfile('FROM a\nRUN --network=none --security=insecure ["sh", "-c", "echo hi"]\n'), 'RUN').run!;
    assert.equal(run.network, 'none');
    assert.equal(run.security, 'insecure');
    assert.equal(run.form, 'exec');
  });

  test('RUN continuation lines and comment lines inside them', () => {
    const run = only(
      parseDockerfile('FROM a\nRUN apt-get update \\\n# a comment in the middle\n && apt-get install -y curl\n'),
      'RUN',
    ).run!;
    assert.equal(run.command, 'apt-get update  && apt-get install -y curl');
    assert.equal(run.form, 'shell');
  });
});

describe('RUN --mount records', () => {
  const table: { flag: string; mount: Record<string, unknown> }[] = [
    {
      flag: 'type=cache,target=/root/.npm',
      mount: {
        type: 'cache',
        target: '/root/.npm',
        id: undefined,
        sharing: 'shared',
        from: undefined,
        source: undefined,
        mode: undefined,
        uid: undefined,
        gid: undefined,
        readonly: false,
        problems: [],
      },
    },
    {
      flag: 'type=cache,id=apt,dst=/var/cache/apt,sharing=locked,uid=1000,gid=1000,mode=0755,ro',
      mount: {
        type: 'cache',
        target: '/var/cache/apt',
        id: 'apt',
        sharing: 'locked',
        from: undefined,
        source: undefined,
        mode: '0755',
        uid: '1000',
        gid: '1000',
        readonly: true,
        problems: [],
      },
    },
    {
      flag: 'type=cache,target=/x,sharing=sometimes',
      mount: {
        type: 'cache',
        target: '/x',
        id: undefined,
        sharing: 'shared',
        from: undefined,
        source: undefined,
        mode: undefined,
        uid: undefined,
        gid: undefined,
        readonly: false,
        problems: ['sharing must be shared, private or locked, not "sometimes"'],
      },
    },
    {
      flag: 'type=secret,id=npmrc,target=/root/.npmrc,required=true,mode=0400',
      mount: {
        type: 'secret',
        id: 'npmrc',
        target: '/root/.npmrc',
        env: undefined,
        required: true,
        mode: '0400',
        uid: undefined,
        gid: undefined,
        problems: [],
      },
    },
    {
      flag: 'type=secret,id=token',
      mount: {
        type: 'secret',
        id: 'token',
        target: '/run/secrets/token',
        env: undefined,
        required: false,
        mode: undefined,
        uid: undefined,
        gid: undefined,
        problems: [],
      },
    },
    {
      flag: 'type=secret,target=/run/secrets/aws,required',
      mount: {
        type: 'secret',
        id: 'aws',
        target: '/run/secrets/aws',
        env: undefined,
        required: true,
        mode: undefined,
        uid: undefined,
        gid: undefined,
        problems: [],
      },
    },
    {
      flag: 'type=secret,id=tok,env=TOKEN',
      mount: {
        type: 'secret',
        id: 'tok',
        target: undefined,
        env: 'TOKEN',
        required: false,
        mode: undefined,
        uid: undefined,
        gid: undefined,
        problems: [],
      },
    },
    { flag: 'target=/src', mount: { type: 'bind', target: '/src', source: undefined, from: undefined, readwrite: false, problems: [] } },
    {
      flag: 'type=bind,from=build,src=/out,target=/in,rw',
      mount: { type: 'bind', target: '/in', source: '/out', from: 'build', readwrite: true, problems: [] },
    },
    {
      flag: 'type=ssh',
      mount: {
        type: 'ssh',
        id: 'default',
        target: undefined,
        required: false,
        mode: undefined,
        uid: undefined,
        gid: undefined,
        problems: [],
      },
    },
    {
      flag: 'type=ssh,id=github,required=true',
      mount: {
        type: 'ssh',
        id: 'github',
        target: undefined,
        required: true,
        mode: undefined,
        uid: undefined,
        gid: undefined,
        problems: [],
      },
    },
    { flag: 'type=tmpfs,target=/tmp,size=64m', mount: { type: 'tmpfs', target: '/tmp', size: '64m', problems: [] } },
    {
      flag: 'type=volume,target=/x',
      mount: {
        type: 'unknown',
        declaredType: 'volume',
        problems: ['unknown mount type "volume" (expected bind, cache, secret, ssh or tmpfs)'],
      },
    },
    {
      flag: 'type=tmpfs,target=/t,sharing=locked',
      mount: { type: 'tmpfs', target: '/t', size: undefined, problems: ['sharing applies only to cache mounts, not type=tmpfs'] },
    },
    {
      flag: 'type=bind,z',
      mount: {
        type: 'bind',
        target: undefined,
        source: undefined,
        from: undefined,
        readwrite: false,
        problems: ['"z" must be a key=value pair'],
      },
    },
    {
      flag: 'type=cache',
      mount: {
        type: 'cache',
        target: undefined,
        id: undefined,
        sharing: 'shared',
        from: undefined,
        source: undefined,
        mode: undefined,
        uid: undefined,
        gid: undefined,
        readonly: false,
        problems: [],
      },
    },
  ];
  for (const row of table) {
    test(`--mount=${row.flag}`, () => {
      const model = parseDockerfile(`FROM a\nRUN --mount=${row.flag} true\n`);
      const [mount] = only(model, 'RUN').run!.mounts;
      assert.deepEqual(plain(mount), row.mount);
      assert.equal(model.problems.length, (row.mount.problems as string[]).length, 'each mount problem is a model problem');
    });
  }

  test('several mounts on one RUN keep their order', () => {
    const run = only(
      parseDockerfile('FROM a\nRUN --mount=type=cache,target=/a --mount=type=secret,id=b \\\n    --mount=type=bind,target=/c true\n'),
      'RUN',
    ).run!;
    assert.deepEqual(
      run.mounts.map((m) => m.type),
      ['cache', 'secret', 'bind'],
    );
  });
});

describe('heredocs', () => {
  test('RUN with a heredoc: body kept apart from the arguments', () => {
    const model = parseDockerfile('FROM a\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF\nRUN echo after\n');
    const [first, second] = model.instructions.filter((i) => i.keyword === 'RUN');
    assert.deepEqual(
      first.heredocs.map((h) => [h.name, h.content]),
      [['EOF', 'apt-get update\napt-get install -y curl']],
    );
    assert.deepEqual(
      first.args.map((a) => a.value),
      ['<<EOF'],
    );
    assert.equal(second.run?.command, 'echo after');
  });

  test('COPY with a heredoc and its destination', () => {
    const copy = only(parseDockerfile('FROM a\nCOPY <<-EOT /etc/motd\n\thello\nEOT\n'), 'COPY');
    assert.equal(copy.heredocs[0].name, 'EOT');
    assert.equal(copy.copy?.destination?.value, '/etc/motd');
  });

  test('blanks between << and the name, as BuildKit reads them; a quoted << is a string', () => {
    const text =
      'FROM a\nRUN cat << \'EOF\' > /f.js\nwindow.ENV = {\n};\nEOF\nRUN cat <<- EOT | sh\n\tset -e\n\tEOT\nRUN echo "a << b" > /y\n';
    const runs = parseDockerfile(text).instructions.filter((i) => i.keyword === 'RUN');
    assert.deepEqual(
      runs.map((r) => r.range.start.line),
      [1, 5, 8],
      'the bodies are not instructions',
    );
    assert.deepEqual(
      runs.slice(0, 2).map((r) => r.heredocs.map((h) => [h.name, h.content])),
      [[['EOF', 'window.ENV = {\n};']], [['EOT', '\tset -e']]],
    );
    assert.equal(runs[2].run?.command, 'echo "a << b" > /y');
  });

  test('an unterminated heredoc still yields the instruction', () => {
    const model = parseDockerfile('FROM a\nRUN <<EOF\necho never closed\n');
    assert.equal(only(model, 'RUN').heredocs.length, 1);
  });
});

describe('ARG scopes and variable resolution', () => {
  const text = lines(
    'ARG VERSION=1.0',
    'ARG REGISTRY',
    'FROM ${REGISTRY:-docker.io}/app:${VERSION} AS base',
    'ARG VERSION',
    'ARG MODE=dev',
    'ENV HOME_DIR=/home/$MODE',
    'RUN echo $VERSION $MODE $HOME_DIR',
    'FROM base AS child',
    'RUN echo $HOME_DIR $VERSION',
  );
  const model = parseDockerfile(text);
  const [run1, run2] = model.instructions.filter((i) => i.keyword === 'RUN');
  const values = (instruction: Instruction, buildArgs = {}) =>
    Object.fromEntries(variablesAt(model, instruction, buildArgs).map((v) => [v.name, [v.kind, v.value]]));

  test('a FROM sees global ARGs with their defaults', () => {
    assert.equal(model.stages[0].resolvedBase, 'docker.io/app:1.0');
  });
  test('a stage ARG re-declared without default takes the global value', () => {
    assert.deepEqual(values(run1), { VERSION: ['arg', '1.0'], MODE: ['arg', 'dev'], HOME_DIR: ['env', '/home/dev'] });
  });
  test('--build-arg overrides both the stage default and the global one', () => {
    assert.deepEqual(values(run1, { VERSION: '2.0', MODE: 'prod' }), {
      VERSION: ['arg', '2.0'],
      MODE: ['arg', 'prod'],
      HOME_DIR: ['env', '/home/prod'],
    });
  });
  test('a child stage inherits ENV but not ARG', () => {
    assert.deepEqual(values(run2), { HOME_DIR: ['env', '/home/dev'] });
  });
  test('global ARGs are invisible in a stage that does not re-declare them', () => {
    const m = parseDockerfile('ARG V=1\nFROM a\nRUN echo $V\n');
    assert.deepEqual(variablesAt(m, m.instructions[2]), []);
  });

  // What BuildKit's parser keeps of each ARG (frontend/dockerfile/parser/testfiles/args): a quoted default keeps its blanks.
  const declarations: { text: string; declared: [string, string | null][] }[] = [
    {
      text: 'ARG A B=1',
      declared: [
        ['A', null],
        ['B', '1'],
      ],
    },
    {
      text: 'ARG abc="123 456" def',
      declared: [
        ['abc', '123 456'],
        ['def', null],
      ],
    },
    {
      text: "ARG REPO='http://host/ suite main' X",
      declared: [
        ['REPO', 'http://host/ suite main'],
        ['X', null],
      ],
    },
    {
      text: 'ARG FLAGS="-s \\\n  -w" Y=2',
      declared: [
        ['FLAGS', '-s   -w'],
        ['Y', '2'],
      ],
    },
    { text: 'ARG OPEN="never closed', declared: [['OPEN', 'never closed']] },
  ];
  for (const row of declarations) {
    test(`declares ${JSON.stringify(row.text)}`, () => {
      const arg = only(parseDockerfile(row.text + '\n'), 'ARG');
      assert.deepEqual(
        arg.properties.map((p) => [p.name, p.value]),
        row.declared,
      );
    });
  }

  const expansions: { text: string; value: string; unresolved?: string[] }[] = [
    { text: '$A-${A}', value: 'x-x' },
    { text: '${MISSING:-fallback}', value: 'fallback' },
    { text: '${EMPTY:-fallback} ${EMPTY-kept}', value: 'fallback ' },
    { text: '${A:+alt} ${MISSING:+alt}', value: 'alt ' },
    { text: '${A+set} ${MISSING+set}', value: 'set ' },
    { text: '\\$A', value: '\\$A' },
    { text: "'$A' $A", value: "'$A' x" },
    { text: '$MISSING/$A', value: '/x', unresolved: ['MISSING'] },
    { text: '${NESTED:-${A}}', value: 'x' },
    { text: '${unterminated', value: '${unterminated' },
    { text: 'cost: $5', value: 'cost: $5' },
    // An escaped slash in the pattern, and one in the replacement, which stays escaped, as BuildKit v0.25 reads them.
    { text: '${P/\\//-} ${V/arm\\/v7/arm-7} ${P//\\//\\/x}', value: 'linux-amd64 linux-arm-7 linux\\/xamd64' },
  ];
  const lookup = (name: string) => (({ A: 'x', EMPTY: '', P: 'linux/amd64', V: 'linux-arm/v7' }) as Record<string, string>)[name];
  for (const row of expansions) {
    test(`expand ${row.text}`, () => {
      const result = expand(row.text, lookup);
      assert.equal(result.value, row.value);
      assert.deepEqual(result.unresolved, row.unresolved ?? []);
    });
  }

  test('referenced names', () => {
    assert.deepEqual(referencedNames("echo $A ${B:-$C} \\$D '$E'"), ['A', 'B', 'C']);
  });
});

describe('inline suppressions', () => {
  test('# check=skip and # hadolint ignore apply to the next instruction only', () => {
    const model = parseDockerfile(
      lines(
        'FROM a',
        '# check=skip=SecretsUsedInArgOrEnv // allowed here',
        'ARG TOKEN',
        '# hadolint ignore=DL3008,DL3015',
        '# another comment line',
        'RUN apt-get install -y curl',
        'ARG PASSWORD',
      ),
    );
    assert.deepEqual(
      [...model.inlineSuppressions.entries()].map(([i, s]) => [i, [...s]]),
      [
        [1, ['SecretsUsedInArgOrEnv']],
        [2, ['DL3008', 'DL3015']],
      ],
    );
  });
});

test('a chain of a thousand FROM-stage stages: each sees the ENV of every stage before it', () => {
  const stages = Array.from(
    { length: 1000 },
    (_, i) => `${i === 0 ? 'FROM alpine AS s0' : `FROM s${i - 1} AS s${i}`}\nENV V${i}=${i === 0 ? 'start' : `\${V${i - 1}}-${i}`}`,
  );
  const model = parseDockerfile(stages.join('\n') + '\nRUN true\n');
  const last = model.instructions[model.instructions.length - 1];
  assert.equal(variablesAt(model, last).length, 1000);
  assert.equal(variableAt(model, last, 'V0')?.value, 'start');
  assert.equal(variableAt(model, last, 'V3')?.value, 'start-1-2-3');
  assert.equal(variableAt(model, last, 'V999')?.kind, 'env');
});

test("dockerfile-ast's methods that move the ends of the ranges they are given (From.getImageNameRange) change neither the model nor a later answer", () => {
  const text = 'FROM local/busybox:latest AS build\n';
  const model = parseDockerfile(text);
  const from = withParseShared(() => DockerfileParser.parse(text)).getFROMs()[0];
  assert.deepEqual(from.getImageNameRange(), { start: { line: 0, character: 5 }, end: { line: 0, character: 18 } });
  assert.deepEqual(from.getImageRange(), { start: { line: 0, character: 5 }, end: { line: 0, character: 25 } });
  assert.deepEqual(model.stages[0].from.args[0].range, { start: { line: 0, character: 5 }, end: { line: 0, character: 25 } });
});

test('a word reads, compares and serialises as a plain value and range, on any line and with CRLF endings', () => {
  const model = parseDockerfile('FROM alpine\r\nRUN apk add \\\r\n    curl -fsSL\r\n');
  const plain = [
    { value: 'apk', range: { start: { line: 1, character: 4 }, end: { line: 1, character: 7 } } },
    { value: 'add', range: { start: { line: 1, character: 8 }, end: { line: 1, character: 11 } } },
    { value: 'curl', range: { start: { line: 2, character: 4 }, end: { line: 2, character: 8 } } },
    { value: '-fsSL', range: { start: { line: 2, character: 9 }, end: { line: 2, character: 14 } } },
  ];
  const args = model.instructions[1].args;
  assert.deepEqual(
    args.map((a) => ({ value: a.value, range: a.range })),
    plain,
  );
  assert.deepEqual(JSON.parse(JSON.stringify(args)), plain);
});

test('a variable on an indented line before the first FROM: dockerfile-ast alone overflows the stack; here it resolves as undefined', () => {
  const text = '  ARG A=$B\nFROM busybox\nRUN echo $A\n';
  const alone = spawnSync(process.execPath, ['-e', `require('dockerfile-utils').validate(${JSON.stringify(text)})`], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  assert.match(alone.stderr, /Maximum call stack size exceeded/, "the crash this guards against is still dockerfile-ast's");
  assert.doesNotThrow(() => analyze(text));
  const [variable] = DockerfileParser.parse(text).getInstructions()[0].getVariables();
  assert.equal(variable.isDefined(), false);
});

test('a lone carriage return ends a line, as for editors, the LSP and dockerfile-ast: ranges and text agree', () => {
  const model = parseDockerfile('FROM alpine\rRUN echo hi\r\nCMD ["sh"]\n');
  assert.deepEqual(
    model.instructions.map((i) => [i.range.start.line, textOf(model.text, model.lineStarts, i.range)]),
    [
      [0, 'FROM alpine'],
      [1, 'RUN echo hi'],
      [2, 'CMD ["sh"]'],
    ],
  );
});

test('writtenFiles: the files a simple command writes, not the descriptors it points at', () => {
  const rows: [string, string[]][] = [
    ['cat /run/secrets/t > /etc/token', ['/etc/token']],
    ['cat /run/secrets/t >>/etc/token', ['/etc/token']],
    ['make 2> err.log', ['err.log']],
    ['make > build.log 2>&1', ['build.log']],
    ['cp /run/secrets/npmrc /root/.npmrc', ['/root/.npmrc']],
    ['tee -a /etc/hosts.extra < /run/secrets/hosts', ['/etc/hosts.extra']],
    ['npm ci', []],
  ];
  for (const [command, files] of rows) assert.deepEqual(writtenFiles(command.split(' ')), files, command);
});

test('the validator checks again only the instructions a version changed, and finds in the others what it found before', () => {
  type Checks = {
    validateInstruction: (this: unknown, ...args: unknown[]) => void;
    checkVariables: (this: unknown, instruction: AstInstruction, problems: unknown[]) => void;
  };
  const checks = Validator.prototype as unknown as Checks;
  const { validateInstruction, checkVariables } = checks;
  const validated: number[] = [];
  const variablesChecked: number[] = [];
  checks.validateInstruction = function (this: unknown, ...args: unknown[]) {
    validated.push((args[2] as AstInstruction).getRange().start.line);
    validateInstruction.apply(this, args);
  };
  checks.checkVariables = function (this: unknown, instruction: AstInstruction, problems: unknown[]) {
    variablesChecked.push(instruction.getRange().start.line);
    checkVariables.call(this, instruction, problems);
  };
  try {
    const validate = reusingValidator();
    const before = parseDockerfile(lines('FROM alpine', 'EXPOSE 80/tpc', 'ENV A=${B:}', 'RUN true'));
    const found = validate(before);
    assert.deepEqual(validated, [0, 1, 2, 3]);
    assert.deepEqual(
      found.map((f) => f.range.start.line),
      [1, 2],
      'the bad protocol and the modifier',
    );
    validated.length = variablesChecked.length = 0;
    const after = parseDockerfile(lines('FROM alpine', 'EXPOSE 80/tpc', 'ENV A=${B:}', 'RUN tru'), before);
    const again = validate(after);
    assert.deepEqual(validated, [3]);
    assert.deepEqual(variablesChecked, [3]);
    assert.deepEqual(again, found);
    assert.notEqual(again[0], found[0], 'each version gets findings of its own, which its reader may change');
  } finally {
    checks.validateInstruction = validateInstruction;
    checks.checkVariables = checkVariables;
  }
});
