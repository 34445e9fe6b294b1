import { copyContextBeforeInstall } from '../../../server/src/engine/rules/copyContextBeforeInstall';
import type { Rule } from '../../../server/src/engine';
import { ruleTests } from '../../support/ruleTester';

ruleTests(copyContextBeforeInstall as unknown as Rule, {
  valid: [
    { name: 'cargo-chef: the dependencies were built from recipe.json before the sources came', code: 'FROM rust AS builder\nCOPY --from=planner /app/recipe.json recipe.json\nRUN cargo chef cook --release --recipe-path recipe.json\nCOPY . .\nRUN cargo build --release\n' },
    { name: 'pnpm fetch, then an offline install after the sources', code: 'FROM node\nCOPY pnpm-lock.yaml ./\nRUN pnpm fetch\nCOPY . .\nRUN pnpm install --offline\n' },
    { name: 'the dependencies installed in the base stage', code: 'FROM python AS base\nCOPY pyproject.toml uv.lock ./\nRUN uv sync --no-install-project\nFROM base\nCOPY . .\nRUN uv sync\n' },
    { name: 'manifests first', code: 'FROM node\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\n' },
    { name: 'adding a package is not installing the manifest', code: 'FROM node\nCOPY . .\nRUN npm install -g pm2\n' },
    { name: 'COPY --from is not the context', code: 'FROM a AS b\nFROM node\nCOPY --from=b . .\nRUN npm ci\n' },
    { name: 'install in another stage', code: 'FROM node AS deps\nRUN npm ci\nFROM node\nCOPY . .\n' },
    { name: 'go build after go mod download from the manifests', code: 'FROM golang\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN go build -o /app .\n' },
    { name: 'a build with a cache mount for its downloads', code: 'FROM golang\nCOPY . .\nRUN --mount=type=cache,target=/go/pkg/mod go build -o /app .\n' },
    { name: 'the base stage downloaded the modules inside a retry loop', code: 'FROM golang:1.22 AS base\nCOPY go.mod go.sum ./\nRUN for i in 1 2 3; do go mod download && exit 0; sleep 1; done; exit 1\nFROM base\nCOPY . .\nRUN go build -o /app .\n' },
    { name: "a team's own dependency image may carry the dependencies", code: 'FROM acme/app-dependencies:1.4 AS build\nCOPY . .\nRUN mvn package\n' },
    { name: 'a base image a build argument names without a default', code: 'ARG BASE\nFROM ${BASE}\nCOPY . .\nRUN pip install -r requirements.txt\n' },
    { name: 'the environment copied in from a stage that installed it', code: 'FROM python:3.12 AS builder\nCOPY pyproject.toml uv.lock ./\nRUN uv sync --no-install-project\nFROM python:3.12-slim\nCOPY . .\nCOPY --from=builder /app/.venv .venv\nRUN uv sync\n' },
    { name: 'a requirements file that installs the project itself needs the sources', code: 'FROM python:3.12\nCOPY . .\nRUN pip install -r requirements.txt\n', context: { 'requirements.txt': 'flask==3.0\n-e .\n', 'pyproject.toml': '' } },
    { name: "a Gemfile that reads the project's gemspec needs the sources", code: 'FROM ruby:3.3\nCOPY . .\nRUN bundle install\n', context: { 'Gemfile': "source 'https://rubygems.org'\ngemspec\n", 'Gemfile.lock': '', 'app.gemspec': '' } },
    { name: 'a script between the copy and the install may make what it reads', code: 'FROM ruby:3.3\nCOPY . .\nRUN bash -c "$PRE_BUILD_SCRIPT"\nRUN bundle install\n' },
    { name: 'a Gemfile that reads another file', code: 'FROM ruby:3.3\nCOPY . .\nRUN bundle install\n', context: { 'Gemfile': "source 'https://rubygems.org'\neval(File.read('Wagonfile')) if File.exist?('Wagonfile')\n", 'Gemfile.lock': '' } },
    { name: 'a tool installed once reads none of the sources', code: 'FROM rust:1.80\nCOPY . .\nRUN cargo install wasm-pack\nRUN go install golang.org/x/tools/cmd/stringer@latest\n' },
    { name: 'bundle install --gemfile names a Gemfile that reads the gemspec', code: 'FROM ruby:3.3\nCOPY . /app\nRUN bundle install --gemfile=/app/Gemfile\n', context: { 'Gemfile': "source 'https://rubygems.org'\ngemspec\n", 'app.gemspec': '' } },
    { name: 'go build -mod=vendor downloads nothing', code: 'FROM golang:1.22\nCOPY . .\nRUN go build -mod=vendor -o /app .\n' },
    { name: 'go build with a vendor folder in the sources', code: 'FROM golang:1.22\nCOPY . .\nRUN go build -o /app .\n', context: ['go.mod', 'vendor/modules.txt', 'main.go'] },
    { name: 'a context of scripts only: the build clones its sources, no edit re-runs it', code: 'FROM golang:1.22\nCOPY . .\nRUN ./clone.sh && go install ./weed\n', context: ['clone.sh', 'Dockerfile', 'entrypoint.sh'] },
    { name: 'a pnpm workspace: the root manifest alone cannot install', code: 'FROM node:22\nCOPY . .\nRUN pnpm install --frozen-lockfile\n', context: { 'package.json': '{"dependencies":{"a":"1"}}', 'pnpm-lock.yaml': '', 'pnpm-workspace.yaml': 'packages: [apps/*]' } },
    { name: 'npm workspaces', code: 'FROM node:22\nCOPY . .\nRUN npm ci\n', context: { 'package.json': '{"workspaces":["apps/*"]}', 'package-lock.json': '{}' } },
    { name: 'a root package.json without dependencies installs nothing', code: 'FROM node:22\nCOPY . .\nRUN npm install\n', context: { 'package.json': '{"name":"tools","scripts":{"build":"make"}}' } },
    { name: 'an empty requirements file', code: 'FROM python:3.12\nCOPY . .\nRUN pip install -r requirements.txt\n', context: { 'requirements.txt': '# none yet\n' } },
  ],
  invalid: [
    {
      name: 'cargo vendor downloads the crates; the frozen build after it is offline',
      code: 'FROM rust:1.80\nCOPY . /usr/src/app\n#^^^^^^^^^^^^^^^^^^ The sources are copied before `cargo vendor --locked > .cargo/config.toml` (line 4): any source edit re-runs it and re-downloads every dependency. Fetch the dependencies in a step that needs only the manifests\nWORKDIR /usr/src/app\nRUN cargo vendor --locked > .cargo/config.toml\nRUN cargo build --release --frozen\n',
      output: null,
    },
    {
      name: "a community image that is not a project's dependency base",
      code: 'FROM reactnativecommunity/react-native-android:v21 AS builder\nCOPY . .\n#^^^^^^^ The sources are copied before `npm ci` (line 3): any source edit re-runs it. Copy package.json, package-lock.json* first, install, then copy the rest\nRUN npm ci\n',
      output: 'FROM reactnativecommunity/react-native-android:v21 AS builder\nCOPY package.json package-lock.json* ./\nRUN npm ci\nCOPY . .\n',
    },
    {
      name: 'npm: the install moves before the sources, keeping --chown',
      code: 'FROM node:22\nWORKDIR /app\nCOPY --chown=node . .\n#^^^^^^^^^^^^^^^^^^^^ The sources are copied before `npm ci --omit=dev` (line 4): any source edit re-runs it. Copy package.json, package-lock.json* first, install, then copy the rest\nRUN npm ci --omit=dev\nCMD ["node", "server.js"]\n',
      output: 'FROM node:22\nWORKDIR /app\nCOPY --chown=node package.json package-lock.json* ./\nRUN npm ci --omit=dev\nCOPY --chown=node . .\nCMD ["node", "server.js"]\n',
    },
    {
      name: 'pip with a requirements file, a directory source',
      code: 'FROM python:3.12\nCOPY app/ /srv/\n#^^^^^^^^^^^^^^ The sources are copied before `pip install -r /srv/requirements.txt` (line 3): any source edit re-runs it. Copy /srv/requirements.txt first, install, then copy the rest\nRUN pip install -r /srv/requirements.txt\n',
      output: 'FROM python:3.12\nCOPY app/requirements.txt /srv/\nRUN pip install -r /srv/requirements.txt\nCOPY app/ /srv/\n',
    },
    {
      name: 'with the context listed: the lockfile that is there, by name; a manifest in a subfolder lands there',
      code: 'FROM node:22\nWORKDIR /app\nCOPY . .\n#^^^^^^^ The sources are copied before `yarn install` (line 4): any source edit re-runs it. Copy package.json, yarn.lock* first, install, then copy the rest\nRUN yarn install\n',
      context: ['package.json', 'yarn.lock', 'src/index.js'],
      output: 'FROM node:22\nWORKDIR /app\nCOPY package.json yarn.lock ./\nRUN yarn install\nCOPY . .\n',
    },
    {
      name: 'a requirements file in a subfolder is copied into the same subfolder',
      code: 'FROM python:3.12\nWORKDIR /srv\nCOPY . .\n#^^^^^^^ The sources are copied before `pip install -r requirements/prod.txt` (line 4): any source edit re-runs it. Copy requirements/prod.txt first, install, then copy the rest\nRUN pip install -r requirements/prod.txt\n',
      context: ['requirements/prod.txt', 'app.py'],
      output: 'FROM python:3.12\nWORKDIR /srv\nCOPY requirements/prod.txt ./requirements/\nRUN pip install -r requirements/prod.txt\nCOPY . .\n',
    },
    {
      name: 'with the context listed, a missing manifest: no fix, since its COPY would fail the build',
      code: 'FROM node:22\nCOPY . .\n#^^^^^^^ The sources are copied before `npm ci` (line 3): any source edit re-runs it. Copy package.json, package-lock.json* first, install, then copy the rest\nRUN npm ci\n',
      context: ['index.js'],
      output: null,
    },
    {
      name: 'an install that also builds: no fix',
      code: 'FROM node:22\nCOPY . .\n#^^^^^^^ The sources are copied before `npm ci` (line 3): any source edit re-runs it. Copy package.json, package-lock.json* first, install, then copy the rest\nRUN npm ci && npm run build\n',
      output: null,
    },
    {
      name: 'a package with a postinstall script: install without scripts first, run them after the sources; no fix',
      code: 'FROM node:22\nWORKDIR /app\nCOPY . .\n#^^^^^^^ The sources are copied before `npm ci` (line 4): any source edit re-runs it. Its postinstall script may need the sources: copy package.json, package-lock.json* first, install with --ignore-scripts, then copy the rest and run the scripts that were skipped (`npm rebuild` and `pnpm rebuild` run the dependencies\' own)\nRUN npm ci\n',
      context: { 'package.json': '{"dependencies":{"a":"1"},"scripts":{"postinstall":"webpack"}}', 'package-lock.json': '{}' },
      output: null,
    },
    {
      name: 'Yarn 2+: .yarnrc.yml and the release it names come with the manifests',
      code: 'FROM node:22\nWORKDIR /app\nCOPY . .\n#^^^^^^^ The sources are copied before `yarn install` (line 4): any source edit re-runs it. Copy package.json, yarn.lock*, .yarnrc.yml, .yarn/releases/yarn-4.1.0.cjs first, install, then copy the rest\nRUN yarn install\n',
      context: { 'package.json': '{"dependencies":{"a":"1"}}', 'yarn.lock': '', '.yarnrc.yml': 'yarnPath: .yarn/releases/yarn-4.1.0.cjs', '.yarn/releases/yarn-4.1.0.cjs': '', 'src/index.js': '' },
      output: 'FROM node:22\nWORKDIR /app\nCOPY package.json yarn.lock .yarnrc.yml ./\nCOPY .yarn/releases/yarn-4.1.0.cjs ./.yarn/releases/\nRUN yarn install\nCOPY . .\n',
    },
    {
      name: 'pip with two requirements files that include a third: all three come first, each into its folder',
      code: 'FROM python:3.12\nWORKDIR /srv\nCOPY . .\n#^^^^^^^ The sources are copied before `pip install -r requirements/mariadb.txt -r requirements/postgres.txt` (line 4): any source edit re-runs it. Copy requirements/mariadb.txt, requirements/postgres.txt, requirements/base.txt first, install, then copy the rest\nRUN pip install -r requirements/mariadb.txt -r requirements/postgres.txt\n',
      context: { 'requirements/mariadb.txt': '-r base.txt\nmysqlclient==2.2.8\n', 'requirements/postgres.txt': '-r base.txt\npsycopg==3.3\n', 'requirements/base.txt': 'django==5.0\n', 'manage.py': '' },
      output: 'FROM python:3.12\nWORKDIR /srv\nCOPY requirements/mariadb.txt requirements/postgres.txt requirements/base.txt ./requirements/\nRUN pip install -r requirements/mariadb.txt -r requirements/postgres.txt\nCOPY . .\n',
    },
    {
      name: "pnpm: .npmrc and the patches pnpm applies come with the manifests",
      code: 'FROM node:22\nWORKDIR /app\nCOPY . .\n#^^^^^^^ The sources are copied before `pnpm install --frozen-lockfile` (line 4): any source edit re-runs it. Copy package.json, pnpm-lock.yaml*, .npmrc, patches/dayjs.patch first, install, then copy the rest\nRUN pnpm install --frozen-lockfile\n',
      context: { 'package.json': '{"dependencies":{"dayjs":"1"},"pnpm":{"patchedDependencies":{"dayjs":"patches/dayjs.patch"}}}', 'pnpm-lock.yaml': '', '.npmrc': 'auto-install-peers=true', 'patches/dayjs.patch': '', 'src/a.ts': '' },
      output: 'FROM node:22\nWORKDIR /app\nCOPY package.json pnpm-lock.yaml .npmrc ./\nCOPY patches/dayjs.patch ./patches/\nRUN pnpm install --frozen-lockfile\nCOPY . .\n',
    },
    {
      name: 'cargo install --path builds the project: reported, no fix',
      code: 'FROM rust:1.80\nCOPY . .\n#^^^^^^^ The sources are copied before `cargo install --path .` (line 3): any source edit re-runs it and re-downloads every dependency. Fetch the dependencies in a step that needs only the manifests\nRUN cargo install --path .\n',
      output: null,
    },
    {
      name: 'an install inside an if: reported, with no fix',
      code: 'FROM python:3.12\nCOPY . .\n#^^^^^^^ The sources are copied before `pip install -r requirements.txt` (line 3): any source edit re-runs it. Copy requirements.txt first, install, then copy the rest\nRUN if [ -f requirements.txt ]; then pip install -r requirements.txt; fi\n',
      context: { 'requirements.txt': 'flask==3.0\n', 'app.py': '' },
      output: null,
    },
    {
      name: 'go build needs the sources: a separate download is suggested',
      code: 'FROM golang:1.22\nCOPY . .\n#^^^^^^^ The sources are copied before `go build -o /app .` (line 3): any source edit re-runs it and re-downloads every dependency. Fetch the dependencies in a step that needs only the manifests\nRUN go build -o /app .\n',
      output: null,
    },
  ],
});
