import { splitImageReference } from '../../../../common/imageReference';

/** `docker.io/library/python:3.12-bookworm@sha256:…` → repository `python`, tag `3.12-bookworm`. */
export function imageParts(reference: string): { repository: string; tag?: string } {
  const { name, tag } = splitImageReference(reference);
  return { repository: name.toLowerCase().replace(/^(docker\.io\/)?(library\/)?/, ''), tag };
}

/**
 * Where each official image with slim variants writes `slim` in its tags, as their "Supported tags"
 * lists on Docker Hub show: python, ruby and perl before the Debian suite (`3.12-slim-bookworm`,
 * `slim-bookworm`, perl's `5.40-slim-threaded-bookworm`), node after it (`22-bookworm-slim`,
 * `lts-trixie-slim`). Every version and release line of these images is published with a slim
 * variant for each Debian suite it is published on.
 */
const SLIM_PLACEMENT: Record<string, 'before-suite' | 'after-suite'> = {
  python: 'before-suite',
  ruby: 'before-suite',
  perl: 'before-suite',
  node: 'after-suite',
};

/** Images that are toolchains: what builds a program, not what runs it. */
export const TOOLCHAIN_IMAGES: Record<string, string> = {
  golang: 'a static binary on gcr.io/distroless/static or scratch',
  rust: 'the binary on debian:bookworm-slim',
  maven: 'the jar on eclipse-temurin:<version>-jre',
  gradle: 'the jar on eclipse-temurin:<version>-jre',
  gcc: 'the binary on debian:bookworm-slim',
};

/**
 * Images whose config sets a shell (a `SHELL` in the Dockerfile they were built from): a shell-form
 * `CMD` or `ENTRYPOINT` on them is what their maintainers chose, and BuildKit gives no
 * JSONArgsRecommended there (checked on BuildKit v0.25 with a base image that sets `SHELL`). Jupyter's
 * docker-stacks set `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` in base-notebook, which every
 * other notebook image is built from.
 */
export function setsShell(reference: string): boolean {
  return /^(quay\.io\/)?jupyter\/[a-z0-9-]+-notebook$/.test(imageParts(reference).repository);
}

/**
 * Official images deprecated by their maintainers, and what replaces them in a final stage: openjdk has
 * published only early-access JDK builds since 2022.
 */
export const DEPRECATED_IMAGES: Record<string, string> = {
  openjdk: 'eclipse-temurin:<version>-jre',
};

/** The Debian suites the official images name in their tags. */
const DEBIAN_SUITE = /^(jessie|stretch|buster|bullseye|bookworm|trixie|forky)$/;

/**
 * What comes before the variant words of a tag: a version (`3.12`, `22.11.0`, `3.15.0a6`), a
 * pre-release line (`3.15-rc`), or a release line's name (`lts`, `current`, Node's codenames, perl's
 * `stable` and `devel`).
 */
const VERSION =
  /^(\d[\w.]*(-rc)?|lts|current|stable|devel|argon|boron|carbon|dubnium|erbium|fermium|gallium|hydrogen|iron|jod|krypton)(?=-|$)/;

/**
 * The slim tag of an official image's tag, written the way that image writes it (`node:22-bookworm`
 * → `node:22-bookworm-slim`, `python:3.12-bookworm` → `python:3.12-slim-bookworm`, `ruby` →
 * `ruby:slim`); undefined for images without slim variants and for tags whose other words (Windows,
 * `onbuild`, Alpine, an unknown suffix) name no Debian variant that has one.
 */
export function slimVariant(image: string): string | undefined {
  const { repository, tag } = imageParts(image);
  const placement = SLIM_PLACEMENT[repository];
  if (!placement) return undefined;
  const version = tag === undefined || tag === 'latest' ? '' : (VERSION.exec(tag)?.[0] ?? '');
  const words = tag === undefined || tag === 'latest' ? [] : tag.slice(version.length).split('-').filter(Boolean);
  const threaded = repository === 'perl' && words[0] === 'threaded' ? words.splice(0, 1) : [];
  if (words.length > 1 || words.some((w) => !DEBIAN_SUITE.test(w))) return undefined;
  const slimmed = placement === 'before-suite' ? ['slim', ...threaded, ...words] : [...threaded, ...words, 'slim'];
  const slimTag = [version, ...slimmed].filter(Boolean).join('-');
  const name = image.replace(/@[\s\S]*$/, '');
  return tag === undefined ? `${name}:${slimTag}` : `${name.slice(0, name.length - tag.length)}${slimTag}`;
}

