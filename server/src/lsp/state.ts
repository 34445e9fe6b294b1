import {
  CancellationToken,
  CodeLensRefreshRequest,
  Connection,
  LSPErrorCodes,
  MarkupKind,
  ResponseError,
  TextDocuments,
} from './languageServer';
import { TextDocument } from 'vscode-languageserver-textdocument';
import * as fs from 'fs';
import { fileURLToPath } from 'url';
import { findRule, formatBytes, parseDockerfile } from '../engine';
import type { DockerfileModel, Finding } from '../engine';
import type { LayerlensSettings } from '../../../common/settings';
import { ConfigFinder } from '../../../common/projectConfig';
import type { ImageStore } from '../../../common/imageStore';
import { AnalysisCache } from './documents';
import { BuildContexts, readTextIfAny } from './buildContext';
import { toDiagnostic } from './convert';
import { EditingFeatures } from './editing';
import { Forecasts } from './forecast';
import { LastBuilds } from './lastBuilds';
import type { MeasuredLayer } from './lastBuilds';
import { SettingsStore } from './settings';

/**
 * Lets the messages that arrived meanwhile through (a cancellation, a newer version) before a
 * request's work starts, and again between a long parse and its rules: analysis itself runs without a
 * pause, so these are the points where a cancelled request stops and says so.
 */
export async function unlessCancelled(token: CancellationToken): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'The request was cancelled.');
}

/** How long typing must pause before diagnostics are pushed to a client that does not pull them. */
const PUSH_DELAY_MS = 150;

/** What the client said it can do, in `initialize`. */
export interface ClientAbilities {
  refreshesDiagnostics: boolean;
  /** Clients that cannot pull diagnostics (Neovim before 0.10, Helix, Emacs) are sent them. */
  pullsDiagnostics: boolean;
  refreshesCodeLenses: boolean;
  snippetEdits: boolean;
  hoverFormat: MarkupKind;
  /** Only a client that runs "Show cache details" gets brief hovers: elsewhere the link would lead nowhere. */
  cacheDetailsCommand: boolean;
}

/**
 * What every handler module of the server shares: the open documents and their one analysis per
 * version, the build contexts, settings, recorded builds, what the client can do and what it told
 * about the user's engine, and the refreshes that follow a change to any of them.
 */
export class ServerState {
  readonly documents = new TextDocuments(TextDocument);
  readonly analyses = new AnalysisCache();
  /** The `.layerlens.json` files above the documents, read as the CLI reads them. */
  readonly projects = new ConfigFinder(readTextIfAny);
  readonly contexts = new BuildContexts(this.projects);
  readonly settings: SettingsStore;
  readonly lastBuilds = new LastBuilds();
  readonly editing: EditingFeatures;
  /** Replaced in `initialize` when the client names a folder where recorded builds survive a restart. */
  forecasts = new Forecasts();
  client: ClientAbilities = {
    refreshesDiagnostics: false,
    pullsDiagnostics: true,
    refreshesCodeLenses: false,
    snippetEdits: false,
    hoverFormat: MarkupKind.Markdown,
    cacheDetailsCommand: false,
  };
  /**
   * The Docker Engine the client's `docker version` reports (what FrontendFeatureWithoutSyntax checks
   * against unless the `layerlens.engineVersion` setting names another), and its image store.
   */
  detectedEngine: string | undefined;
  detectedStore: ImageStore | undefined;
  private readonly pushTimers = new Map<string, NodeJS.Timeout>();

  constructor(readonly connection: Connection) {
    this.settings = new SettingsStore(connection, this.projects);
    this.editing = new EditingFeatures(
      this.documents,
      (document) => this.analyses.model(document),
      (uri) => this.settings.get(uri),
    );
  }

  findingsOf(document: TextDocument, current: LayerlensSettings): Finding[] {
    return this.analyses.findings(document, current, this.contexts.get(document.uri), current.engineVersion || this.detectedEngine);
  }

  /** The diagnostics of a document as it is now: what a pull answers, and what is pushed to clients that do not pull. */
  diagnosticsOf(document: TextDocument, current: LayerlensSettings) {
    return current.enable ? this.findingsOf(document, current).map((f) => toDiagnostic(this.withMeasuredSize(document, f))) : [];
  }

  /** A size rule's finding cites what the last build measured of the layer it points at, when that is known. */
  private withMeasuredSize(document: TextDocument, finding: Finding): Finding {
    if (findRule(finding.rule)?.category !== 'size') return finding;
    const measured = this.lastBuilds.layerOn(document.uri, this.analyses.model(document), finding.range.start.line);
    return measured ? { ...finding, message: `${finding.message} ${measuredSentence(measured)}` } : finding;
  }

  /** Clients that cannot be asked to re-pull will pull again on their next edit. */
  refreshDiagnostics(): void {
    if (!this.client.pullsDiagnostics) for (const document of this.documents.all()) this.pushDiagnostics(document.uri);
    else if (this.client.refreshesDiagnostics)
      this.connection.languages.diagnostics
        .refresh()
        .catch((error: unknown) => this.connection.console.warn(`diagnostic refresh failed: ${String(error)}`));
  }

  /** Pushed after a pause in typing, for the version current by then. */
  pushDiagnostics(uri: string): void {
    clearTimeout(this.pushTimers.get(uri));
    this.pushTimers.set(
      uri,
      setTimeout(() => {
        this.pushTimers.delete(uri);
        const document = this.documents.get(uri);
        if (!document) return;
        const version = document.version;
        void this.settings.get(uri).then((current) => {
          if (this.documents.get(uri)?.version === version)
            void this.connection.sendDiagnostics({ uri, version, diagnostics: this.diagnosticsOf(document, current) });
        });
      }, PUSH_DELAY_MS),
    );
  }

  /** A closed document's pending push is dropped, and a client that is pushed to gets its diagnostics cleared. */
  stopPushing(uri: string): void {
    if (this.client.pullsDiagnostics) return;
    clearTimeout(this.pushTimers.get(uri));
    this.pushTimers.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  refreshCodeLenses(): void {
    if (this.client.refreshesCodeLenses)
      this.connection
        .sendRequest(CodeLensRefreshRequest.type)
        .catch((error: unknown) => this.connection.console.warn(`code lens refresh failed: ${String(error)}`));
  }

  /** A file built from a task need not be open: its text comes along, or is read from disk, and is parsed once for the answer. */
  modelOf(uri: string, text?: string): DockerfileModel | undefined {
    const document = this.documents.get(uri);
    if (document) return this.analyses.model(document);
    if (text !== undefined) return parseDockerfile(text);
    try {
      return parseDockerfile(fs.readFileSync(fileURLToPath(uri), 'utf8'));
    } catch {
      // Not a file URI, or no such file: there is nothing to answer about.
      return undefined;
    }
  }

  /**
   * The advice of CopyContextBeforeInstall, off by default, on this line: its message for the hover,
   * its fix for the "Reorder for cache" refactor.
   */
  reorderAt(document: TextDocument, current: LayerlensSettings, line: number): Finding | undefined {
    return this.analyses.advice(document, current, this.contexts.get(document.uri)).find((f) => f.range.start.line === line);
  }
}

/** What a size rule's message adds about the layer it points at. */
function measuredSentence(measured: MeasuredLayer): string {
  return measured.base
    ? `The last build measured the base image at ${formatBytes(measured.layer.bytes)}.`
    : `The last build measured this layer at ${formatBytes(measured.layer.bytes)}.`;
}
