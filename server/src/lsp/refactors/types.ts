import { Diagnostic, Range } from '../languageServer';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { DockerfileModel, Fix } from '../../engine';
import type { LayerlensSettings } from '../../../../common/settings';
import type { ServerState } from '../state';

/** Where a refactor is asked for, as `codeAction` gives it. */
export interface RefactorRequest {
  document: TextDocument;
  model: DockerfileModel;
  current: LayerlensSettings;
  range: Range;
  diagnostics: Diagnostic[];
}

/** A refactor the user may pick: its title, the instruction line it works on, the diagnostics it answers. */
export interface RefactorOffer {
  title: string;
  line?: number;
  diagnostics?: Diagnostic[];
}

/**
 * A refactor offered on its own (not a rule's fix): offered only where it yields an edit, and its
 * edits computed again, for the version it was offered on, when the user picks it.
 */
export interface Refactor {
  id: string;
  /** Its edits may hold snippet tab stops, for clients that take them. */
  snippets?: boolean;
  offer(state: ServerState, request: RefactorRequest): RefactorOffer | undefined;
  resolve(state: ServerState, document: TextDocument, line: number | undefined, title: string): Promise<Fix | undefined>;
}