/** Namespaces of images published for everyone by the toolchains and distributions themselves. */
const PUBLIC_NAMESPACES =
  /^(mcr\.microsoft\.com\/|ghcr\.io\/astral-sh\/|cimg\/|bitnami\/|oven\/|denoland\/|gcr\.io\/distroless\/|registry\.access\.redhat\.com\/|public\.ecr\.aws\/docker\/library\/|([^/]+\/)*library\/)/;

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

/**
 * The environment variables official images set in their configuration (their Dockerfiles' ENV
 * lines, as published by docker-library and Microsoft), beyond PATH. BuildKit reads the base
 * image's configuration, so a stage that uses `$PYTHON_VERSION` on `python:3.12-slim` uses a
 * defined variable even when the file's own global `ARG PYTHON_VERSION` is out of scope there.
 * Lists only what every current tag of the image sets; an image not listed may set anything.
 */
const DOTNET_RUNTIME_ENV = ['APP_UID', 'ASPNETCORE_HTTP_PORTS', 'DOTNET_RUNNING_IN_CONTAINER', 'DOTNET_VERSION'];
const JAVA_ENV = ['JAVA_HOME', 'JAVA_VERSION', 'LANG', 'LANGUAGE', 'LC_ALL'];
export const IMAGE_ENVIRONMENT: Record<string, readonly string[]> = {
  python: ['PYTHON_VERSION', 'PYTHON_SHA256', 'GPG_KEY', 'LANG'],
  node: ['NODE_VERSION', 'YARN_VERSION'],
  golang: ['GOLANG_VERSION', 'GOPATH', 'GOTOOLCHAIN'],
  ruby: [
    'RUBY_VERSION',
    'RUBY_DOWNLOAD_SHA256',
    'RUBY_DOWNLOAD_URL',
    'GEM_HOME',
    'BUNDLE_SILENCE_ROOT_WARNING',
    'BUNDLE_APP_CONFIG',
    'LANG',
  ],
  php: [
    'PHP_VERSION',
    'PHP_INI_DIR',
    'PHPIZE_DEPS',
    'PHP_CFLAGS',
    'PHP_CPPFLAGS',
    'PHP_LDFLAGS',
    'PHP_URL',
    'PHP_ASC_URL',
    'PHP_SHA256',
    'GPG_KEYS',
  ],
  rust: ['RUSTUP_HOME', 'CARGO_HOME', 'RUST_VERSION'],
  'eclipse-temurin': JAVA_ENV,
  openjdk: JAVA_ENV,
  maven: [...JAVA_ENV, 'MAVEN_HOME', 'MAVEN_CONFIG'],
  gradle: [...JAVA_ENV, 'GRADLE_HOME', 'GRADLE_VERSION'],
  elixir: ['ELIXIR_VERSION', 'LANG', 'OTP_VERSION', 'REBAR3_VERSION'],
  erlang: ['OTP_VERSION', 'REBAR3_VERSION', 'LANG'],
  nginx: ['NGINX_VERSION', 'NJS_VERSION', 'NJS_RELEASE', 'PKG_RELEASE'],
  postgres: ['PG_MAJOR', 'PG_VERSION', 'PGDATA', 'GOSU_VERSION', 'LANG'],
  redis: ['REDIS_VERSION', 'REDIS_DOWNLOAD_URL', 'REDIS_DOWNLOAD_SHA'],
  httpd: ['HTTPD_PREFIX', 'HTTPD_VERSION', 'HTTPD_SHA256', 'HTTPD_PATCHES'],
  'mcr.microsoft.com/dotnet/runtime': DOTNET_RUNTIME_ENV,
  'mcr.microsoft.com/dotnet/aspnet': [...DOTNET_RUNTIME_ENV, 'ASPNET_VERSION'],
  'mcr.microsoft.com/dotnet/sdk': [
    ...DOTNET_RUNTIME_ENV,
    'ASPNET_VERSION',
    'DOTNET_SDK_VERSION',
    'DOTNET_GENERATE_ASPNET_CERTIFICATE',
    'DOTNET_NOLOGO',
    'DOTNET_USE_POLLING_FILE_WATCHER',
    'NUGET_XMLDOC_MODE',
    'POWERSHELL_DISTRIBUTION_CHANNEL',
  ],
};
