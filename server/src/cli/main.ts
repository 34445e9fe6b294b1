import { isUtf8 } from 'buffer';
import * as fs from 'fs';
import { parseArgs } from 'util';
import * as path from 'path';
import { analyze, cacheAdvice, fixAll, readBuildContext } from '../engine';
import type { Severity } from '../engine';
import { ConfigFinder } from '../../../common/projectConfig';
import { collectDockerfiles, contextFolderProblem, contextReader, ensureLine, readTextIfAny, writeAtomically } from './files';
import { FileResult, jsonReport, textReport } from './report';
import { sarifReport } from './sarif';
import { codeclimateReport, githubReport } from './ciFormats';
import { build } from './build';
import { explain } from './explain';
import { VERSION } from '../../../common/version';
import { parseBuildArgs } from './io';
import type { CliIO } from './io';

export type { CliIO };

const USAGE = `Usage: layerlens <command> [options]

Commands:
  check [paths...]    Analyse Dockerfiles (files, or directories searched for
                      Dockerfile, Dockerfile.*, *.Dockerfile, Containerfile*)

  fix [paths...]      Same as check --fix: apply the safe fixes in place
                      (--unsafe: every fix), then report what is left
  explain [DOCKERFILE] Forecast which steps the next build re-runs, and why
                      (DOCKERFILE defaults to ./Dockerfile)
  build [DOCKERFILE]  Run the BuildKit build the editor runs, or print it
                      (DOCKERFILE defaults to ./Dockerfile)

Options for check:
  --format FORMAT     text (default), json, sarif (SARIF 2.1.0), github (GitHub
                      Actions annotations) or codeclimate (GitLab code quality)
  --fail-level LEVEL  Exit 1 only for findings at LEVEL or above: error,
                      warning, info or hint (default: hint, any finding)
  --explain           Also print what each step's BuildKit cache key depends on
  --build-arg K=V     A build argument, as given to docker build (repeatable)
  --context DIR       The build context of every Dockerfile given (default: the
                      one "contexts" in .layerlens.json names, else its folder)
  --fix               Apply the safe fixes in place, then report what is left
  --unsafe            With --fix, apply the unsafe fixes too (review the diff)
  --exit-zero         Exit 0 even when there are findings (still 2 on errors)
  --engine-version V  The Docker Engine the files are built with (such as 24.0
                      or 28.5.2): report what its built-in frontend rejects
                      (default: Docker 28, or "engineVersion" in .layerlens.json)

Options for explain:
  --changed PATH      A context file whose content or mode changed since the
                      last build, relative to the context (repeatable)
  --changed-arg NAME  A build arg whose value changed (repeatable)
  --changed-image IMG A base image whose tag now points elsewhere (repeatable)
  --previous FILE     The Dockerfile as it was at the last build
  --target STAGE      The stage to build (default: the last one)
  --previous-target STAGE
                      The target of the last build, when it was another one
  --context DIR       The build context (default: the one "contexts" in
                      .layerlens.json names, else the Dockerfile's folder)
  --build-arg K=V     A build argument (repeatable)
  --fresh-runner      Forecast for a new builder that has only the inline cache
                      of the last pushed image (--cache-from)
  --fresh-runner-cache inline|max
                      What that builder imports: the inline cache (default),
                      or a registry cache exported with mode=max
  --image-store S     classic or containerd: the daemon's image store, which
                      decides whether a COPY --link after a re-run step is
                      reused (default: asked from docker info when it matters)
  --format FORMAT     text (default) or json
  --explain           Also print what each step's cache key depends on

Options for build:
  --context DIR       The build context (default: as for explain)
  --tag IMAGE[:TAG]   The image (default: the folder's name, :latest)
  --target STAGE      Build this stage
  --registry-cache    Keep the cache in the registry: every stage the final
                      stage uses is built and tagged IMAGE:STAGE with its own
                      inline cache (or buildx's exporter, "cache": "registry")
  --push              Push every tag built
  --secret id=ID,src=PATH | id=ID,env=VAR
                      A secret for RUN --mount=type=secret (repeatable)
  --build-arg K=V     A build argument (repeatable)
  --platform P        The target platform, such as linux/arm64
  --engine E          auto (default): buildx when it works, else
                      DOCKER_BUILDKIT=1 docker build; or buildx, docker
  --docker PATH       The docker client (default: docker)
  --builder NAME      The buildx builder
  --print             Print the commands, one per line, quoted for sh
  --script            Print a POSIX sh script (set -eu) that runs them

  -h, --help          Show this help
  -v, --version       Show the version

Severities and build settings come from the nearest .layerlens.json above each
Dockerfile ({ "rules": { "RuleId": "off" }, "build": { "args": { "K": "V" },
"secrets": { "ID": { "src": "FILE" } }, "cache": "inline", "push": true } });
command-line options win over it.

Exit codes: 0 no findings (at --fail-level or above), 1 findings, 2 usage or
input error; build exits with the code of the first command that failed.`;

