import { spawnSync, SpawnSyncOptions } from 'node:child_process';
import * as fs from 'node:fs';
import type { TestContext } from 'node:test';
import { requireHost } from './env';

/**
 * The real BuildKit: the private dockerd that test/hosts/dockerd.sh starts (test/run.mjs and
 * .ci/run pass its socket in LAYERLENS_DOCKER_HOST), driven by the 20.10 client, whose
 * `DOCKER_BUILDKIT=1 docker build` needs no buildx.
 */
export const DOCKER = process.env.LAYERLENS_DOCKER ?? '/usr/bin/docker';
export const DOCKER_HOST = process.env.LAYERLENS_DOCKER_HOST;
export const dockerEnv = { ...process.env, DOCKER_HOST };
/** The base image the daemon script imports from Debian's busybox-static: nothing can be pulled here. */
export const BASE_IMAGE = 'local/busybox:latest';

export function docker(args: string[], options: SpawnSyncOptions = {}) {
  return spawnSync(DOCKER, args, { env: dockerEnv, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, ...options });
}

export function daemonAnswers(): boolean {
  return DOCKER_HOST !== undefined && fs.existsSync(DOCKER) && docker(['info']).status === 0;
}

/** Skips loudly without a daemon; under CI=true fails instead. */
export function requireDocker(t: TestContext): boolean {
  return requireHost(t, daemonAnswers(), `a BuildKit daemon (LAYERLENS_DOCKER_HOST=${DOCKER_HOST ?? 'unset'}; run test/hosts/dockerd.sh start as root)`);
}
