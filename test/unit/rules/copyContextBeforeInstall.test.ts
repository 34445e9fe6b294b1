import { copyContextBeforeInstall } from '../../../server/src/engine/rules/copyContextBeforeInstall';
import { dockerfile, ruleTests } from '../../support/ruleTester';

ruleTests(copyContextBeforeInstall, {
  valid: [
    {
      name: 'a Go module that requires no other module: nothing to download',
      code: dockerfile`
        FROM golang:1.22
        COPY . /src
        WORKDIR /src
        RUN go generate ./... && go build -o /app ./cmd/app
      `,
      context: { 'go.mod': 'module example.com/app\n\ngo 1.22\n', 'go.sum': '', 'cmd/app/main.go': 'package main\n' },
    },
    {
      name: 'the requirements file the install reads is made by the same RUN from the sources, and a cache mount keeps the downloads',
      code: dockerfile`
        FROM python:3.12
        WORKDIR /opt/app
        COPY . /opt/app
        RUN --mount=type=cache,target=/root/.cache/pip grep -E '^torch' requirements/runtime.txt > /tmp/req-torch.txt && pip install -r /tmp/req-torch.txt
      `,
    },
    {
      name: 'a go.mod that replaces a module with a folder of the sources: go mod download needs it',
      code: dockerfile`
        FROM golang:1.22
        WORKDIR /src
        COPY . .
        RUN go mod download
      `,
      context: {
        'go.mod': 'module example.com/app\n\nrequire example.com/core v0.0.0\n\nreplace example.com/core => ./core\n',
        'go.sum': '',
        'core/go.mod': 'module example.com/core\n',
      },
    },
    {
      name: 'manifests already copied on their own: a folder copied after them is what the install needs',
      code: dockerfile`
        FROM ruby:3.3
        COPY Gemfile* /src/
        COPY app.gemspec /src/
        COPY lib/ /src/lib
        RUN bundle install --gemfile=/src/Gemfile
        COPY . /src
      `,
    },
    {
      name: 'cd before the install: the manifests are read where it runs (a pnpm workspace here)',
      code: dockerfile`
        FROM node:22
        COPY . /build/frontend
        RUN cd /build/frontend && pnpm install --frozen-lockfile
      `,
      context: { 'package.json': '{"dependencies":{"a":"1"}}', 'pnpm-lock.yaml': '', 'pnpm-workspace.yaml': 'overrides: {}' },
    },
    {
      name: 'cargo-chef: the dependencies were built from recipe.json before the sources came',
      code: dockerfile`
        FROM rust AS builder
        COPY --from=planner /app/recipe.json recipe.json
        RUN cargo chef cook --release --recipe-path recipe.json
        COPY . .
        RUN cargo build --release
      `,
    },
    {
      name: 'pnpm fetch, then an offline install after the sources',
      code: dockerfile`
        FROM node
        COPY pnpm-lock.yaml ./
        RUN pnpm fetch
        COPY . .
        RUN pnpm install --offline
      `,
    },
    {
      name: 'the dependencies installed in the base stage',
      code: dockerfile`
        FROM python AS base
        COPY pyproject.toml uv.lock ./
        RUN uv sync --no-install-project
        FROM base
        COPY . .
        RUN uv sync
      `,
    },
    {
      name: 'manifests first',
      code: dockerfile`
        FROM node
        COPY package.json package-lock.json ./
        RUN npm ci
        COPY . .
        RUN npm run build
      `,
    },
    {
      name: 'adding a package is not installing the manifest',
      code: dockerfile`
        FROM node
        COPY . .
        RUN npm install -g pm2
      `,
    },
    {
      name: 'COPY --from is not the context',
      code: dockerfile`
        FROM a AS b
        FROM node
        COPY --from=b . .
        RUN npm ci
      `,
    },
    {
      name: 'install in another stage',
      code: dockerfile`
        FROM node AS deps
        RUN npm ci
        FROM node
        COPY . .
      `,
    },
    {
      name: 'go build after go mod download from the manifests',
      code: dockerfile`
        FROM golang
        COPY go.mod go.sum ./
        RUN go mod download
        COPY . .
        RUN go build -o /app .
      `,
    },
    {
      name: 'a build with a cache mount for its downloads',
      code: dockerfile`
        FROM golang
        COPY . .
        RUN --mount=type=cache,target=/go/pkg/mod go build -o /app .
      `,
    },
    {
      name: 'the base stage downloaded the modules inside a retry loop',
      code: dockerfile`
        FROM golang:1.22 AS base
        COPY go.mod go.sum ./
        RUN for i in 1 2 3; do go mod download && exit 0; sleep 1; done; exit 1
        FROM base
        COPY . .
        RUN go build -o /app .
      `,
    },
    {
      name: "a team's own dependency image may carry the dependencies",
      code: dockerfile`
        FROM acme/app-dependencies:1.4 AS build
        COPY . .
        RUN mvn package
      `,
    },
    {
      name: 'a base image a build argument names without a default',
      code: dockerfile`
        ARG BASE
        FROM \${BASE}
        COPY . .
        RUN pip install -r requirements.txt
      `,
    },
    {
      name: 'the environment copied in from a stage that installed it',
      code: dockerfile`
        FROM python:3.12 AS builder
        COPY pyproject.toml uv.lock ./
        RUN uv sync --no-install-project
        FROM python:3.12-slim
        COPY . .
        COPY --from=builder /app/.venv .venv
        RUN uv sync
      `,
    },
    {
      name: 'a requirements file that installs the project itself needs the sources',
      code: dockerfile`
        FROM python:3.12
        COPY . .
        RUN pip install -r requirements.txt
      `,
      context: { 'requirements.txt': 'flask==3.0\n-e .\n', 'pyproject.toml': '' },
    },
    {
      name: "a Gemfile that reads the project's gemspec needs the sources",
      code: dockerfile`
        FROM ruby:3.3
        COPY . .
        RUN bundle install
      `,
      context: { Gemfile: "source 'https://rubygems.org'\ngemspec\n", 'Gemfile.lock': '', 'app.gemspec': '' },
    },
    {
      name: 'a script between the copy and the install may make what it reads',
      code: dockerfile`
        FROM ruby:3.3
        COPY . .
        RUN bash -c "$PRE_BUILD_SCRIPT"
        RUN bundle install
      `,
    },
    {
      name: 'a Gemfile that reads another file',
      code: dockerfile`
        FROM ruby:3.3
        COPY . .
        RUN bundle install
      `,
      context: { Gemfile: "source 'https://rubygems.org'\neval(File.read('Wagonfile')) if File.exist?('Wagonfile')\n", 'Gemfile.lock': '' },
    },
    {
      name: 'a tool installed once reads none of the sources',
      code: dockerfile`
        FROM rust:1.80
        COPY . .
        RUN cargo install wasm-pack
        RUN go install golang.org/x/tools/cmd/stringer@latest
      `,
    },
    {
      name: 'bundle install --gemfile names a Gemfile that reads the gemspec',
      code: dockerfile`
        FROM ruby:3.3
        COPY . /app
        RUN bundle install --gemfile=/app/Gemfile
      `,
      context: { Gemfile: "source 'https://rubygems.org'\ngemspec\n", 'app.gemspec': '' },
    },
    {
      name: 'go build -mod=vendor downloads nothing',
      code: dockerfile`
        FROM golang:1.22
        COPY . .
        RUN go build -mod=vendor -o /app .
      `,
    },
    {
      name: 'go build with a vendor folder in the sources',
      code: dockerfile`
        FROM golang:1.22
        COPY . .
        RUN go build -o /app .
      `,
      context: ['go.mod', 'vendor/modules.txt', 'main.go'],
    },
    {
      name: 'a context of scripts only: the build clones its sources, no edit re-runs it',
      code: dockerfile`
        FROM golang:1.22
        COPY . .
        RUN ./clone.sh && go install ./weed
      `,
      context: ['clone.sh', 'Dockerfile', 'entrypoint.sh'],
    },
    {
      name: 'a pnpm workspace: the root manifest alone cannot install',
      code: dockerfile`
        FROM node:22
        COPY . .
        RUN pnpm install --frozen-lockfile
      `,
      context: { 'package.json': '{"dependencies":{"a":"1"}}', 'pnpm-lock.yaml': '', 'pnpm-workspace.yaml': 'packages: [apps/*]' },
    },
    {
      name: 'npm workspaces',
      code: dockerfile`
        FROM node:22
        COPY . .
        RUN npm ci
      `,
      context: { 'package.json': '{"workspaces":["apps/*"]}', 'package-lock.json': '{}' },
    },
    {
      name: 'a root package.json without dependencies installs nothing',
      code: dockerfile`
        FROM node:22
        COPY . .
        RUN npm install
      `,
      context: { 'package.json': '{"name":"tools","scripts":{"build":"make"}}' },
    },
    {
      name: 'an empty requirements file',
      code: dockerfile`
        FROM python:3.12
        COPY . .
        RUN pip install -r requirements.txt
      `,
      context: { 'requirements.txt': '# none yet\n' },
    },
  ],
  invalid: [
    {
      name: 'the requirements file is exported by the same RUN (uv export --output-file): the general advice, no file named',
      code: dockerfile`
        FROM python:3.12-slim
        WORKDIR /app
        COPY . /app/
        #^^^^^^^^^^^ The sources are copied before \`pip install -r requirements.txt\` (line 4): any source edit re-runs it and re-downloads every dependency. Fetch the dependencies in a step that needs only the manifests
        RUN uv lock && uv export --format requirements.txt --output-file requirements.txt --frozen && pip install -r requirements.txt
      `,
      output: null,
    },
    {
      name: 'Yarn 2 and later: no prepare on install, scripts skipped with --mode=skip-build',
      code: dockerfile`
        FROM node:22
        WORKDIR /app
        COPY . .
        #^^^^^^^ The sources are copied before \`yarn install\` (line 4): any source edit re-runs it. Its postinstall script may need the sources: copy package.json, yarn.lock*, .yarnrc.yml first, install with --mode=skip-build, then copy the rest and run the scripts that were skipped (\`yarn rebuild\` runs the dependencies' own)
        RUN yarn install
      `,
      context: {
        'package.json': '{"dependencies":{"a":"1"},"scripts":{"prepare":"husky","postinstall":"node fix.js"}}',
        'yarn.lock': '',
        '.yarnrc.yml': 'nodeLinker: node-modules\n',
      },
      output: null,
    },
    {
      name: 'a prepare script in the package.json copied after the sources',
      code: dockerfile`
        FROM node:22
        COPY src/ /app/src/
        #^^^^^^^^^^^^^^^^^^ The sources are copied before \`npm i\` (line 5): any source edit re-runs it. Its prepare script may need the sources: copy package.json, package-lock.json* first, install with --ignore-scripts, then copy the rest and run the scripts that were skipped (\`npm rebuild\` and \`pnpm rebuild\` run the dependencies' own)
        COPY package.json /app/
        WORKDIR /app
        RUN npm i
      `,
      context: { 'package.json': '{"dependencies":{"a":"1"},"scripts":{"prepare":"webpack"}}', 'src/vm.js': '' },
      output: null,
    },
    {
      name: 'cargo vendor downloads the crates; the frozen build after it is offline',
      code: dockerfile`
        FROM rust:1.80
        COPY . /usr/src/app
        #^^^^^^^^^^^^^^^^^^ The sources are copied before \`cargo vendor --locked > .cargo/config.toml\` (line 4): any source edit re-runs it and re-downloads every dependency. Fetch the dependencies in a step that needs only the manifests
        WORKDIR /usr/src/app
        RUN cargo vendor --locked > .cargo/config.toml
        RUN cargo build --release --frozen
      `,
      output: null,
    },
    {
      name: "a community image that is not a project's dependency base",
      code: dockerfile`
        FROM reactnativecommunity/react-native-android:v21 AS builder
        COPY . .
        #^^^^^^^ The sources are copied before \`npm ci\` (line 3): any source edit re-runs it. Copy package.json, package-lock.json* first, install, then copy the rest
        RUN npm ci
      `,
      output: dockerfile`
        FROM reactnativecommunity/react-native-android:v21 AS builder
        COPY package.json package-lock.json* ./
        RUN npm ci
        COPY . .
      `,
    },
    {
      name: 'npm: the install moves before the sources, keeping --chown',
      code: dockerfile`
        FROM node:22
        WORKDIR /app
        COPY --chown=node . .
        #^^^^^^^^^^^^^^^^^^^^ The sources are copied before \`npm ci --omit=dev\` (line 4): any source edit re-runs it. Copy package.json, package-lock.json* first, install, then copy the rest
        RUN npm ci --omit=dev
        CMD ["node", "server.js"]
      `,
      output: dockerfile`
        FROM node:22
        WORKDIR /app
        COPY --chown=node package.json package-lock.json* ./
        RUN npm ci --omit=dev
        COPY --chown=node . .
        CMD ["node", "server.js"]
      `,
    },
    {
      name: 'pip with a requirements file, a directory source',
      code: dockerfile`
        FROM python:3.12
        COPY app/ /srv/
        #^^^^^^^^^^^^^^ The sources are copied before \`pip install -r /srv/requirements.txt\` (line 3): any source edit re-runs it. Copy /srv/requirements.txt first, install, then copy the rest
        RUN pip install -r /srv/requirements.txt
      `,
      output: dockerfile`
        FROM python:3.12
        COPY app/requirements.txt /srv/
        RUN pip install -r /srv/requirements.txt
        COPY app/ /srv/
      `,
    },
    {
      name: 'with the context listed: the lockfile that is there, by name; a manifest in a subfolder lands there',
      code: dockerfile`
        FROM node:22
        WORKDIR /app
        COPY . .
        #^^^^^^^ The sources are copied before \`yarn install\` (line 4): any source edit re-runs it. Copy package.json, yarn.lock* first, install, then copy the rest
        RUN yarn install
      `,
      context: ['package.json', 'yarn.lock', 'src/index.js'],
      output: dockerfile`
        FROM node:22
        WORKDIR /app
        COPY package.json yarn.lock ./
        RUN yarn install
        COPY . .
      `,
    },
    {
      name: 'a requirements file in a subfolder is copied into the same subfolder',
      code: dockerfile`
        FROM python:3.12
        WORKDIR /srv
        COPY . .
        #^^^^^^^ The sources are copied before \`pip install -r requirements/prod.txt\` (line 4): any source edit re-runs it. Copy requirements/prod.txt first, install, then copy the rest
        RUN pip install -r requirements/prod.txt
      `,
      context: ['requirements/prod.txt', 'app.py'],
      output: dockerfile`
        FROM python:3.12
        WORKDIR /srv
        COPY requirements/prod.txt ./requirements/
        RUN pip install -r requirements/prod.txt
        COPY . .
      `,
    },
    {
      name: 'with the context listed, a missing manifest: no fix, since its COPY would fail the build',
      code: dockerfile`
        FROM node:22
        COPY . .
        #^^^^^^^ The sources are copied before \`npm ci\` (line 3): any source edit re-runs it. Copy package.json, package-lock.json* first, install, then copy the rest
        RUN npm ci
      `,
      context: ['index.js'],
      output: null,
    },
    {
      name: 'an install that also builds: no fix',
      code: dockerfile`
        FROM node:22
        COPY . .
        #^^^^^^^ The sources are copied before \`npm ci\` (line 3): any source edit re-runs it. Copy package.json, package-lock.json* first, install, then copy the rest
        RUN npm ci && npm run build
      `,
      output: null,
    },
    {
      name: 'a package with a postinstall script: install without scripts first, run them after the sources; no fix',
      code: dockerfile`
        FROM node:22
        WORKDIR /app
        COPY . .
        #^^^^^^^ The sources are copied before \`npm ci\` (line 4): any source edit re-runs it. Its postinstall script may need the sources: copy package.json, package-lock.json* first, install with --ignore-scripts, then copy the rest and run the scripts that were skipped (\`npm rebuild\` and \`pnpm rebuild\` run the dependencies' own)
        RUN npm ci
      `,
      context: { 'package.json': '{"dependencies":{"a":"1"},"scripts":{"postinstall":"webpack"}}', 'package-lock.json': '{}' },
      output: null,
    },
    {
      name: 'Yarn 2+: .yarnrc.yml and the release it names come with the manifests',
      code: dockerfile`
        FROM node:22
        WORKDIR /app
        COPY . .
        #^^^^^^^ The sources are copied before \`yarn install\` (line 4): any source edit re-runs it. Copy package.json, yarn.lock*, .yarnrc.yml, .yarn/releases/yarn-4.1.0.cjs first, install, then copy the rest
        RUN yarn install
      `,
      context: {
        'package.json': '{"dependencies":{"a":"1"}}',
        'yarn.lock': '',
        '.yarnrc.yml': 'yarnPath: .yarn/releases/yarn-4.1.0.cjs',
        '.yarn/releases/yarn-4.1.0.cjs': '',
        'src/index.js': '',
      },
      output: dockerfile`
        FROM node:22
        WORKDIR /app
        COPY package.json yarn.lock .yarnrc.yml ./
        COPY .yarn/releases/yarn-4.1.0.cjs ./.yarn/releases/
        RUN yarn install
        COPY . .
      `,
    },
    {
      name: 'pip with two requirements files that include a third: all three come first, each into its folder',
      code: dockerfile`
        FROM python:3.12
        WORKDIR /srv
        COPY . .
        #^^^^^^^ The sources are copied before \`pip install -r requirements/mariadb.txt -r requirements/postgres.txt\` (line 4): any source edit re-runs it. Copy requirements/mariadb.txt, requirements/postgres.txt, requirements/base.txt first, install, then copy the rest
        RUN pip install -r requirements/mariadb.txt -r requirements/postgres.txt
      `,
      context: {
        'requirements/mariadb.txt': '-r base.txt\nmysqlclient==2.2.8\n',
        'requirements/postgres.txt': '-r base.txt\npsycopg==3.3\n',
        'requirements/base.txt': 'django==5.0\n',
        'manage.py': '',
      },
      output: dockerfile`
        FROM python:3.12
        WORKDIR /srv
        COPY requirements/mariadb.txt requirements/postgres.txt requirements/base.txt ./requirements/
        RUN pip install -r requirements/mariadb.txt -r requirements/postgres.txt
        COPY . .
      `,
    },
    {
      name: 'pnpm: .npmrc and the patches pnpm applies come with the manifests',
      code: dockerfile`
        FROM node:22
        WORKDIR /app
        COPY . .
        #^^^^^^^ The sources are copied before \`pnpm install --frozen-lockfile\` (line 4): any source edit re-runs it. Copy package.json, pnpm-lock.yaml*, .npmrc, patches/dayjs.patch first, install, then copy the rest
        RUN pnpm install --frozen-lockfile
      `,
      context: {
        'package.json': '{"dependencies":{"dayjs":"1"},"pnpm":{"patchedDependencies":{"dayjs":"patches/dayjs.patch"}}}',
        'pnpm-lock.yaml': '',
        '.npmrc': 'auto-install-peers=true',
        'patches/dayjs.patch': '',
        'src/a.ts': '',
      },
      output: dockerfile`
        FROM node:22
        WORKDIR /app
        COPY package.json pnpm-lock.yaml .npmrc ./
        COPY patches/dayjs.patch ./patches/
        RUN pnpm install --frozen-lockfile
        COPY . .
      `,
    },
    {
      name: 'cargo install --path builds the project: reported, no fix',
      code: dockerfile`
        FROM rust:1.80
        COPY . .
        #^^^^^^^ The sources are copied before \`cargo install --path .\` (line 3): any source edit re-runs it, downloading and compiling every crate again. Build the dependencies from the manifests first (cargo-chef's \`cargo chef cook\`), or mount caches on the cargo registry and target/
        RUN cargo install --path .
      `,
      output: null,
    },
    {
      name: 'an install inside an if: reported, with no fix',
      code: dockerfile`
        FROM python:3.12
        COPY . .
        #^^^^^^^ The sources are copied before \`pip install -r requirements.txt\` (line 3): any source edit re-runs it. Copy requirements.txt first, install, then copy the rest
        RUN if [ -f requirements.txt ]; then pip install -r requirements.txt; fi
      `,
      context: { 'requirements.txt': 'flask==3.0\n', 'app.py': '' },
      output: null,
    },
    {
      name: 'go build with a go.mod that requires modules, the context read',
      code: dockerfile`
        FROM golang:1.22
        COPY . .
        #^^^^^^^ The sources are copied before \`go build -o /app .\` (line 3): any source edit re-runs it and re-downloads every dependency. Fetch the dependencies in a step that needs only the manifests
        RUN go build -o /app .
      `,
      context: { 'go.mod': 'module example.com/app\n\nrequire github.com/spf13/cobra v1.8.0\n', 'main.go': 'package main\n' },
      output: null,
    },
    {
      name: 'go build needs the sources: a separate download is suggested',
      code: dockerfile`
        FROM golang:1.22
        COPY . .
        #^^^^^^^ The sources are copied before \`go build -o /app .\` (line 3): any source edit re-runs it and re-downloads every dependency. Fetch the dependencies in a step that needs only the manifests
        RUN go build -o /app .
      `,
      output: null,
    },
  ],
});
