/*
 * What an image is for, as far as its file says: size advice is for images that ship a product,
 * not for development containers, debug and test targets, examples, or toolchain images whose
 * compilers are the point. Shared by the size rules and the rule runner.
 */
import type { Stage } from '../model';

/** Words that name a development, debug, test or CI variant in a file or stage name. */
const TOOLING_WORD = /(^|[-_.])(dev|devel|develop|development|debug|test|tests|testing|ci|e2e|local|devcontainer)([-_.]|$)/i;

/** Folders whose Dockerfiles build development containers, examples or test fixtures. */
const TOOLING_FOLDER = /(^|\/)(\.?devcontainers?|dev|development|examples?|demos?|tests?|e2e|fixtures?|testdata)\//i;

/**
 * True when the Dockerfile's path says it builds a development, debug, test or example image
 * (`Dockerfile.dev`, `dev.Dockerfile`, `.devcontainer/Dockerfile`, `examples/api/Dockerfile`).
 * Only the two folders nearest the file count, so that where a checkout lives (`~/dev/…`) does not.
 */
export function isToolingDockerfile(path: string): boolean {
  const segments = path.split('\\').join('/').split('/').filter(Boolean);
  const name = segments.pop() ?? '';
  const folders = `${segments.slice(-2).join('/')}/`;
  return (
    TOOLING_WORD.test(name.replace(/^(dockerfile|containerfile)/i, '').replace(/(dockerfile|containerfile)$/i, '')) ||
    TOOLING_FOLDER.test(folders)
  );
}

/**
 * True when the stage is meant to build or develop in, not to ship a product: a development, debug,
 * test, CI or build target by its name, or a dev container's base image. Compilers there are the point.
 */
export function isToolingStage(stage: Stage): boolean {
  return (
    TOOLING_WORD.test(stage.name ?? '') ||
    /(^|[-_.])(builder|build|toolchain|sdk|tools?)([-_.]|$)/i.test(stage.name ?? '') ||
    /devcontainer/i.test(stage.resolvedBase)
  );
}
