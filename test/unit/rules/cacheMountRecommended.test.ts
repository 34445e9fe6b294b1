import { cacheMountRecommended } from '../../../server/src/engine/rules/cacheMountRecommended';
import { dockerfile, ruleTests } from '../../support/ruleTester';

const message = (manager: string, targets: string) =>
  `${manager} downloads again whenever this step re-runs: a cache mount on ${targets} keeps the downloads between builds on this builder (not on a fresh CI runner)`;

ruleTests(cacheMountRecommended, {
  valid: [
    {
      name: 'another stage copies the module cache out of this one',
      code: dockerfile`
        FROM golang:1.22 AS deps
        COPY go.mod go.sum ./
        RUN go mod download
        FROM golang:1.22
        COPY --from=deps /go/pkg/mod /go/pkg/mod
        COPY . .
        RUN --mount=type=cache,target=/root/.cache/go-build go build -o /app .
      `,
    },
    {
      name: 'a later step reads a file from the cache folder, which a mount would keep out of the layer',
      code: dockerfile`
        FROM golang
        COPY . .
        RUN go build -o /app .
        RUN cp -r /go/pkg/mod/github.com/go-ego/gse/data /data
      `,
    },
    {
      name: 'the author turned the cache off, or installs for a user',
      code: dockerfile`
        FROM python
        RUN pip install --no-cache-dir -r requirements.txt
        RUN pip install --user -r dev.txt
        ENV PIP_NO_CACHE_DIR=1
        RUN pip install -r more.txt
      `,
    },
    {
      name: 'npm with its cache mounted',
      code: dockerfile`
        FROM node
        RUN --mount=type=cache,target=/root/.npm npm ci
      `,
    },
    {
      name: 'no download',
      code: dockerfile`
        FROM node
        RUN npm run build
      `,
    },
    {
      name: "the node user's cache mounted",
      code: dockerfile`
        FROM node:22
        USER node
        RUN --mount=type=cache,target=/home/node/.npm,uid=1000 npm ci
      `,
    },
    {
      name: 'any cache mount: the author chose the layout (a custom --cache-dir, a parent folder)',
      code: dockerfile`
        FROM python
        RUN --mount=type=cache,target=/tmp/pip-cache pip install --cache-dir=/tmp/pip-cache -r requirements.txt
        FROM golang
        RUN --mount=type=cache,target=/go/pkg/mod go build -o /app .
      `,
    },
    {
      name: 'system packages: installed once near the top, rarely re-run',
      code: dockerfile`
        FROM debian
        RUN apt-get update && apt-get install -y curl
        FROM alpine
        RUN apk add --no-cache openssl
      `,
    },
    {
      name: "a global tool is not the project's dependencies",
      code: dockerfile`
        FROM node
        RUN npm install -g pnpm@9
        FROM rust
        RUN cargo install cargo-chef
      `,
    },
    {
      name: 'offline installs read what an earlier step fetched',
      code: dockerfile`
        FROM node
        COPY pnpm-lock.yaml .
        RUN --mount=type=cache,target=/root/.local/share/pnpm/store pnpm fetch
        COPY . .
        RUN pnpm install --offline
        FROM python
        RUN pip install --no-index --find-links=/wheels -r requirements.txt
      `,
    },
    {
      name: 'a second install of the same manager adds the project itself',
      code: dockerfile`
        FROM python AS base
        COPY pyproject.toml uv.lock ./
        RUN --mount=type=cache,target=/root/.cache/uv uv sync --no-install-project
        FROM base
        COPY . .
        RUN uv sync
        FROM rust AS chef
        RUN --mount=type=cache,target=/usr/local/cargo/registry cargo chef cook --release --recipe-path recipe.json
        COPY . .
        RUN cargo build --release
      `,
    },
    {
      name: "a user whose home the file does not say: a mount on root's cache would sit unused",
      code: dockerfile`
        FROM debian:12
        USER app
        RUN pip install -r requirements.txt
      `,
    },
    {
      name: 'Yarn 2+ keeps its cache in the project',
      code: dockerfile`
        FROM node
        RUN yarn install --immutable
      `,
    },
    {
      name: 'go mod download before go build: a mount would leave the modules out of the layer the build reads',
      code: dockerfile`
        FROM golang
        COPY go.mod go.sum ./
        RUN go mod download
        COPY . .
        RUN go build -o /app .
      `,
    },
    {
      name: 'dotnet restore before publish',
      code: dockerfile`
        FROM mcr.microsoft.com/dotnet/sdk:8.0
        COPY *.csproj .
        RUN dotnet restore
        COPY . .
        RUN dotnet publish -c Release -o /out
      `,
    },
  ],
  invalid: [
    {
      name: 'pip install -r',
      code: `FROM python\nRUN pip install -r requirements.txt\n#^^ ${message('pip', '/root/.cache/pip')}\n`,
      output: dockerfile`
        FROM python
        RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt
      `,
    },
    {
      name: 'the node user of the official Node image: its home, and its uid so that it can write the cache',
      code: `FROM node:22\nUSER node\nRUN npm ci\n#^^ ${message('npm', '/home/node/.npm')}\n`,
      output: dockerfile`
        FROM node:22
        USER node
        RUN --mount=type=cache,target=/home/node/.npm,uid=1000,gid=1000 npm ci
      `,
    },
    {
      name: 'a numeric USER with HOME set',
      code: `FROM python:3.12\nENV HOME=/app\nUSER 1001:1001\nRUN pip install -r requirements.txt\n#^^ ${message('pip', '/app/.cache/pip')}\n`,
      output: dockerfile`
        FROM python:3.12
        ENV HOME=/app
        USER 1001:1001
        RUN --mount=type=cache,target=/app/.cache/pip,uid=1001,gid=1001 pip install -r requirements.txt
      `,
    },
    {
      name: 'go build: the module and build caches',
      code: `FROM golang\nCOPY . .\nRUN go build -o /app .\n#^^ ${message('go', '/go/pkg/mod and /root/.cache/go-build')}\n`,
      output: dockerfile`
        FROM golang
        COPY . .
        RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build go build -o /app .
      `,
    },
    {
      name: 'go mod download as the last Go step: the module cache only',
      code: `FROM golang\nCOPY go.mod go.sum ./\nRUN go mod download\n#^^ ${message('go', '/go/pkg/mod')}\n`,
      output: dockerfile`
        FROM golang
        COPY go.mod go.sum ./
        RUN --mount=type=cache,target=/go/pkg/mod go mod download
      `,
    },
    {
      name: 'PNPM_HOME moves the store',
      code: `FROM node:22\nENV PNPM_HOME=/pnpm\nRUN pnpm install --frozen-lockfile\n#^^ ${message('pnpm', '/pnpm/store')}\n`,
      output: dockerfile`
        FROM node:22
        ENV PNPM_HOME=/pnpm
        RUN --mount=type=cache,target=/pnpm/store pnpm install --frozen-lockfile
      `,
    },
  ],
});
