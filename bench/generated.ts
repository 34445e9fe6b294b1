/** A generated Dockerfile of about `lines` lines: stages of typical instructions, each using the one before. */
export function generatedDockerfile(lines: number): string {
  const out: string[] = ['# syntax=docker/dockerfile:1', 'ARG BASE=debian:bookworm-slim'];
  for (let stage = 0; out.length < lines; stage++) {
    out.push(
      stage === 0 ? 'FROM ${BASE} AS s0' : `FROM s${stage - 1} AS s${stage}`,
      `ARG VERSION_${stage}=1.${stage}`,
      `ENV APP_${stage}=/opt/app${stage}`,
      `WORKDIR /src/${stage}`,
      `COPY package${stage}.json ./`,
      `RUN apt-get update && apt-get install -y --no-install-recommends curl git \\`,
      `    && rm -rf /var/lib/apt/lists/* && echo "stage ${stage} $VERSION_${stage}"`,
      `COPY . .`,
      `RUN --mount=type=cache,target=/root/.npm npm ci && npm run build --if-present`,
      `LABEL stage="${stage}"`,
    );
  }
  return out.slice(0, lines).join('\n') + '\n';
}
