import { parseCheckValue, parseDockerfile } from './model';
import type { BuildArgs, CheckDirective, DockerfileModel } from './model';
import { parseDockerignore } from './context/dockerignore';
import type { ContextListing } from './context/listing';
import { RULES } from './rules';
import { notUtf8Text } from './rules/notUtf8Text';
import { isToolingDockerfile } from './knowledge/imagePurpose';
import { secretRedactor } from './secrets';
import type { Finding, Rule, Severity } from './rules';

export interface RuleOptions {
  /** Per-rule severity or `off`, keyed by id or alias; missing rules use their default. */
  severities?: Readonly<Record<string, Severity | 'off'>>;
  buildArgs?: BuildArgs;
  /** The text of the build context's ignore file; `null` when the caller looked and there is none, undefined when unknown. */
  dockerignore?: string | null;
  /** The files the build context sends to the builder, as `listContext` walks them; undefined when unknown. */
  context?: ContextListing;
  /** The Dockerfile's path, when it has one: its name may say it builds a development or test image. */
  dockerfilePath?: string;
  /** The Docker Engine version the file is built with (`28.5.2`), when known: what its built-in frontend accepts. */
  engineVersion?: string;
}

export interface Analysis {
  model: DockerfileModel;
  findings: Finding[];
}

/** The `check` settings in force: the BUILDKIT_DOCKERFILE_CHECK build arg overrides the directive, as in BuildKit. */
function checkSettings(model: DockerfileModel, options: RuleOptions): CheckDirective | undefined {
  const override = options.buildArgs?.BUILDKIT_DOCKERFILE_CHECK;
  return override !== undefined
    ? parseCheckValue(override, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } })
    : model.directives.check;
}

/**
 * True when the file pins a `docker/dockerfile` frontend older than 1.8, which has no build checks:
 * BuildKit prints none of its warnings for such a file, so neither does Layerlens. The
 * `experimental` and `1-experimental` tags stopped moving long before 1.8 (the labs channel
 * replaced them), so they count as old too.
 */
function frontendWithoutChecks(model: DockerfileModel): boolean {
  const syntax = model.directives.syntax?.value.trim() ?? '';
  if (/^(?:docker\.io\/)?docker\/dockerfile(?:-upstream)?:(?:1-)?experimental$/.test(syntax)) return true;
  const pinned = /^(?:docker\.io\/)?docker\/dockerfile(?:-upstream)?:(\d+)\.(\d+)/.exec(syntax);
  return pinned !== null && Number(pinned[1]) === 1 && Number(pinned[2]) < 8;
}

/**
 * True when `# syntax=` names a frontend that is not Docker's (`devthefuture/dockerfile-x` with its
 * INCLUDE, say): it reads a language of its own, so neither BuildKit's checks nor the syntax check apply.
 */
function foreignFrontend(model: DockerfileModel): boolean {
  const syntax = model.directives.syntax?.value.trim();
  return syntax !== undefined && syntax !== '' && !/(?:^|\/)docker\/dockerfile(?:-upstream)?(?::|@|$)/.test(syntax);
}

/** What the file's directives and the build args say about every rule: read once per run, not once per rule. */
interface FileChecks {
  frontendWithoutChecks: boolean;
  foreignFrontend: boolean;
  check: CheckDirective | undefined;
}

function fileChecks(model: DockerfileModel, options: RuleOptions): FileChecks {
  return {
    frontendWithoutChecks: frontendWithoutChecks(model),
    foreignFrontend: foreignFrontend(model),
    check: checkSettings(model, options),
  };
}

/** The severity the options give the rule, by its id or else by the first of its aliases they name. */
function configuredByName(rule: Rule, severities: RuleOptions['severities']): Severity | 'off' | undefined {
  if (severities === undefined) return undefined;
  for (const name of [rule.id, ...rule.aliases]) {
    const severity = severities[name];
    if (severity !== undefined) return severity;
  }
  return undefined;
}

