import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildImageCommand, defaultImageName } from '../../common/buildCommand';

test('a plain BuildKit build: -f, tag, context last, BuildKit switched on through the environment', () => {
  assert.deepEqual(buildImageCommand({ docker: '/usr/bin/docker', dockerfile: '/w/app/Dockerfile', context: '/w/app', tag: 'app:latest' }), {
    argv: ['/usr/bin/docker', 'build', '--file', '/w/app/Dockerfile', '--tag', 'app:latest', '/w/app'],
    env: { DOCKER_BUILDKIT: '1' },
  });
});

test('target, platform, build args and secrets by file or environment variable, never by value', () => {
  const { argv } = buildImageCommand({
    docker: 'docker', dockerfile: 'Dockerfile', context: '.', tag: 'x:1', target: 'build', platform: 'linux/arm64',
    buildArgs: { VERSION: '2' }, secrets: { npm: { src: '/home/me/.npmrc' }, token: { env: 'GH_TOKEN' } },
  });
  assert.deepEqual(argv, ['docker', 'build', '--file', 'Dockerfile', '--tag', 'x:1', '--target', 'build', '--platform', 'linux/arm64',
    '--build-arg', 'VERSION=2', '--secret', 'id=npm,src=/home/me/.npmrc', '--secret', 'id=token,env=GH_TOKEN', '.']);
});

test('default image names are valid repository names', () => {
  const table: [string, string][] = [['My App', 'my-app:latest'], ['api_server', 'api_server:latest'], ['--', 'image:latest'], ['Web.UI', 'web.ui:latest']];
  for (const [folder, name] of table) assert.equal(defaultImageName(folder), name);
});
