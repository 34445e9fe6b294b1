import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze, applyEdits, convertToMultiStage, parseDockerfile } from '../../../server/src/engine';

/** Before and after, per toolchain; the harness checks idempotence and that no new rule fires. */
/**
 * `snippet`: the final stage as editors that take snippet edits get it, where a choice is left to the user.
 * `newFindings`: the rules that rightly report on the result until the user has made that choice.
 */
const rows: {
  name: string;
  before: string;
  after: string | null;
  toolchain?: string;
  options?: { goBase?: 'distroless' | 'scratch' };
  snippet?: string;
  newFindings?: string[];
}[] = [
  {
    name: 'Node with npm: prune in the build stage, the app folder on the -slim image, comments kept',
    toolchain: 'node',
    before:
      '# The service\nFROM node:20\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\n# It listens here\nEXPOSE 3000\nCMD ["node", "dist/server.js"]\n',
    after:
      '# The service\nFROM node:20 AS build\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\nRUN npm prune --omit=dev\n\nFROM node:20-slim\nWORKDIR /app\nCOPY --from=build /app /app\n# It listens here\nEXPOSE 3000\nCMD ["node", "dist/server.js"]\n',
  },
  {
    name: 'Node with yarn keeps production dependencies with yarn',
    toolchain: 'node',
    before: 'FROM node:22-bookworm\nWORKDIR /srv\nCOPY . .\nRUN yarn install\nCMD ["node", "index.js"]\n',
    after:
      'FROM node:22-bookworm AS build\nWORKDIR /srv\nCOPY . .\nRUN yarn install\nRUN yarn install --production --ignore-scripts --prefer-offline\n\nFROM node:22-bookworm-slim\nWORKDIR /srv\nCOPY --from=build /srv /srv\nCMD ["node", "index.js"]\n',
  },
  {
    name: 'Python with pip: a virtualenv at /opt/venv, copied whole, PATH set again',
    toolchain: 'python',
    before:
      'FROM python:3.12\nWORKDIR /srv\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nCMD ["python", "app.py"]\n',
    after:
      'FROM python:3.12 AS build\nWORKDIR /srv\nCOPY requirements.txt .\nRUN python -m venv /opt/venv\nENV VIRTUAL_ENV=/opt/venv PATH="/opt/venv/bin:$PATH"\nRUN pip install -r requirements.txt\n\nFROM python:3.12-slim\nWORKDIR /srv\nENV VIRTUAL_ENV=/opt/venv PATH="/opt/venv/bin:$PATH"\nCOPY --from=build /opt/venv /opt/venv\nCOPY . .\nCMD ["python", "app.py"]\n',
  },
  {
    name: 'Python with poetry: the venv is made after poetry itself is installed, and VIRTUAL_ENV points poetry at it',
    toolchain: 'python',
    before:
      'FROM python:3.12\nRUN pip install poetry==1.8.3\nWORKDIR /app\nCOPY pyproject.toml poetry.lock ./\nRUN poetry install --no-root --only main\nCOPY . .\nCMD ["python", "-m", "app"]\n',
    after:
      'FROM python:3.12 AS build\nRUN pip install poetry==1.8.3\nWORKDIR /app\nCOPY pyproject.toml poetry.lock ./\nRUN python -m venv /opt/venv\nENV VIRTUAL_ENV=/opt/venv PATH="/opt/venv/bin:$PATH"\nRUN poetry install --no-root --only main\n\nFROM python:3.12-slim\nWORKDIR /app\nENV VIRTUAL_ENV=/opt/venv PATH="/opt/venv/bin:$PATH"\nCOPY --from=build /opt/venv /opt/venv\nCOPY . .\nCMD ["python", "-m", "app"]\n',
  },
  {
    name: 'Python with uv sync: UV_PROJECT_ENVIRONMENT names the venv, and the installed project brings its sources',
    toolchain: 'python',
    before:
      'FROM python:3.12-bookworm\nRUN pip install uv\nWORKDIR /app\nCOPY pyproject.toml uv.lock ./\nRUN uv sync --frozen --no-install-project\nCOPY . .\nRUN uv sync --frozen\nCMD ["python", "main.py"]\n',
    after:
      'FROM python:3.12-bookworm AS build\nRUN pip install uv\nWORKDIR /app\nCOPY pyproject.toml uv.lock ./\nRUN python -m venv /opt/venv\nENV VIRTUAL_ENV=/opt/venv UV_PROJECT_ENVIRONMENT=/opt/venv PATH="/opt/venv/bin:$PATH"\nRUN uv sync --frozen --no-install-project\nCOPY . .\nRUN uv sync --frozen\n\nFROM python:3.12-slim-bookworm\nWORKDIR /app\nENV VIRTUAL_ENV=/opt/venv PATH="/opt/venv/bin:$PATH"\nCOPY --from=build /opt/venv /opt/venv\nCOPY --from=build /app /app\nCMD ["python", "main.py"]\n',
  },
  {
    name: 'Go: a static binary on distroless',
    toolchain: 'go',
    before: 'FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/server ./cmd/server\nENTRYPOINT ["/out/server"]\n',
    after:
      'FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nENV CGO_ENABLED=0\nRUN go build -o /out/server ./cmd/server\n\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /out/server /out/server\nENTRYPOINT ["/out/server"]\n',
  },
  {
    name: 'Go on scratch brings the CA certificates along',
    toolchain: 'go',
    options: { goBase: 'scratch' },
    before: 'FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\nCMD ["/app"]\n',
    after:
      'FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nENV CGO_ENABLED=0\nRUN go build -o /app .\n\nFROM scratch\nCOPY --from=build /app /app\nCOPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt\nCMD ["/app"]\n',
  },
  {
    name: 'generic: compilers and curl stay behind, run-time packages are installed again, the program and its data come over',
    toolchain: 'generic',
    before:
      'FROM debian:12\nRUN apt-get update && apt-get install -y gcc make libpq5 curl\nWORKDIR /src\nCOPY . .\nRUN make && make install PREFIX=/usr/local\nRUN curl -fsSL https://example.com/data.csv -o /data/raw.csv && ./merge /data/raw.csv > /data/merged.csv\nUSER nobody\nCMD ["/usr/local/bin/app", "--data", "/data/merged.csv"]\n',
    after:
      'FROM debian:12 AS build\nRUN apt-get update && apt-get install -y gcc make libpq5 curl\nWORKDIR /src\nCOPY . .\nRUN make && make install PREFIX=/usr/local\nRUN curl -fsSL https://example.com/data.csv -o /data/raw.csv && ./merge /data/raw.csv > /data/merged.csv\n\nFROM debian:12\nWORKDIR /src\nRUN apt-get update && apt-get install -y --no-install-recommends libpq5 && rm -rf /var/lib/apt/lists/*\nCOPY --from=build /usr/local/bin/app /usr/local/bin/app\nCOPY --from=build /data/merged.csv /data/merged.csv\nUSER nobody\nCMD ["/usr/local/bin/app", "--data", "/data/merged.csv"]\n',
  },
  {
    name: 'CRLF line endings and a backtick escape are kept',
    toolchain: 'generic',
    before:
      '# escape=`\r\nFROM alpine:3.20\r\nRUN apk add --no-cache gcc musl-dev `\r\n    sqlite-libs\r\nCOPY main.c /src/main.c\r\nRUN gcc -o /usr/local/bin/hello /src/main.c\r\nCMD ["/usr/local/bin/hello"]\r\n',
    after:
      '# escape=`\r\nFROM alpine:3.20 AS build\r\nRUN apk add --no-cache gcc musl-dev `\r\n    sqlite-libs\r\nCOPY main.c /src/main.c\r\nRUN gcc -o /usr/local/bin/hello /src/main.c\r\n\r\nFROM alpine:3.20\r\nRUN apk add --no-cache sqlite-libs\r\nCOPY --from=build /usr/local/bin/hello /usr/local/bin/hello\r\nCMD ["/usr/local/bin/hello"]\r\n',
  },
  {
    name: 'Java with Maven: the target folder onto the matching JRE',
    toolchain: 'java',
    before:
      'FROM maven:3.9-eclipse-temurin-21\nWORKDIR /build\nCOPY pom.xml .\nRUN mvn -B dependency:go-offline\nCOPY src ./src\nRUN mvn -B package -DskipTests\nCMD ["java", "-jar", "target/app.jar"]\n',
    after:
      'FROM maven:3.9-eclipse-temurin-21 AS build\nWORKDIR /build\nCOPY pom.xml .\nRUN mvn -B dependency:go-offline\nCOPY src ./src\nRUN mvn -B package -DskipTests\n\nFROM eclipse-temurin:21-jre\nWORKDIR /build\nCOPY --from=build /build/target /build/target\nCMD ["java", "-jar", "target/app.jar"]\n',
  },
  {
    name: 'Rust: the release binary onto Debian slim, where the relative CMD still finds it',
    toolchain: 'rust',
    before: 'FROM rust:1.80\nWORKDIR /usr/src/app\nCOPY . .\nRUN cargo build --release\nCMD ["./target/release/server"]\n',
    after:
      'FROM rust:1.80 AS build\nWORKDIR /usr/src/app\nCOPY . .\nRUN cargo build --release\n\nFROM debian:bookworm-slim\nWORKDIR /usr/src/app\nCOPY --from=build /usr/src/app/target/release/server /usr/src/app/target/release/server\nCMD ["./target/release/server"]\n',
  },
  {
    name: 'Rust on a bullseye image: the final Debian is the same release, for the same glibc',
    toolchain: 'rust',
    before: 'FROM rust:1.70-bullseye\nWORKDIR /app\nCOPY . .\nRUN cargo build --release\nCMD ["/app/target/release/app"]\n',
    after:
      'FROM rust:1.70-bullseye AS build\nWORKDIR /app\nCOPY . .\nRUN cargo build --release\n\nFROM debian:bullseye-slim\nWORKDIR /app\nCOPY --from=build /app/target/release/app /app/target/release/app\nCMD ["/app/target/release/app"]\n',
  },
  {
    name: 'Java whose image names no Java version: the JRE version is a choice, 21 by default',
    toolchain: 'java',
    before: 'FROM maven:3.9\nWORKDIR /build\nCOPY . .\nRUN mvn -B package\nCMD ["java", "-jar", "target/app.jar"]\n',
    after:
      'FROM maven:3.9 AS build\nWORKDIR /build\nCOPY . .\nRUN mvn -B package\n\nFROM eclipse-temurin:21-jre\nWORKDIR /build\nCOPY --from=build /build/target /build/target\nCMD ["java", "-jar", "target/app.jar"]\n',
    snippet: '\nFROM eclipse-temurin:${1|21,17,11|}-jre\nWORKDIR /build\nCOPY --from=build /build/target /build/target\n',
  },
  {
    name: 'generic where nothing tells what the program needs: a tab stop to name it, a comment without snippets',
    toolchain: 'generic',
    before:
      'FROM debian:12\nRUN apt-get update && apt-get install -y gcc\nCOPY main.c /\nRUN gcc -O2 main.c\nENV GREETING=$HOME\nCMD ["run-it"]\n',
    after:
      'FROM debian:12 AS build\nRUN apt-get update && apt-get install -y gcc\nCOPY main.c /\nRUN gcc -O2 main.c\n\nFROM debian:12\n# Layerlens could not tell which files the program needs from the build stage: COPY --from=build them here.\nENV GREETING=$HOME\nCMD ["run-it"]\n',
    snippet: '\nFROM debian:12\nCOPY --from=build ${1:/path/in/build} ${2:/path/in/image}\n',
  },
  {
    name: 'a base named by a global ARG without a default: the final stage names it too; a package named by a shell variable stays in the build stage',
    toolchain: 'generic',
    before:
      'ARG BASE\nFROM $BASE\nRUN apt-get update && apt-get install -y gcc libssl3 $EXTRA\nCOPY main.c /\nRUN gcc -O2 main.c -o /usr/local/bin/app\nCMD ["app"]\n',
    after:
      'ARG BASE\nFROM $BASE AS build\nRUN apt-get update && apt-get install -y gcc libssl3 $EXTRA\nCOPY main.c /\nRUN gcc -O2 main.c -o /usr/local/bin/app\n\nFROM $BASE\nRUN apt-get update && apt-get install -y --no-install-recommends libssl3 && rm -rf /var/lib/apt/lists/*\nCOPY --from=build /usr/local/bin/app /usr/local/bin/app\nCMD ["app"]\n',
  },
  {
    name: 'Python with a user created in the build: the final stage creates it again before it copies with --chown and switches to it',
    toolchain: 'python',
    before:
      'FROM python:3.12\nRUN groupadd -r app && useradd -r -g app -d /app app\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY --chown=app:app . .\nUSER app\nCMD ["python", "app.py"]\n',
    after:
      'FROM python:3.12 AS build\nRUN groupadd -r app && useradd -r -g app -d /app app\nWORKDIR /app\nCOPY requirements.txt .\nRUN python -m venv /opt/venv\nENV VIRTUAL_ENV=/opt/venv PATH="/opt/venv/bin:$PATH"\nRUN pip install --no-cache-dir -r requirements.txt\n\nFROM python:3.12-slim\nRUN groupadd -r app && useradd -r -g app -d /app app\nWORKDIR /app\nENV VIRTUAL_ENV=/opt/venv PATH="/opt/venv/bin:$PATH"\nCOPY --from=build /opt/venv /opt/venv\nCOPY --chown=app:app . .\nUSER app\nCMD ["python", "app.py"]\n',
  },
  {
    name: 'not offered for Python installed as a non-root user, who could not write /opt/venv',
    before:
      'FROM python:3.12\nRUN useradd -m nonroot\nWORKDIR /home/nonroot/app\nUSER nonroot\nCOPY requirements.txt .\nRUN pip install --user -r requirements.txt\nCOPY app.py .\nCMD ["python", "app.py"]\n',
    after: null,
  },
  {
    name: 'not offered for pip --user, which a venv refuses',
    before: 'FROM python:3.12\nCOPY requirements.txt .\nRUN pip install --user -r requirements.txt\nCMD ["python", "app.py"]\n',
    after: null,
  },
  {
    name: 'not offered for Python that makes its own venv',
    before:
      'FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN python -m venv /venv && /venv/bin/pip install -r requirements.txt\nCMD ["/venv/bin/python", "app.py"]\n',
    after: null,
  },
  {
    name: 'not offered when the user is created in a step that also installs packages',
    before:
      'FROM node:22\nRUN apt-get update && apt-get install -y gcc && useradd app\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\nUSER app\nCMD ["node", "dist/index.js"]\n',
    after: null,
  },
  {
    name: 'not offered on a multi-stage file',
    before: 'FROM alpine AS build\nRUN make\nFROM alpine\nCOPY --from=build /a /a\n',
    after: null,
  },
  { name: 'not offered when nothing is built', before: 'FROM nginx:1.27\nCOPY site/ /usr/share/nginx/html/\n', after: null },
];

