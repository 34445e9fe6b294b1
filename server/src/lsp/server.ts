import {
  CodeAction, CodeActionKind, Connection, DocumentDiagnosticReportKind, Hover, MarkupKind, TextDocuments, TextDocumentSyncKind,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { cardAt, renderCard, safeFixEdits } from '../engine';
import { BuildContexts } from './buildContext';
import { AnalysisCache } from './documents';
import { CodeActionData, FIX_ALL_KIND, fixEdit, offerFix, toDiagnostic, wantsFixAll } from './convert';
import { SettingsStore } from './settings';

/** Wires the engine to one LSP connection; every handler reads the shared per-version analysis. */
export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const analyses = new AnalysisCache();
  const contexts = new BuildContexts();
  const settings = new SettingsStore(connection);

  let canRefreshDiagnostics = false;
  let hoverFormat: MarkupKind = MarkupKind.Markdown;

  connection.onInitialize((params) => {
    settings.supportsConfiguration = params.capabilities.workspace?.configuration === true;
    canRefreshDiagnostics = params.capabilities.workspace?.diagnostics?.refreshSupport === true;
    const formats = params.capabilities.textDocument?.hover?.contentFormat;
    hoverFormat = formats && !formats.includes(MarkupKind.Markdown) ? MarkupKind.PlainText : MarkupKind.Markdown;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        diagnosticProvider: { interFileDependencies: false, workspaceDiagnostics: false },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: true },
      },
      serverInfo: { name: 'layerlens', version: process.env.LAYERLENS_VERSION ?? '0.1.0' },
    };
  });

  // Clients that cannot be asked to re-pull will pull again on their next edit.
  const refreshDiagnostics = () => {
    if (canRefreshDiagnostics) connection.languages.diagnostics.refresh().catch((error: unknown) => connection.console.warn(`diagnostic refresh failed: ${String(error)}`));
  };

  connection.onDidChangeConfiguration(() => {
    settings.clear();
    refreshDiagnostics();
  });

  // A file created or deleted in a build context, or a changed ignore file, changes what the
  // context rules see. Forgetting is cheap; the re-pull waits for a burst (a checkout, an
  // `npm install`) to settle so that each context is listed once for it.
  let settling: ReturnType<typeof setTimeout> | undefined;
  connection.onDidChangeWatchedFiles(() => {
    contexts.clear();
    clearTimeout(settling);
    settling = setTimeout(refreshDiagnostics, 300);
  });

  documents.onDidClose((event) => {
    analyses.forget(event.document.uri);
    settings.forget(event.document.uri);
    contexts.forget(event.document.uri);
  });

  connection.languages.diagnostics.on(async (params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    const current = await settings.get(document.uri);
    if (!current.enable) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    return { kind: DocumentDiagnosticReportKind.Full, items: analyses.findings(document, current, contexts.get(document.uri)).map(toDiagnostic) };
  });

  connection.onHover(async (params): Promise<Hover | null> => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return null;
    const current = await settings.get(document.uri);
    if (!current.enable || !current.hover.cacheExplanations) return null;
    const found = cardAt(analyses.model(document), params.position, { buildArgs: current.build.args, context: contexts.get(document.uri)?.listing });
    if (!found) return null;
    return { contents: { kind: hoverFormat, value: renderCard(found.card, hoverFormat) }, range: found.range };
  });

  connection.onCodeAction(async (params): Promise<CodeAction[]> => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return [];
    if (wantsFixAll(params.context.only)) {
      const current = await settings.get(document.uri);
      if (!current.enable) return [];
      const edits = safeFixEdits(analyses.model(document), analyses.findings(document, current, contexts.get(document.uri)));
      if (edits.length === 0) return [];
      const fix = { title: 'Fix all safe Layerlens findings', safety: 'safe' as const, edits };
      return [{ title: fix.title, kind: FIX_ALL_KIND, edit: fixEdit({ uri: document.uri, version: document.version, fix }) }];
    }
    return params.context.diagnostics
      .map((d) => offerFix(d, document.uri, document.version))
      .filter((a): a is CodeAction => a !== undefined);
  });

  connection.onCodeActionResolve((action) => {
    const data = action.data as CodeActionData | undefined;
    const document = data && documents.get(data.uri);
    // A fix computed for an older version would land on the wrong text: leave it without an edit.
    if (data && document && document.version === data.version) action.edit = fixEdit(data);
    return action;
  });

  documents.listen(connection);
  connection.listen();
}
