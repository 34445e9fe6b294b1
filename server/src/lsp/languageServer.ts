/**
 * The one module of the server that imports vscode-languageserver; the others import it from here.
 * An ES import of a CommonJS module gets from the bundler an object of its own with a getter per
 * export, and `export *` another on top: 640 getters for the library's 320 names, which the files
 * that imported the library themselves each had a copy of (0.6 MB of a 7.9 MB heap at start, with
 * nine). TypeScript's `import = require()` takes the module's own exports object, and what the
 * server uses of it is named below: 0.15 MB less heap at start than the two copies.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- see above: the module's exports object, not a copy.
import languageServer = require('vscode-languageserver/node');

export import AbstractMessageWriter = languageServer.AbstractMessageWriter;
export import CancellationToken = languageServer.CancellationToken;
export import CodeActionKind = languageServer.CodeActionKind;
export import CodeLensRefreshRequest = languageServer.CodeLensRefreshRequest;
export import CompletionItemKind = languageServer.CompletionItemKind;
export import createConnection = languageServer.createConnection;
export import DiagnosticSeverity = languageServer.DiagnosticSeverity;
export import DiagnosticTag = languageServer.DiagnosticTag;
export import DocumentDiagnosticReportKind = languageServer.DocumentDiagnosticReportKind;
export import ErrorCodes = languageServer.ErrorCodes;
export import FileChangeType = languageServer.FileChangeType;
export import LSPErrorCodes = languageServer.LSPErrorCodes;
export import MarkupKind = languageServer.MarkupKind;
export import ProposedFeatures = languageServer.ProposedFeatures;
export import ResponseError = languageServer.ResponseError;
export import StreamMessageReader = languageServer.StreamMessageReader;
export import SymbolKind = languageServer.SymbolKind;
export import TextDocuments = languageServer.TextDocuments;
export import TextDocumentSyncKind = languageServer.TextDocumentSyncKind;
export import TextEdit = languageServer.TextEdit;
export type {
  ClientCapabilities,
  CodeAction,
  CodeLens,
  CompletionItem,
  Connection,
  Diagnostic,
  DocumentSymbol,
  FormattingOptions,
  Hover,
  Location,
  MarkupContent,
  Message,
  MessageWriter,
  Position,
  Range,
  ResponseMessage,
  ServerCapabilities,
  WorkspaceEdit,
} from 'vscode-languageserver/node';
