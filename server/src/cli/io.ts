export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** A running build's own output, passed through as it comes; standard error when not given. */
  stream?: (chunk: string) => void;
}

/** `--build-arg NAME=VALUE` pairs, as docker build takes them; undefined after reporting a malformed one. */
export function parseBuildArgs(pairs: string[], io: CliIO): Record<string, string> | undefined {
  const buildArgs: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) {
      io.stderr(`layerlens: --build-arg takes NAME=VALUE, not "${pair}"`);
      return undefined;
    }
    buildArgs[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return buildArgs;
}
