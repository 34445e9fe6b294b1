import { spawnSync, SpawnSyncOptions } from 'node:child_process';
import type { TestContext } from 'node:test';
import { requireHost } from './env';

/**
 * The real BuildKit: Docker 28.5 with buildx 0.29 (BuildKit v0.25), which test/hosts/modern-docker.sh
 * starts; test/run.mjs and .ci/run pass its client in LAYERLENS_DOCKER (with DOCKER_CONFIG holding
 * the buildx plugin) and its classic-store daemon in LAYERLENS_DOCKER_HOST.
 */
export const DOCKER = process.env.LAYERLENS_DOCKER ?? 'docker';
export const DOCKER_HOST = process.env.LAYERLENS_DOCKER_HOST;
/** The second daemon of the same engine, on the containerd image store (cache export, a real COPY --link). */
export const DOCKER_HOST_C8D = process.env.LAYERLENS_DOCKER_HOST_C8D;
export const dockerEnv = { ...process.env, DOCKER_HOST };
/** The same environment aimed at the containerd-store daemon. */
export const containerdStoreEnv = { ...process.env, DOCKER_HOST: DOCKER_HOST_C8D };
/** Debian 12's Docker 20.10 client: the classic `DOCKER_BUILDKIT=1 docker build`, without buildx. */
export const CLASSIC_CLIENT = '/usr/bin/docker';
/** The base image the daemon script imports from Debian's busybox-static: nothing can be pulled here. */
export const BASE_IMAGE = 'local/busybox:latest';

export function docker(args: string[], options: SpawnSyncOptions = {}) {
  return spawnSync(DOCKER, args, { env: dockerEnv, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, ...options });
}

export function daemonAnswers(): boolean {
  return DOCKER_HOST !== undefined && docker(['info']).status === 0;
}

/** Skips loudly without a daemon; under CI=true fails instead. */
export function requireDocker(t: TestContext): boolean {
  return requireHost(
    t,
    daemonAnswers(),
    `a BuildKit daemon (LAYERLENS_DOCKER_HOST=${DOCKER_HOST ?? 'unset'}; run test/hosts/modern-docker.sh up as root)`,
  );
}

/** The containerd-store daemon: skips loudly without it; under CI=true fails instead. */
export function requireContainerdStore(t: TestContext): boolean {
  const answers = DOCKER_HOST_C8D !== undefined && docker(['info'], { env: containerdStoreEnv }).status === 0;
  return requireHost(
    t,
    answers,
    `the containerd-store daemon (LAYERLENS_DOCKER_HOST_C8D=${DOCKER_HOST_C8D ?? 'unset'}; run test/hosts/modern-docker.sh up as root)`,
  );
}
