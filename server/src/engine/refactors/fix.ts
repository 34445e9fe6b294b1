import type { SecretSource } from '../../../../common/buildPlan';
import type { Range } from '../model';

/** What a fix or a refactor does to the file, and how safe it is: shared by the rules that offer fixes and the refactors that build them. */
export type FixSafety = 'safe' | 'unsafe';

export interface TextEdit {
  range: Range;
  newText: string;
  /**
   * The same edit as an LSP snippet, where a choice could not be inferred: tab stops and
   * `${1|a,b|}` choices in place of the defaults `newText` carries. Editors that take snippet
   * edits apply this; everything else applies `newText`.
   */
  snippet?: string;
}

/** A line that must be in a file of the build context beside the Dockerfile, created when missing. */
export interface ContextFileLine {
  /** Relative to the build context: `.dockerignore`. */
  file: string;
  line: string;
}

/** A fix travels with its finding, so that code actions never recompute it. */
export interface Fix {
  title: string;
  safety: FixSafety;
  edits: TextEdit[];
  /** Lines the fix also needs in other files of the context; the LSP layer and the CLI write them. */
  contextLines?: ContextFileLine[];
  /**
   * Secrets the build must now be given, and where from: the editor records them in
   * `layerlens.build.secrets`, so that its build commands pass `--secret` by themselves.
   */
  secrets?: FixSecret[];
}

export interface FixSecret {
  id: string;
  source: SecretSource;
}