/** A Docker Engine version as `docker version` prints it, or its release line. */
const ENGINE_VERSION = /^\d+\.\d+(\.\d+)?([-+~][\w.+~-]*)?$/;

const CHECK_FORMATS = ['text', 'json', 'sarif', 'github', 'codeclimate'];
/** Severities from the most severe down: `--fail-level` fails on its own and those before it. */
const FAIL_LEVELS: Severity[] = ['error', 'warning', 'info', 'hint'];

function check(argv: string[], io: CliIO): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: 'string', default: 'text' },
      explain: { type: 'boolean', default: false },
      'build-arg': { type: 'string', multiple: true, default: [] },
      context: { type: 'string' },
      'exit-zero': { type: 'boolean', default: false },
      'fail-level': { type: 'string', default: 'hint' },
      fix: { type: 'boolean', default: false },
      unsafe: { type: 'boolean', default: false },
      'engine-version': { type: 'string' },
    },
  });
  if (values['engine-version'] !== undefined && !ENGINE_VERSION.test(values['engine-version'])) {
    io.stderr(`layerlens: --engine-version must be a Docker Engine version such as 24.0 or 28.5.2, not "${values['engine-version']}"`);
    return 2;
  }
  if (values.unsafe && !values.fix) {
    io.stderr('layerlens: --unsafe goes with --fix (or the fix command)');
    return 2;
  }
  if (!CHECK_FORMATS.includes(values.format ?? '')) {
    io.stderr(`layerlens: --format must be ${CHECK_FORMATS.slice(0, -1).join(', ')} or ${CHECK_FORMATS.at(-1)}, not "${values.format}"`);
    return 2;
  }
  const failLevel = FAIL_LEVELS.indexOf(values['fail-level'] as Severity);
  if (failLevel < 0) {
    io.stderr(
      `layerlens: --fail-level must be ${FAIL_LEVELS.slice(0, -1).join(', ')} or ${FAIL_LEVELS.at(-1)}, not "${values['fail-level']}"`,
    );
    return 2;
  }
  const buildArgs = parseBuildArgs(values['build-arg'] ?? [], io);
  if (!buildArgs) return 2;
  const contextProblem = values.context === undefined ? undefined : contextFolderProblem(values.context);
  if (contextProblem) {
    io.stderr(`layerlens: --context ${values.context} ${contextProblem}`);
    return 2;
  }
  const { files, errors } = collectDockerfiles(positionals.length > 0 ? positionals : ['.']);
  const results: FileResult[] = [];
  const configs = new ConfigFinder(readTextIfAny);
  const contextIO = contextReader();
  for (const file of files) {
    try {
      const bytes = fs.readFileSync(file);
      let text = bytes.toString('utf8');
      const config = configs.forFile(file);
      const contextDir = values.context ?? configs.contextFor(file) ?? path.dirname(file);
      const context = readBuildContext(file, contextDir, contextIO);
      if (!context) {
        errors.push(`${file}: its build context ${contextDir} ${contextFolderProblem(contextDir) ?? 'cannot be read'}`);
        continue;
      }
      const options = {
        buildArgs: { ...config?.build.args, ...buildArgs },
        severities: config?.rules,
        dockerignore: context.dockerignore,
        context: context.listing,
        dockerfilePath: path.resolve(file),
        engineVersion: values['engine-version'] ?? (config?.engineVersion || undefined),
      };
      // Written back, bytes that are not UTF-8 would become U+FFFD: such a file is reported, not fixed.
      if (values.fix && !isUtf8(bytes))
        io.stderr(`layerlens: ${file}: not fixed: it is not UTF-8 text, and writing it back would change bytes Layerlens cannot read`);
      else if (values.fix) {
        const fixed = fixAll(text, options, values.unsafe ? 'all' : 'safe');
        if (fixed.text !== text) {
          writeAtomically(file, fixed.text);
          for (const { file: name, line } of fixed.contextLines) ensureLine(path.join(contextDir, name), line);
          io.stderr(`layerlens: ${file}: applied ${fixed.applied} ${values.unsafe ? '' : 'safe '}fix${fixed.applied === 1 ? '' : 'es'}`);
          for (const { id, source } of fixed.secrets) {
            io.stderr(
              `layerlens: ${file}: build with --secret id=${id},${'src' in source ? `src=${source.src}` : `env=${source.env}`} (or "secrets" in .layerlens.json)`,
            );
          }
          text = fixed.text;
        }
      }
      const analysis = analyze(text, options);
      results.push({ path: file, analysis, advice: values.explain ? cacheAdvice(analysis.model, options) : [] });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      errors.push(code ? `cannot ${values.fix ? 'fix' : 'read'} ${file}: ${code}` : (error as Error).message);
    }
  }
  for (const error of errors) io.stderr(`layerlens: ${error}`);
  if (files.length === 0 && errors.length === 0) {
    io.stderr(`layerlens: no Dockerfiles found in ${positionals.join(', ') || '.'}`);
    return 2;
  }
  if (results.length > 0 || errors.length === 0) {
    const report =
      values.format === 'json'
        ? jsonReport(results)
        : values.format === 'sarif'
          ? sarifReport(results, VERSION, process.cwd())
          : values.format === 'github'
            ? githubReport(results)
            : values.format === 'codeclimate'
              ? codeclimateReport(results)
              : textReport(results, values.explain ?? false);
    if (report) io.stdout(report);
  }
  if (errors.length > 0) return 2;
  const failing = results.some((r) => r.analysis.findings.some((f) => FAIL_LEVELS.indexOf(f.severity) <= failLevel));
  return !values['exit-zero'] && failing ? 1 : 0;
}

