import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { applyEdits, convertToMultiStage, parseDockerfile } from '../../server/src/engine';
import { BASE_IMAGE, DOCKER, docker, daemonAnswers, dockerEnv, requireDocker } from '../support/docker';

/**
 * Refactors proven on a real BuildKit: the project builds before and after, the program prints
 * the same, and the refactor pays (here: a smaller image). The edits are the engine's, the same
 * the editor applies.
 */
const RUN_ID = randomBytes(4).toString('hex');
const tags: string[] = [];

function buildImage(dir: string, tag: string): void {
  const result = spawnSync(DOCKER, ['build', '--progress=plain', '--tag', tag, dir], { env: { ...dockerEnv, DOCKER_BUILDKIT: '1' }, encoding: 'utf8' });
  tags.push(tag);
  assert.equal(result.status, 0, `${result.stdout}${result.stderr}`);
}

const sizeOf = (tag: string) => Number(String(docker(['image', 'inspect', '--format', '{{.Size}}', tag]).stdout).trim());
const output = (tag: string) => docker(['run', '--rm', tag]).stdout as string;

after(() => {
  if (tags.length > 0 && daemonAnswers()) docker(['rmi', '--force', ...tags]);
});

describe('refactors on a real BuildKit: the result builds, runs the same, and pays', () => {
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
    assert.ok(afterSize * 4 < before, `much smaller: ${afterSize} after, ${before} before`);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
