import type { DockerfileModel, Range } from '../model';
import type { BuildArgs } from '../model/scope';
import type { DockerIgnore } from '../context/dockerignore';
import type { ContextListing } from '../context/listing';
import type { Fix, FixSafety } from '../refactors/fix';

export type { ContextFileLine, Fix, FixSafety, FixSecret, TextEdit } from '../refactors/fix';

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type RuleCategory = 'cache' | 'stages' | 'secrets' | 'syntax' | 'size';

export type FindingTag = 'unnecessary' | 'deprecated';

export interface Finding {
  rule: string;
  tags?: FindingTag[];
  severity: Severity;
  range: Range;
  message: string;
  /** Path of the rule's documentation page, relative to the package root. */
  docs: string;
  fix?: Fix;
}

export interface RuleContext<Messages> {
  model: DockerfileModel;
  buildArgs: BuildArgs;
  /** The build context's ignore file; `null` when there is none, undefined when the caller did not say. */
  dockerignore?: DockerIgnore | null;
  /** The files the build context sends; undefined when the caller did not list them. */
  context?: ContextListing;
  /** The Docker Engine version the file is built with, when the caller knows it. */
  engineVersion?: string;
  messages: Messages;
  report: (finding: { range: Range; message: string; fix?: Fix; instructionIndex?: number }) => void;
}

export type MessageMap = Record<string, (...args: never[]) => string>;

/** What every rule has, whatever its messages. */
interface RuleInfo {
  /** The id users see and configure; BuildKit's name where BuildKit has the check. Ids are API. */
  id: string;
  description: string;
  category: RuleCategory;
  /**
   * `off` for a rule whose findings the precision evaluation (docs/precision.md) found mostly not worth
   * a user's attention: it runs only where a setting, `.layerlens.json` or `# check=` asks for it.
   */
  defaultSeverity: Severity | 'off';
  fix: { availability: 'none' | 'sometimes' | 'always'; safety?: FixSafety };
  /** Other names that silence or configure the rule (hadolint codes, former ids). */
  aliases: string[];
  /** True when `docker build --check` has a check of the same name and meaning. */
  buildkit: boolean;
  /** Shown by editors as faded (unnecessary) or struck through (deprecated) code. */
  tags?: FindingTag[];
  /** Off unless `# check=experimental=<id>` (or `all`) asks for it, as BuildKit's experimental checks are. */
  experimental?: boolean;
}

/** A rule as written in its file: its check reads messages typed by its own definition. */
export interface RuleDefinition<Messages extends MessageMap> extends RuleInfo {
  messages: Messages;
  check: (context: RuleContext<Messages>) => void;
}

/**
 * A rule as the registry and the analysis hold it. Whoever runs the check passes the rule's own
 * `messages` in the one context it builds for the rule. Copying that context into a second one
 * with the messages added, per rule and file, made the rules take 80 µs on a one-line file instead
 * of 28 (measured in one process over many runs), more than most rules' own work on small files.
 */
export interface Rule extends RuleInfo {
  docs: string;
  messages: MessageMap;
  check: (context: RuleContext<MessageMap>) => void;
}

/** Kebab-case slug of a rule id, for its documentation page. */
export function ruleSlug(id: string): string {
  return id
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();
}

export function defineRule<Messages extends MessageMap>(definition: RuleDefinition<Messages>): Rule {
  // The check is only ever called with its own messages (see Rule), which the cast cannot say.
  return { ...definition, docs: `docs/rules/${ruleSlug(definition.id)}.md`, check: definition.check as Rule['check'] };
}