const COMMANDS = new Set(['check', 'explain', 'fix', 'build']);

export function main(argv: string[], io: CliIO): number | Promise<number> {
  const [command, ...rest] = argv;
  // `layerlens check --help` is how most people ask about one command; what follows `--` is an argument.
  const end = rest.indexOf('--');
  if (COMMANDS.has(command) && (end < 0 ? rest : rest.slice(0, end)).some((arg) => arg === '-h' || arg === '--help')) {
    io.stdout(USAGE);
    return 0;
  }
  try {
    switch (command) {
      case 'check':
        return check(rest, io);
      case 'explain':
        return explain(rest, io);
      case 'fix':
        return check(['--fix', ...rest], io);
      case 'build':
        return build(rest, io).catch((error: unknown) => usageError(error, io));
      case '-h':
      case '--help':
      case 'help':
        io.stdout(USAGE);
        return 0;
      case '-v':
      case '--version':
        io.stdout(VERSION);
        return 0;
      case undefined:
        io.stderr(USAGE);
        return 2;
      default:
        io.stderr(`layerlens: unknown command "${command}"\n\n${USAGE}`);
        return 2;
    }
  } catch (error) {
    return usageError(error, io);
  }
}

/** parseArgs reports unknown or malformed options by throwing; they are usage errors. */
function usageError(error: unknown, io: CliIO): number {
  if ((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    io.stderr(`layerlens: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  throw error;
}

if (require.main === module) {
  void Promise.resolve(
    main(process.argv.slice(2), {
      stdout: (text) => process.stdout.write(text + '\n'),
      stderr: (text) => process.stderr.write(text + '\n'),
    }),
  ).then((code) => {
    process.exitCode = code;
  });
}
