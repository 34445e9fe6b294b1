import { DocumentDiagnosticReportKind, FileChangeType } from '../languageServer';
import { ServerState, unlessCancelled } from '../state';
import { CONFIG_FILE } from '../../../../common/projectConfig';

/**
 * How long a parse must have taken for a cancellation to be looked for before the rules run. A pause
 * lets a cancellation that arrived meanwhile through, but costs every request a turn of the event
 * loop (0.05 ms at the median in paired runs over the bench's typing); a parse of a file of usual
 * size takes a fraction of a millisecond, too short for the next keystroke to have come.
 */
const PAUSE_AFTER_PARSE_MS = 5;

/**
 * Diagnostics: pulled by clients that can, pushed after a pause in typing to those that cannot,
 * and refreshed when the settings, the build context or the user's engine change what they say.
 */
export function registerDiagnostics(state: ServerState): void {
  const { connection, documents, settings, analyses, contexts } = state;
  connection.languages.diagnostics.on(async (params, token) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    const current = await settings.get(document.uri);
    if (!current.enable) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    await unlessCancelled(token);
    const parseStarted = performance.now();
    analyses.model(document);
    if (performance.now() - parseStarted > PAUSE_AFTER_PARSE_MS) await unlessCancelled(token);
    return { kind: DocumentDiagnosticReportKind.Full, items: state.diagnosticsOf(document, current) };
  });
  documents.onDidChangeContent((event) => {
    if (!state.client.pullsDiagnostics) state.pushDiagnostics(event.document.uri);
  });

  connection.onDidChangeConfiguration(() => {
    settings.clear();
    state.refreshDiagnostics();
    state.refreshCodeLenses();
  });

  // A file created or deleted in a build context, or a changed ignore file, changes what the
  // context rules see; any change to a file changes the forecast. Forgetting is cheap; the
  // refresh comes once per burst (a checkout, an `npm install`), at most 300 ms after its first event.
  let pending: { listingChanged: boolean } | undefined;
  connection.onDidChangeWatchedFiles((params) => {
    // A `.layerlens.json` gives rules, build args and contexts: what every document below it is analysed with.
    const projectChanged = params.changes.some((c) => c.uri.endsWith(`/${CONFIG_FILE}`));
    if (projectChanged) settings.projectsChanged();
    const listingChanged =
      projectChanged || params.changes.some((c) => c.type !== FileChangeType.Changed || c.uri.endsWith('.dockerignore'));
    if (listingChanged) contexts.clear();
    if (pending) {
      pending.listingChanged ||= listingChanged;
      return;
    }
    pending = { listingChanged };
    setTimeout(() => {
      if (pending?.listingChanged) state.refreshDiagnostics();
      pending = undefined;
      state.refreshCodeLenses();
    }, 300);
  });
}