function configuredSeverity(rule: Rule, file: FileChecks, options: RuleOptions): Severity | 'off' {
  if (rule.buildkit && file.frontendWithoutChecks) return 'off';
  if ((rule.buildkit || rule.id === 'InvalidSyntax') && file.foreignFrontend) return 'off';
  const { check } = file;
  if (rule.experimental && !(check?.experimental.has(rule.id) || check?.experimental.has('all'))) return 'off';
  if (check && (check.skipAll || check.skip.has(rule.id) || rule.aliases.some((a) => check.skip.has(a)))) return 'off';
  const severity = configuredByName(rule, options.severities) ?? rule.defaultSeverity;
  // `# check=error=true` turns BuildKit's own checks into build errors; say so in the editor too.
  return check?.error && rule.buildkit && severity !== 'off' ? 'error' : severity;
}

function suppressedAt(model: DockerfileModel, rule: Rule, instructionIndex: number | undefined): boolean {
  if (instructionIndex === undefined) return false;
  const names = model.inlineSuppressions.get(instructionIndex);
  return names !== undefined && (names.has('all') || names.has(rule.id) || rule.aliases.some((a) => names.has(a)));
}

/** Runs every enabled rule over an already-parsed model. */
export function runRules(model: DockerfileModel, options: RuleOptions = {}): Finding[] {
  const findings: Finding[] = [];
  const dockerignore = typeof options.dockerignore === 'string' ? parseDockerignore(options.dockerignore) : options.dockerignore;
  // In a binary or UTF-16 file every line would be a finding of its own; the one that says what
  // the file is says everything useful.
  const unreadable = model.encoding.kind === 'binary' || model.encoding.kind === 'utf16';
  // Messages may quote the file (InvalidSyntax quotes what it could not read): never a secret in it.
  const redact = secretRedactor(model, options.buildArgs);
  // Size advice is for images that ship: a development, debug, test or example image's compilers,
  // caches and recommended packages are what it is for.
  const tooling = options.dockerfilePath !== undefined && isToolingDockerfile(options.dockerfilePath);
  const file = fileChecks(model, options);
  for (const rule of unreadable ? RULES.filter((r) => r.id === notUtf8Text.id) : RULES) {
    const severity = configuredSeverity(rule, file, options);
    if (severity === 'off' || (tooling && rule.category === 'size' && options.severities?.[rule.id] === undefined)) continue;
    try {
      rule.check({
        model,
        buildArgs: options.buildArgs ?? {},
        dockerignore,
        context: options.context,
        engineVersion: options.engineVersion,
        messages: rule.messages,
        report: ({ range, message, fix, instructionIndex }) => {
          if (suppressedAt(model, rule, instructionIndex)) return;
          const shownFix = fix && { ...fix, title: redact(fix.title) };
          findings.push({
            rule: rule.id,
            severity,
            range,
            message: redact(message),
            docs: rule.docs,
            fix: shownFix,
            ...(rule.tags ? { tags: rule.tags } : {}),
          });
        },
      });
    } catch (error) {
      // A rule that fails on some text must not take the other rules' findings, or the editor
      // and the CLI, down with it: the failure is reported on the first line, where it is seen.
      findings.push({
        rule: rule.id,
        severity: 'warning',
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        docs: rule.docs,
        message: redact(
          `Layerlens could not finish the ${rule.id} check on this file (${error instanceof Error ? error.message : String(error)}). The other checks ran; please report this with the file.`,
        ),
      });
    }
  }
  return findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

/** Parses once and runs the rules: the whole engine for one text. */
export function analyze(text: string, options: RuleOptions = {}): Analysis {
  const model = parseDockerfile(text);
  return { model, findings: runRules(model, options) };
}

/** The rule whose advice, off by default, is given where the user asks for it. */
export const ADVICE_RULE = 'CopyContextBeforeInstall';
const ADVICE_ONLY = Object.fromEntries(RULES.map((rule) => [rule.id, rule.id === ADVICE_RULE ? 'info' : 'off'] as const));

/**
 * CopyContextBeforeInstall is off by default: on real files it was right too seldom for a squiggle
 * (docs/precision.md). Its findings are what the hover of a COPY, `check --explain` and the "Reorder
 * for cache" refactor offer instead, unless the options configure the rule: turned on, it speaks as
 * a finding of its own; turned off on purpose, not at all.
 */
export function cacheAdvice(model: DockerfileModel, options: RuleOptions = {}): Finding[] {
  if (options.severities?.[ADVICE_RULE] !== undefined) return [];
  return runRules(model, { ...options, severities: ADVICE_ONLY });
}
