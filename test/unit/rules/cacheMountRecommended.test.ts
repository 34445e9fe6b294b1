import { cacheMountRecommended } from '../../../server/src/engine/rules/cacheMountRecommended';
import type { Rule } from '../../../server/src/engine';
import { ruleTests } from '../../support/ruleTester';

const message = (manager: string, targets: string) => `${manager} downloads again whenever this step re-runs: a cache mount on ${targets} keeps the downloads between builds on this builder (not on a fresh CI runner)`;

ruleTests(cacheMountRecommended as unknown as Rule, {
  valid: [
    { name: 'npm with its cache mounted', code: 'FROM node\nRUN --mount=type=cache,target=/root/.npm npm ci\n' },
    { name: 'no download', code: 'FROM node\nRUN npm run build\n' },
    { name: 'the node user\'s cache mounted', code: 'FROM node:22\nUSER node\nRUN --mount=type=cache,target=/home/node/.npm,uid=1000 npm ci\n' },
    { name: 'go with both caches', code: 'FROM golang\nRUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build go build ./...\n' },
  ],
  invalid: [
    {
      name: 'apt: locked mounts, docker-clean removed, list cleanup dropped',
      code: `FROM debian\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n#^^ ${message('apt', '/var/cache/apt and /var/lib/apt')}\n`,
      output: 'FROM debian\nRUN --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt,sharing=locked rm -f /etc/apt/apt.conf.d/docker-clean && apt-get update && apt-get install -y curl\n',
    },
    {
      name: 'apt: cleanups on continuation lines of their own go with their line break, apt-get clean with its flags',
      code: `FROM debian\nRUN apt-get update \\\n#^^ ${message('apt', '/var/cache/apt and /var/lib/apt')}\n    && apt-get install -y curl \\\n    && rm -rf /var/lib/apt/lists/* \\\n    && curl -V \\\n    && apt-get clean -y\nCMD ["curl"]\n`,
      output: 'FROM debian\nRUN --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt,sharing=locked rm -f /etc/apt/apt.conf.d/docker-clean && apt-get update \\\n    && apt-get install -y curl \\\n    && curl -V\nCMD ["curl"]\n',
    },
    {
      name: 'pip: --no-cache-dir dropped',
      code: `FROM python\nRUN pip install --no-cache-dir -r requirements.txt\n#^^ ${message('pip', '/root/.cache/pip')}\n`,
      output: 'FROM python\nRUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt\n',
    },
    {
      name: 'go: only the missing mount is added',
      code: `FROM golang\nRUN --mount=type=cache,target=/go/pkg/mod go build -o /app .\n#^^ ${message('go', '/go/pkg/mod and /root/.cache/go-build')}\n`,
      output: 'FROM golang\nRUN --mount=type=cache,target=/root/.cache/go-build --mount=type=cache,target=/go/pkg/mod go build -o /app .\n',
    },
    {
      name: 'the node user of the official Node image: its home, and its uid so that it can write the cache',
      code: `FROM node:22\nUSER node\nRUN npm ci\n#^^ ${message('npm', '/home/node/.npm')}\n`,
      output: 'FROM node:22\nUSER node\nRUN --mount=type=cache,target=/home/node/.npm,uid=1000,gid=1000 npm ci\n',
    },
    {
      name: 'a numeric USER with HOME set',
      code: `FROM python:3.12\nENV HOME=/app\nUSER 1001:1001\nRUN pip install -r requirements.txt\n#^^ ${message('pip', '/app/.cache/pip')}\n`,
      output: 'FROM python:3.12\nENV HOME=/app\nUSER 1001:1001\nRUN --mount=type=cache,target=/app/.cache/pip,uid=1001,gid=1001 pip install -r requirements.txt\n',
    },
    {
      name: 'a named USER whose home and uid the file does not say: no fix',
      code: `FROM debian:12\nUSER app\nRUN pip install -r requirements.txt\n#^^ ${message('pip', '/root/.cache/pip')}\n`,
      output: null,
    },
  ],
});
