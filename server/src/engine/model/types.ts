import type { Range } from 'vscode-languageserver-types';
import type { SimpleCommand } from './shell';

export type { Range };

/** A word of an instruction, with where it stands in the text. */
export interface Word {
  readonly value: string;
  readonly range: Range;
}

/** `--name=value` before an instruction's arguments. */
export interface Flag {
  name: string;
  value: string | null;
  range: Range;
  valueRange: Range | null;
}

export interface Heredoc {
  name: string;
  /** The body between the opening line and the delimiter, without the trailing newline. */
  content: string;
  contentRange: Range | null;
  /** From the `<<NAME` marker's line start to the end of the closing delimiter. */
  range: Range;
}

/** `KEY=value` (or the legacy `KEY value`) of ARG, ENV and LABEL. */
export interface Property {
  name: string;
  /** null when no value is given (`ARG NAME`). */
  value: string | null;
  range: Range;
  nameRange: Range;
}

interface MountBase {
  /** The flag's range, `--mount=…` included. */
  range: Range;
  /** Every key as written, aliases unresolved, for hovers and completion. */
  options: ReadonlyMap<string, string | null>;
  /** Problems found while reading the options, in words for a diagnostic. */
  problems: string[];
}

export interface CacheMount extends MountBase {
  type: 'cache';
  target?: string;
  id?: string;
  sharing: 'shared' | 'private' | 'locked';
  from?: string;
  source?: string;
  mode?: string;
  uid?: string;
  gid?: string;
  readonly: boolean;
}

export interface SecretMount extends MountBase {
  type: 'secret';
  /** The id as BuildKit derives it: `id=`, else the target's base name. */
  id?: string;
  /** Where the secret appears; BuildKit's default is `/run/secrets/<id>` unless `env=` is given. */
  target?: string;
  env?: string;
  required: boolean;
  mode?: string;
  uid?: string;
  gid?: string;
}

export interface BindMount extends MountBase {
  type: 'bind';
  target?: string;
  source?: string;
  from?: string;
  readwrite: boolean;
}

export interface SshMount extends MountBase {
  type: 'ssh';
  id: string;
  target?: string;
  required: boolean;
  mode?: string;
  uid?: string;
  gid?: string;
}

export interface TmpfsMount extends MountBase {
  type: 'tmpfs';
  target?: string;
  size?: string;
}

export interface UnknownMount extends MountBase {
  type: 'unknown';
  declaredType: string;
}

export type Mount = CacheMount | SecretMount | BindMount | SshMount | TmpfsMount | UnknownMount;

export interface RunDetails {
  mounts: Mount[];
  network?: string;
  security?: string;
  /** `exec` for the JSON form `RUN ["a", "b"]`. */
  form: 'shell' | 'exec';
  /** The command as the shell receives it: continuations joined, heredoc bodies not included. */
  command: string;
  /**
   * The simple commands of a shell-form RUN, the command's first and then each heredoc body's;
   * none for the exec form. Split once here so that rules never split the command again.
   */
  commands: SimpleCommand[];
}

export interface CopyDetails {
  from?: string;
  chown?: string;
  chmod?: string;
  link: boolean;
  parents: boolean;
  exclude: string[];
  checksum?: string;
  keepGitDir: boolean;
  sources: Word[];
  destination?: Word;
}

export interface Instruction {
  /** Upper-case keyword (`RUN`), whatever the case in the file. */
  keyword: string;
  /** The keyword as written (`run`, `Run`). */
  rawKeyword: string;
  /** Position among all instructions of the file. */
  index: number;
  /** The stage it belongs to; -1 before the first FROM. */
  stage: number;
  range: Range;
  keywordRange: Range;
  /** The instruction's raw text, continuations and heredocs included. */
  text: string;
  flags: Flag[];
  /** Arguments after the flags, heredoc bodies excluded. */
  args: Word[];
  heredocs: Heredoc[];
  /** ARG, ENV and LABEL. */
  properties: Property[];
  run?: RunDetails;
  copy?: CopyDetails;
}

export interface ArgDeclaration {
  name: string;
  defaultValue: string | null;
  instruction: Instruction;
  property: Property;
}

export interface Stage {
  index: number;
  /** As written; BuildKit compares stage names case-insensitively. */
  name?: string;
  nameRange?: Range;
  from: Instruction;
  /** The base as written (`golang:${GO_VERSION}`). */
  base: string;
  /** The base with global ARG defaults substituted. */
  resolvedBase: string;
  /** Set when the base is an earlier stage. */
  baseStage?: number;
  platform?: string;
  /** Every instruction of the stage, its FROM first. */
  instructions: Instruction[];
  args: ArgDeclaration[];
  range: Range;
}

export interface CheckDirective {
  skip: ReadonlySet<string>;
  skipAll: boolean;
  error: boolean;
  experimental: ReadonlySet<string>;
  range: Range;
}

export interface Directives {
  syntax?: { value: string; range: Range };
  escape: { char: string; range?: Range };
  check?: CheckDirective;
}

export type StageDependencyKind = 'from' | 'copy' | 'mount';

export interface StageDependency {
  /** The stage that depends. */
  stage: number;
  kind: StageDependencyKind;
  /** The stage depended upon, or undefined when the reference names an image. */
  target?: number;
  /** The reference as resolved (stage name, index or image). */
  reference: string;
  instruction: Instruction;
  /** The words that name it: the FROM image, the --from value, or the --mount flag. */
  range: Range;
}

export interface Problem {
  message: string;
  range: Range;
}

/**
 * What the characters of the text say about the bytes it was decoded from. Editors and the CLI
 * decode files as UTF-8 and put U+FFFD where bytes are not UTF-8; NUL never occurs in a text file.
 * `at` is the first character that shows it.
 */
export type TextEncoding = { kind: 'utf8' } | { kind: 'notUtf8' | 'utf16' | 'binary'; at: Range['start'] };

/** Everything the engine knows about one text: built once, read by every feature. */
export interface DockerfileModel {
  text: string;
  encoding: TextEncoding;
  /** Line start offsets, for converting between offsets and positions. */
  lineStarts: number[];
  eol: '\n' | '\r\n';
  directives: Directives;
  instructions: Instruction[];
  stages: Stage[];
  globalArgs: ArgDeclaration[];
  dependencies: StageDependency[];
  /** Rules silenced for one instruction by a `# check=skip=` or `# hadolint ignore=` comment right above it. */
  inlineSuppressions: ReadonlyMap<number, ReadonlySet<string>>;
  /** What could not be understood; the rest of the model is still filled in. */
  problems: Problem[];
}