for (const row of rows) {
  test(`convert to multi-stage: ${row.name}`, () => {
    const model = parseDockerfile(row.before);
    const conversion = convertToMultiStage(model, row.options);
    if (row.after === null) {
      assert.equal(conversion, undefined);
      return;
    }
    assert.ok(conversion, 'the conversion is offered');
    assert.equal(conversion.toolchain, row.toolchain);
    const after = applyEdits(model, conversion.edits);
    assert.equal(after, row.after);
    assert.deepEqual(
      conversion.edits.map((e) => e.snippet).filter(Boolean),
      row.snippet ? [row.snippet] : [],
      'a snippet only where a choice is left',
    );
    const converted = parseDockerfile(after);
    assert.equal(converted.stages.length, 2, 'two stages');
    assert.equal(convertToMultiStage(converted, row.options), undefined, 'idempotent: a multi-stage file is not converted again');
    const rulesBefore = new Set(analyze(row.before).findings.map((f) => f.rule));
    const added = analyze(after)
      .findings.filter((f) => !rulesBefore.has(f.rule))
      .map((f) => f.rule);
    assert.deepEqual(added, row.newFindings ?? [], 'no new kind of finding');
    assert.ok(!analyze(after).findings.some((f) => f.rule === 'MultiStageRecommended'), 'MultiStageRecommended is satisfied');
  });
}
