import { CodeActionKind, Connection, MarkupKind, TextDocumentSyncKind } from './languageServer';
import * as path from 'path';
import { SERVER_STATUS } from '../../../common/protocol';
import { VERSION } from '../../../common/version';
import { FIX_ALL_KIND } from './convert';
import { Forecasts } from './forecast';
import { registerBuilds } from './handlers/builds';
import { registerCodeActions } from './handlers/codeActions';
import { registerCodeLenses } from './handlers/codeLens';
import { registerDiagnostics } from './handlers/diagnostics';
import { registerHovers } from './handlers/hover';
import { ServerState } from './state';

/** The server's feature areas, each a module that registers its handlers on the shared state. */
const FEATURES: ((state: ServerState) => void)[] = [
  registerDiagnostics,
  registerCodeLenses,
  registerHovers,
  registerCodeActions,
  registerBuilds,
];

/** Wires the engine to one LSP connection; every handler reads the shared per-version analysis. */
export function startServer(connection: Connection): void {
  const state = new ServerState(connection);
  const { documents, analyses, settings, contexts, editing } = state;

  connection.onInitialize((params) => {
    settings.supportsConfiguration = params.capabilities.workspace?.configuration === true;
    const formats = params.capabilities.textDocument?.hover?.contentFormat;
    // The client names a folder of its own where recorded builds survive a restart, and says whether it runs "Show cache details".
    const options = params.initializationOptions as { storagePath?: unknown; cacheDetailsCommand?: unknown } | undefined;
    state.client = {
      refreshesDiagnostics: params.capabilities.workspace?.diagnostics?.refreshSupport === true,
      pullsDiagnostics: params.capabilities.textDocument?.diagnostic !== undefined,
      refreshesCodeLenses: params.capabilities.workspace?.codeLens?.refreshSupport === true,
      snippetEdits: params.capabilities.workspace?.workspaceEdit?.snippetEditSupport === true,
      hoverFormat: formats && !formats.includes(MarkupKind.Markdown) ? MarkupKind.PlainText : MarkupKind.Markdown,
      cacheDetailsCommand: options?.cacheDetailsCommand === true,
    };
    const storage = options?.storagePath;
    state.forecasts = new Forecasts(typeof storage === 'string' ? path.join(storage, 'builds.json') : undefined);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        diagnosticProvider: { interFileDependencies: false, workspaceDiagnostics: false },
        hoverProvider: true,
        codeActionProvider: {
          codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite, FIX_ALL_KIND],
          resolveProvider: true,
        },
        codeLensProvider: { resolveProvider: false },
        ...editing.capabilities(params.capabilities),
      },
      serverInfo: { name: 'layerlens', version: VERSION },
    };
  });

  for (const register of FEATURES) register(state);

  documents.onDidClose((event) => {
    state.stopPushing(event.document.uri);
    analyses.forget(event.document.uri);
    settings.forget(event.document.uri);
    contexts.forget(event.document.uri);
    state.forecasts.forget(contexts.folderOf(event.document.uri));
  });

  connection.onRequest(SERVER_STATUS, () => {
    (globalThis as { gc?: () => void }).gc?.();
    return {
      openDocuments: documents.all().length,
      analyses: analyses.size,
      contexts: contexts.size,
      settings: settings.size,
      fingerprints: state.forecasts.size,
      heapUsed: process.memoryUsage().heapUsed,
    };
  });

  editing.register(connection);
  documents.listen(connection);
  connection.listen();
}
