import assert from 'node:assert/strict';
import { test } from 'node:test';
import { slimVariant } from '../../../server/src/engine/knowledge/images';

// Each row is a tag the image publishes and the slim tag it publishes beside it (Docker Hub's
// "Supported tags" lists of python, node, ruby and perl), or no slim tag at all.
const SLIM_TAGS: [string, string | undefined][] = [
  ['python:3.12', 'python:3.12-slim'],
  ['python:3.12-bookworm', 'python:3.12-slim-bookworm'],
  ['python:3.12.4-bullseye', 'python:3.12.4-slim-bullseye'],
  ['python:3.15-rc-trixie', 'python:3.15-rc-slim-trixie'],
  ['python:bookworm', 'python:slim-bookworm'],
  ['python', 'python:slim'],
  ['python:latest', 'python:slim'],
  ['docker.io/library/python:3.12@sha256:0123', 'docker.io/library/python:3.12-slim'],
  ['node:22-bookworm', 'node:22-bookworm-slim'],
  ['node:22', 'node:22-slim'],
  ['node:lts', 'node:lts-slim'],
  ['node:lts-trixie', 'node:lts-trixie-slim'],
  ['node:jod-bookworm', 'node:jod-bookworm-slim'],
  ['node:trixie', 'node:trixie-slim'],
  ['ruby:3.3-bookworm', 'ruby:3.3-slim-bookworm'],
  ['perl:5.40-threaded-bookworm', 'perl:5.40-slim-threaded-bookworm'],
  ['perl:stable', 'perl:stable-slim'],
  ['python:3.12-windowsservercore-ltsc2022', undefined],
  ['python:3.6-onbuild', undefined],
  ['node:22-alpine3.20', undefined],
  ['php:8.3-cli', undefined],
  ['openjdk:17', undefined],
];

test('the slim variant of an official image is named as that image tags it, or not at all', () => {
  for (const [image, slim] of SLIM_TAGS) assert.equal(slimVariant(image), slim, image);
});
