/** `docker.io/library/python:3.12-bookworm@sha256:…` → repository `python`, tag `3.12-bookworm`. */
export function imageParts(reference: string): { repository: string; tag?: string } {
  const withoutDigest = reference.split('@')[0];
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.indexOf(':', lastSlash + 1);
  const path = colon < 0 ? withoutDigest : withoutDigest.slice(0, colon);
  return {
    repository: path.toLowerCase().replace(/^(docker\.io\/)?(library\/)?/, ''),
    tag: colon < 0 ? undefined : withoutDigest.slice(colon + 1),
  };
}

/** Official images with a `-slim` variant of every version tag. */
export const SLIM_VARIANTS = new Set(['python', 'node', 'ruby', 'perl', 'openjdk']);

/** Images that are toolchains: what builds a program, not what runs it. */
export const TOOLCHAIN_IMAGES: Record<string, string> = {
  golang: 'a static binary on gcr.io/distroless/static or scratch',
  rust: 'the binary on debian:bookworm-slim',
  maven: 'the jar on eclipse-temurin:<version>-jre',
  gradle: 'the jar on eclipse-temurin:<version>-jre',
  gcc: 'the binary on debian:bookworm-slim',
};

/**
 * The `-slim` tag of an official image's version tag (`node:22` → `node:22-slim`,
 * `python:3.12-bookworm` → `python:3.12-slim-bookworm`); undefined when the tag is no version.
 */
export function slimVariant(image: string): string | undefined {
  const { tag } = imageParts(image);
  const version = tag ? /^(\d+(?:\.\d+)*)(-.+)?$/.exec(tag) : null;
  return version ? image.replace(`:${tag}`, `:${version[1]}-slim${version[2] ?? ''}`) : undefined;
}

/** Namespaces of images published for everyone by the toolchains and distributions themselves. */
const PUBLIC_NAMESPACES = /^(mcr\.microsoft\.com\/|ghcr\.io\/astral-sh\/|cimg\/|bitnami\/|oven\/|denoland\/|gcr\.io\/distroless\/|registry\.access\.redhat\.com\/|public\.ecr\.aws\/docker\/library\/|([^/]+\/)*library\/)/;

/** The names teams give the images that carry their project's dependencies: `acme/core-base`, `acme/app-deps`. */
const DEPENDENCY_IMAGE_NAME = /(^|[-_./])(base|deps|dependencies|vendor)$/;

/**
 * True when the image may already hold the project's dependencies, so that an install on it only
 * checks them: a team's own base or dependency image (not a Docker Official Image or a toolchain's
 * own), or a reference a build argument decides.
 */
export function mayCarryDependencies(reference: string): boolean {
  if (reference.trim() === '' || reference.includes('$')) return true;
  const { repository } = imageParts(reference);
  if (!repository.includes('/') || PUBLIC_NAMESPACES.test(repository)) return false;
  return DEPENDENCY_IMAGE_NAME.test(repository.slice(repository.lastIndexOf('/') + 1));
}
