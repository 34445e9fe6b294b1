/**
 * The docker command lines Layerlens runs, composed in one pure place so that the
 * extension's terminal, the tests against a real BuildKit and (later) the CLI run the same.
 */
export interface BuildRequest {
  /** The docker executable: `docker`, or a path such as `/usr/bin/docker`. */
  docker: string;
  dockerfile: string;
  context: string;
  tag: string;
  target?: string;
  buildArgs?: Readonly<Record<string, string>>;
  platform?: string;
  /** Secret ids mapped to a file (`src`) or an environment variable (`env`); never a value. */
  secrets?: Readonly<Record<string, { src: string } | { env: string }>>;
}

export interface PlannedCommand {
  argv: string[];
  /** Environment variables the command needs on top of the caller's. */
  env: Record<string, string>;
}

/**
 * A BuildKit build with the classic `docker build`: `DOCKER_BUILDKIT=1` selects BuildKit on
 * clients that still have the legacy builder (Docker 18.09 to 22.x), and is accepted by newer ones.
 */
export function buildImageCommand(request: BuildRequest): PlannedCommand {
  const argv = [request.docker, 'build', '--file', request.dockerfile, '--tag', request.tag];
  if (request.target) argv.push('--target', request.target);
  if (request.platform) argv.push('--platform', request.platform);
  for (const [name, value] of Object.entries(request.buildArgs ?? {})) argv.push('--build-arg', `${name}=${value}`);
  for (const [id, source] of Object.entries(request.secrets ?? {})) {
    argv.push('--secret', 'src' in source ? `id=${id},src=${source.src}` : `id=${id},env=${source.env}`);
  }
  argv.push(request.context);
  return { argv, env: { DOCKER_BUILDKIT: '1' } };
}

/** A default image name for a Dockerfile: its folder's name, lower-cased into a valid repository name. */
export function defaultImageName(folderName: string): string {
  const name = folderName.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
  return `${name || 'image'}:latest`;
}
