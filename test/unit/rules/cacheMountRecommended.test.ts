import { cacheMountRecommended } from '../../../server/src/engine/rules/cacheMountRecommended';
import { ruleTests } from '../../support/ruleTester';

const message = (manager: string, targets: string) => `${manager} downloads again whenever this step re-runs: a cache mount on ${targets} keeps the downloads between builds on this builder (not on a fresh CI runner)`;

ruleTests(cacheMountRecommended, {
  valid: [
    { name: 'another stage copies the module cache out of this one', code: 'FROM golang:1.22 AS deps\nCOPY go.mod go.sum ./\nRUN go mod download\nFROM golang:1.22\nCOPY --from=deps /go/pkg/mod /go/pkg/mod\nCOPY . .\nRUN --mount=type=cache,target=/root/.cache/go-build go build -o /app .\n' },
    { name: 'a later step reads a file from the cache folder, which a mount would keep out of the layer', code: 'FROM golang\nCOPY . .\nRUN go build -o /app .\nRUN cp -r /go/pkg/mod/github.com/go-ego/gse/data /data\n' },
    { name: 'the author turned the cache off, or installs for a user', code: 'FROM python\nRUN pip install --no-cache-dir -r requirements.txt\nRUN pip install --user -r dev.txt\nENV PIP_NO_CACHE_DIR=1\nRUN pip install -r more.txt\n' },
    { name: 'npm with its cache mounted', code: 'FROM node\nRUN --mount=type=cache,target=/root/.npm npm ci\n' },
    { name: 'no download', code: 'FROM node\nRUN npm run build\n' },
    { name: 'the node user\'s cache mounted', code: 'FROM node:22\nUSER node\nRUN --mount=type=cache,target=/home/node/.npm,uid=1000 npm ci\n' },
    { name: 'any cache mount: the author chose the layout (a custom --cache-dir, a parent folder)', code: 'FROM python\nRUN --mount=type=cache,target=/tmp/pip-cache pip install --cache-dir=/tmp/pip-cache -r requirements.txt\nFROM golang\nRUN --mount=type=cache,target=/go/pkg/mod go build -o /app .\n' },
    { name: 'system packages: installed once near the top, rarely re-run', code: 'FROM debian\nRUN apt-get update && apt-get install -y curl\nFROM alpine\nRUN apk add --no-cache openssl\n' },
    { name: 'a global tool is not the project\'s dependencies', code: 'FROM node\nRUN npm install -g pnpm@9\nFROM rust\nRUN cargo install cargo-chef\n' },
    { name: 'offline installs read what an earlier step fetched', code: 'FROM node\nCOPY pnpm-lock.yaml .\nRUN --mount=type=cache,target=/root/.local/share/pnpm/store pnpm fetch\nCOPY . .\nRUN pnpm install --offline\nFROM python\nRUN pip install --no-index --find-links=/wheels -r requirements.txt\n' },
    { name: 'a second install of the same manager adds the project itself', code: 'FROM python AS base\nCOPY pyproject.toml uv.lock ./\nRUN --mount=type=cache,target=/root/.cache/uv uv sync --no-install-project\nFROM base\nCOPY . .\nRUN uv sync\nFROM rust AS chef\nRUN --mount=type=cache,target=/usr/local/cargo/registry cargo chef cook --release --recipe-path recipe.json\nCOPY . .\nRUN cargo build --release\n' },
    { name: 'a user whose home the file does not say: a mount on root\'s cache would sit unused', code: 'FROM debian:12\nUSER app\nRUN pip install -r requirements.txt\n' },
    { name: 'Yarn 2+ keeps its cache in the project', code: 'FROM node\nRUN yarn install --immutable\n' },
    { name: 'go mod download before go build: a mount would leave the modules out of the layer the build reads', code: 'FROM golang\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN go build -o /app .\n' },
    { name: 'dotnet restore before publish', code: 'FROM mcr.microsoft.com/dotnet/sdk:8.0\nCOPY *.csproj .\nRUN dotnet restore\nCOPY . .\nRUN dotnet publish -c Release -o /out\n' },
  ],
  invalid: [
    {
      name: 'pip install -r',
      code: `FROM python\nRUN pip install -r requirements.txt\n#^^ ${message('pip', '/root/.cache/pip')}\n`,
      output: 'FROM python\nRUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt\n',
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
      name: 'go build: the module and build caches',
      code: `FROM golang\nCOPY . .\nRUN go build -o /app .\n#^^ ${message('go', '/go/pkg/mod and /root/.cache/go-build')}\n`,
      output: 'FROM golang\nCOPY . .\nRUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build go build -o /app .\n',
    },
    {
      name: 'go mod download as the last Go step: the module cache only',
      code: `FROM golang\nCOPY go.mod go.sum ./\nRUN go mod download\n#^^ ${message('go', '/go/pkg/mod')}\n`,
      output: 'FROM golang\nCOPY go.mod go.sum ./\nRUN --mount=type=cache,target=/go/pkg/mod go mod download\n',
    },
    {
      name: 'PNPM_HOME moves the store',
      code: `FROM node:22\nENV PNPM_HOME=/pnpm\nRUN pnpm install --frozen-lockfile\n#^^ ${message('pnpm', '/pnpm/store')}\n`,
      output: 'FROM node:22\nENV PNPM_HOME=/pnpm\nRUN --mount=type=cache,target=/pnpm/store pnpm install --frozen-lockfile\n',
    },
  ],
});
