import { execFile } from 'child_process';
import type { DockerProbe } from '../../common/buildPlan';

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Set when the program could not be started (ENOENT, EACCES), as opposed to exiting with an error. */
  error?: { code: string; message: string };
}

/** Runs the docker client with an argv (no shell), bounded in time so that a hung daemon cannot hang a command. */
function run(docker: string, args: string[]): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(docker, args, { timeout: 15_000, encoding: 'utf8' }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      resolve({ code, stdout, stderr, error: error && typeof error.code === 'string' ? { code: error.code, message: error.message } : undefined });
    });
  });
}

/**
 * Asks the docker client what it is: its version and its daemon's (`docker version` prints the
 * client's half even when the daemon is down), and whether buildx works and with which driver.
 */
export async function probeDocker(docker: string, builder: string): Promise<DockerProbe> {
  const version = await run(docker, ['version', '--format', '{{json .}}']);
  if (version.error) return { missing: version.error.code === 'ENOENT' ? 'not found' : version.error.message };
  let parsed: { Client?: { Version?: string }; Server?: { Version?: string } | null } = {};
  try {
    parsed = JSON.parse(version.stdout.trim().split('\n')[0] || '{}');
  } catch {
    // A client that does not know `--format` prints nothing parsable: it is too old for BuildKit anyway.
  }
  const probe: DockerProbe = { clientVersion: parsed.Client?.Version, serverVersion: parsed.Server?.Version ?? undefined };
  if (!probe.serverVersion) probe.serverError = version.stderr || version.stdout;
  const buildx = await run(docker, ['buildx', 'version']);
  if (buildx.code === 0) {
    const inspect = await run(docker, ['buildx', 'inspect', ...(builder ? [builder] : [])]);
    probe.buildx = { version: buildx.stdout.trim(), driver: /^Driver:\s*(\S+)/m.exec(inspect.stdout)?.[1] };
  }
  return probe;
}
