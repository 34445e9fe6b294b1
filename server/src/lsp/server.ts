import {
  CancellationToken, CodeAction, CodeActionKind, CodeLens, CodeLensRefreshRequest, Connection, Diagnostic, DocumentDiagnosticReportKind, FileChangeType, Hover, LSPErrorCodes,
  MarkupContent, MarkupKind, Position, Range, ResponseError, TextDocuments, TextDocumentSyncKind,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import * as fs from 'fs';
import * as path from 'path';
import { fileURLToPath } from 'url';
import { batchFixEdits, buildInputs, cardAt, contains, convertToMultiStage, describeResult, findRule, formatBytes, mountToolCredentials, overlaps, parseDockerfile, reachableStages, renderCard, sameRange, secretRedactor, targetStage } from '../engine';
import type { Finding, HoverDetail } from '../engine';
import type { LayerlensSettings } from '../../../common/settings';
import type { ImageStore } from '../../../common/imageStore';
import { BUILD_INPUTS, BUILD_RESULTS, BUILD_STARTED, CACHE_DETAILS, ENGINE_VERSION, IMAGE_LAYERS, SERVER_STATUS, STAGE_GRAPH } from '../../../common/protocol';
import type { CacheDetailsParams } from '../../../common/protocol';
import { COMMANDS } from '../../../common/commands';
import { VERSION } from '../../../common/version';
import { LastBuilds, describeMeasured } from './lastBuilds';
import type { MeasuredLayer } from './lastBuilds';
import { Forecasts } from './forecast';
import { BuildContexts } from './buildContext';
import { AnalysisCache } from './documents';
import { CodeActionData, DIAGNOSTIC_SOURCE, FIX_ALL_KIND, fixEdit, offerFix, offerSkips, toDiagnostic, wantsFixAll, wantsKind } from './convert';
import { EditingFeatures, mergeHovers } from './editing';
import { SettingsStore } from './settings';

/**
 * Lets the messages that arrived meanwhile through (a cancellation, a newer version) before a
 * request's work starts, and again between a parse and its rules: analysis itself runs without a
 * pause, so these are the points where a cancelled request stops and says so.
 */
async function unlessCancelled(token: CancellationToken): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'The request was cancelled.');
}

/** How long typing must pause before diagnostics are pushed to a client that does not pull them. */
const PUSH_DELAY_MS = 150;

/** Wires the engine to one LSP connection; every handler reads the shared per-version analysis. */
export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const analyses = new AnalysisCache();
  const contexts = new BuildContexts();
  const settings = new SettingsStore(connection);

  let canRefreshDiagnostics = false;
  // Clients that cannot pull diagnostics (Neovim before 0.10, Helix, Emacs) are sent them.
  let pullsDiagnostics = true;
  let canRefreshCodeLenses = false;
  let snippetEdits = false;
  let hoverFormat: MarkupKind = MarkupKind.Markdown;
  let cacheDetailsCommand = false;
  let forecasts = new Forecasts();
  const lastBuilds = new LastBuilds();
  const editing = new EditingFeatures(documents, (document) => analyses.model(document), (uri) => settings.get(uri));

  connection.onInitialize((params) => {
    settings.supportsConfiguration = params.capabilities.workspace?.configuration === true;
    canRefreshDiagnostics = params.capabilities.workspace?.diagnostics?.refreshSupport === true;
    pullsDiagnostics = params.capabilities.textDocument?.diagnostic !== undefined;
    const formats = params.capabilities.textDocument?.hover?.contentFormat;
    hoverFormat = formats && !formats.includes(MarkupKind.Markdown) ? MarkupKind.PlainText : MarkupKind.Markdown;
    canRefreshCodeLenses = params.capabilities.workspace?.codeLens?.refreshSupport === true;
    snippetEdits = params.capabilities.workspace?.workspaceEdit?.snippetEditSupport === true;
    // The client names a folder of its own where recorded builds survive a restart.
    const options = params.initializationOptions as { storagePath?: unknown; cacheDetailsCommand?: unknown } | undefined;
    // Only a client that runs "Show cache details" gets brief hovers: elsewhere the link would lead nowhere.
    cacheDetailsCommand = options?.cacheDetailsCommand === true;
    const storage = options?.storagePath;
    forecasts = new Forecasts(typeof storage === 'string' ? path.join(storage, 'builds.json') : undefined);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        diagnosticProvider: { interFileDependencies: false, workspaceDiagnostics: false },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite, FIX_ALL_KIND], resolveProvider: true },
        codeLensProvider: { resolveProvider: false },
        ...editing.capabilities(params.capabilities),
      },
      serverInfo: { name: 'layerlens', version: VERSION },
    };
  });

  // The Docker Engine the client's `docker version` reports: what FrontendFeatureWithoutSyntax checks
  // against unless the `layerlens.engineVersion` setting names another.
  let detectedEngine: string | undefined;
  let detectedStore: ImageStore | undefined;
  const findingsOf = (document: TextDocument, current: LayerlensSettings) =>
    analyses.findings(document, current, contexts.get(document.uri), current.engineVersion || detectedEngine);

  // Clients that cannot be asked to re-pull will pull again on their next edit.
  const refreshDiagnostics = () => {
    if (!pullsDiagnostics) for (const document of documents.all()) pushDiagnostics(document.uri);
    else if (canRefreshDiagnostics) connection.languages.diagnostics.refresh().catch((error: unknown) => connection.console.warn(`diagnostic refresh failed: ${String(error)}`));
  };

  /** A size rule's finding cites what the last build measured of the layer it points at, when that is known. */
  const withMeasuredSize = (document: TextDocument, finding: Finding): Finding => {
    if (findRule(finding.rule)?.category !== 'size') return finding;
    const measured = lastBuilds.layerOn(document.uri, analyses.model(document), finding.range.start.line);
    return measured ? { ...finding, message: `${finding.message} ${measuredSentence(measured)}` } : finding;
  };

  /** The diagnostics of a document as it is now: what a pull answers, and what is pushed to clients that do not pull. */
  const diagnosticsOf = (document: TextDocument, current: LayerlensSettings) =>
    (current.enable ? findingsOf(document, current).map((f) => toDiagnostic(withMeasuredSize(document, f))) : []);

  // Pushed after a pause in typing, for the version current by then.
  const pushTimers = new Map<string, NodeJS.Timeout>();
  const pushDiagnostics = (uri: string) => {
    clearTimeout(pushTimers.get(uri));
    pushTimers.set(uri, setTimeout(() => {
      pushTimers.delete(uri);
      const document = documents.get(uri);
      if (!document) return;
      const version = document.version;
      void settings.get(uri).then((current) => {
        if (documents.get(uri)?.version === version) void connection.sendDiagnostics({ uri, version, diagnostics: diagnosticsOf(document, current) });
      });
    }, PUSH_DELAY_MS));
  };
  documents.onDidChangeContent((event) => { if (!pullsDiagnostics) pushDiagnostics(event.document.uri); });

  const refreshCodeLenses = () => {
    if (canRefreshCodeLenses) connection.sendRequest(CodeLensRefreshRequest.type).catch((error: unknown) => connection.console.warn(`code lens refresh failed: ${String(error)}`));
  };

  connection.onDidChangeConfiguration(() => {
    settings.clear();
    refreshDiagnostics();
    refreshCodeLenses();
  });

  // A file created or deleted in a build context, or a changed ignore file, changes what the
  // context rules see; any change to a file changes the forecast. Forgetting is cheap; the
  // refresh comes once per burst (a checkout, an `npm install`), at most 300 ms after its first event.
  let pending: { listingChanged: boolean } | undefined;
  connection.onDidChangeWatchedFiles((params) => {
    const listingChanged = params.changes.some((c) => c.type !== FileChangeType.Changed || c.uri.endsWith('.dockerignore'));
    if (listingChanged) contexts.clear();
    if (pending) {
      pending.listingChanged ||= listingChanged;
      return;
    }
    pending = { listingChanged };
    setTimeout(() => {
      if (pending?.listingChanged) refreshDiagnostics();
      pending = undefined;
      refreshCodeLenses();
    }, 300);
  });

  connection.onNotification(ENGINE_VERSION, (params) => {
    if (params.imageStore !== detectedStore) {
      detectedStore = params.imageStore;
      refreshCodeLenses();
    }
    if (params.version === detectedEngine) return;
    detectedEngine = params.version;
    refreshDiagnostics();
  });

  connection.onNotification(BUILD_STARTED, (params) => {
    if (!params.uri.startsWith('file:')) return;
    // The build reads the context as it is now, so the record must not use a listing from before.
    contexts.forget(params.uri);
    const context = contexts.get(params.uri);
    const text = documents.get(params.uri)?.getText() ?? fs.readFileSync(fileURLToPath(params.uri), 'utf8');
    if (context) forecasts.record(params.uri, text, context, params.buildArgs, params.target);
    // A Dockerfile built from a task without being open keeps nothing here.
    if (!documents.get(params.uri)) {
      contexts.forget(params.uri);
      forecasts.forget(params.uri);
    }
    refreshCodeLenses();
  });

  connection.onCodeLens(async (params, token): Promise<CodeLens[]> => {
    const document = documents.get(params.textDocument.uri);
    const context = document && contexts.get(document.uri);
    if (!document) return [];
    const current = await settings.get(document.uri);
    if (!current.enable) return [];
    await unlessCancelled(token);
    const model = analyses.model(document);
    // "Build stage" above each named stage of a multi-stage file: `--target` needs a name.
    const stageLenses: CodeLens[] = !current.build.codeLens || model.stages.length < 2 ? [] : model.stages.filter((s) => s.name).map((stage) => ({
      range: { start: { line: stage.from.range.start.line, character: 0 }, end: { line: stage.from.range.start.line, character: 0 } },
      command: { title: `Build stage ${stage.name}`, command: COMMANDS.buildStage, arguments: [{ uri: document.uri, target: stage.name }] },
    }));
    // The last build's layer sizes; a lens without a command reads as plain text.
    const layerLenses: CodeLens[] = !current.build.codeLens ? [] : lastBuilds.layersOf(document.uri, model).map(([line, m]) => ({ range: { start: { line, character: 0 }, end: { line, character: 0 } }, command: { title: describeMeasured(m), command: '' } }));
    const forecast = context && current.forecast.codeLens ? forecasts.forecast(document.uri, model, context, current.build.args, detectedStore) : undefined;
    if (!forecast) return [...stageLenses, ...layerLenses];
    return [...stageLenses, ...layerLenses, ...forecast.steps.filter((s) => !s.skipped).map((step) => {
      const line = step.instruction.range.start.line;
      const verdict = step.forecast === 'cached' ? 'cached' : step.certain ? 're-runs' : 'may re-run';
      const title = step.reasons.length > 0 ? `${verdict}: ${step.reasons[0]}` : verdict;
      return {
        range: { start: { line, character: 0 }, end: { line, character: 0 } },
        command: { title: title.replace(/`/g, ''), command: COMMANDS.showForecast, arguments: [{ line: line + 1, verdict, reasons: step.reasons, basis: forecast.basis }] },
      };
    })];
  });

  // A file built from a task need not be open: its text comes along, and is parsed once for the answer.
  const modelOf = (uri: string, text?: string) => {
    const document = documents.get(uri);
    if (document) return analyses.model(document);
    if (text !== undefined) return parseDockerfile(text);
    try {
      return parseDockerfile(fs.readFileSync(fileURLToPath(uri), 'utf8'));
    } catch {
      // Not a file URI, or no such file: there is nothing to answer about.
      return undefined;
    }
  };

  connection.onRequest(BUILD_INPUTS, (params) => {
    const model = modelOf(params.uri, params.text);
    return model ? buildInputs(model) : null;
  });

  connection.onRequest(BUILD_RESULTS, (params) => {
    const model = modelOf(params.uri);
    if (!model) return [];
    return lastBuilds.record(params.uri, model, params.steps).map((r) => ({ line: r.line, status: r.status, text: describeResult(r) }));
  });

  connection.onRequest(IMAGE_LAYERS, (params) => {
    const model = modelOf(params.uri);
    if (!model) return { lines: [], image: formatBytes(params.rows.reduce((sum, row) => sum + row.size, 0)) };
    const recorded = lastBuilds.recordLayers(params.uri, model, params.rows, params.target);
    refreshDiagnostics();
    refreshCodeLenses();
    return recorded;
  });

  connection.onRequest(STAGE_GRAPH, async (params) => {
    // A file asked for from the Explorer may not be open here yet: its text is read from disk then.
    const model = modelOf(params.uri);
    if (!model) return null;
    const needed = reachableStages(model, params.target);
    const target = targetStage(model, params.target);
    const context = contexts.get(params.uri);
    const current = await settings.get(params.uri);
    const forecast = context ? forecasts.forecast(params.uri, model, context, current.build.args, detectedStore) : undefined;
    return {
      nodes: model.stages.map((stage) => {
        const firstRun = forecast?.steps.find((s) => s.stage === stage.index && !s.skipped && s.forecast === 'runs');
        return {
          index: stage.index,
          name: stage.name,
          line: stage.from.range.start.line + 1,
          base: stage.resolvedBase || stage.base,
          needed: needed.has(stage.index),
          target: stage.index === target,
          ...(firstRun ? { rebuildFrom: firstRun.instruction.range.start.line + 1 } : {}),
        };
      }),
      edges: model.dependencies.filter((d) => d.target !== undefined).map((d) => ({ from: d.target as number, to: d.stage, kind: d.kind, line: d.instruction.range.start.line + 1 })),
      basis: forecast?.basis,
    };
  });

  documents.onDidClose((event) => {
    if (!pullsDiagnostics) {
      clearTimeout(pushTimers.get(event.document.uri));
      pushTimers.delete(event.document.uri);
      void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
    }
    analyses.forget(event.document.uri);
    settings.forget(event.document.uri);
    contexts.forget(event.document.uri);
    forecasts.forget(event.document.uri);
  });

  connection.onRequest(SERVER_STATUS, () => {
    (globalThis as { gc?: () => void }).gc?.();
    return {
      openDocuments: documents.all().length,
      analyses: analyses.size,
      contexts: contexts.size,
      settings: settings.size,
      fingerprints: forecasts.size,
      heapUsed: process.memoryUsage().heapUsed,
    };
  });

  connection.languages.diagnostics.on(async (params, token) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    const current = await settings.get(document.uri);
    if (!current.enable) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    await unlessCancelled(token);
    analyses.model(document);
    await unlessCancelled(token);
    return { kind: DocumentDiagnosticReportKind.Full, items: diagnosticsOf(document, current) };
  });

  // The advice of CopyContextBeforeInstall, off by default, on this line: its message for the hover,
  // its fix for the "Reorder for cache" refactor.
  const reorderAt = (document: TextDocument, current: LayerlensSettings, line: number) =>
    analyses.advice(document, current, contexts.get(document.uri)).find((f) => f.range.start.line === line);

  /**
   * Layerlens' cache card for the position, with the rule's advice and the last build's result on its
   * line; brief, with a link to the rest, when the settings and the client allow it.
   */
  const cacheCard = (document: TextDocument, position: Position, current: LayerlensSettings, detail: HoverDetail, format: MarkupKind = hoverFormat): { card: Hover; title: string; brief: boolean } | null => {
    const found = cardAt(analyses.model(document), position, { buildArgs: current.build.args, context: contexts.get(document.uri)?.listing, imageStore: detectedStore });
    if (!found) return null;
    const lastBuild = lastBuilds.describe(document.uri, analyses.model(document), position.line);
    const advice = reorderAt(document, current, position.line)?.message;
    const layer = lastBuilds.layerOn(document.uri, analyses.model(document), position.line);
    const notes = [
      ...(advice ? [{ label: 'Cache advice', text: advice }] : []),
      ...(lastBuild ? [{ label: 'Last build', text: lastBuild }] : []),
      ...(layer ? [{ label: 'Size', text: describeMeasured(layer) }] : []),
    ];
    const brief = detail === 'brief' && cacheDetailsCommand && format === MarkupKind.Markdown;
    const args: CacheDetailsParams = { uri: document.uri, line: position.line, character: position.character };
    const detailsLink = brief ? `command:${COMMANDS.showCacheDetails}?${encodeURIComponent(JSON.stringify([args]))}` : undefined;
    const value = renderCard(found.card, format, 'hover', { detail, notes, detailsLink });
    return { card: { contents: { kind: format, value }, range: found.range }, title: found.card.title, brief };
  };

  /** A hover's text as it may leave the server: the card quotes the file and the values it expands to, and hovers end up in screenshots. */
  const redacted = (document: TextDocument, current: LayerlensSettings, hover: Hover): Hover => {
    const redact = secretRedactor(analyses.model(document), current.build.args);
    const contents = hover.contents as MarkupContent;
    return { ...hover, contents: { kind: contents.kind, value: redact(contents.value) } };
  };

  connection.onHover(async (params, token): Promise<Hover | null> => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return null;
    const current = await settings.get(document.uri);
    if (!current.enable) return null;
    await unlessCancelled(token);
    const found = current.hover.cacheExplanations ? cacheCard(document, params.position, current, current.hover.detail) : null;
    // A brief card leaves the instruction's documentation to its details, as it does the key.
    const hover = found?.brief ? found.card : mergeHovers(found?.card ?? null, editing.documentation(document, params.position), hoverFormat);
    return hover && redacted(document, current, hover);
  });

  connection.onRequest(CACHE_DETAILS, async (params) => {
    const document = documents.get(params.uri);
    if (!document) return null;
    const current = await settings.get(document.uri);
    const position = { line: params.line, character: params.character };
    const found = cacheCard(document, position, current, 'full', MarkupKind.Markdown);
    if (!found) return null;
    const hover = mergeHovers(found.card, editing.documentation(document, position), MarkupKind.Markdown) as Hover;
    return { title: found.title, markdown: (redacted(document, current, hover).contents as MarkupContent).value };
  });

  /**
   * The findings a quick fix may be asked for: those the client sent, or, when it sent none of
   * Layerlens', the server's own for this version that touch the range. The client's list can miss
   * ours: vscode-languageclient drops a document's pulled diagnostics whenever its tabs say the
   * document is not visible, and the spec does not promise that the list is current.
   */
  const diagnosticsAt = async (document: TextDocument, range: Range, sent: Diagnostic[]): Promise<Diagnostic[]> => {
    if (sent.some((d) => d.source === DIAGNOSTIC_SOURCE)) return sent;
    const current = await settings.get(document.uri);
    return diagnosticsOf(document, current).filter((d) => overlaps(d.range, range));
  };

  connection.onCodeAction(async (params, token): Promise<CodeAction[]> => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return [];
    await unlessCancelled(token);
    if (wantsFixAll(params.context.only)) {
      const current = await settings.get(document.uri);
      if (!current.enable) return [];
      const { edits } = batchFixEdits(analyses.model(document), findingsOf(document, current));
      if (edits.length === 0) return [];
      const fix = { title: 'Fix all safe Layerlens findings', safety: 'safe' as const, edits };
      return [{ title: fix.title, kind: FIX_ALL_KIND, edit: fixEdit(document.uri, document.version, fix) }];
    }
    const model = analyses.model(document);
    const found = await diagnosticsAt(document, params.range, params.context.diagnostics);
    const actions = found
      .map((d) => offerFix(d, document.uri, document.version))
      .filter((a): a is CodeAction => a !== undefined);
    actions.push(...offerSkips(found, document.uri, document.version, model));
    if (!wantsKind(params.context.only, CodeActionKind.RefactorRewrite)) return actions;
    // Offered only where the conversion yields an edit (computed again, with the settings, in resolve).
    if (model.stages.length === 1 && convertToMultiStage(model) !== undefined) {
      const data: CodeActionData = { uri: document.uri, version: document.version, refactor: 'convertToMultiStage' };
      const reason = params.context.diagnostics.filter((d) => d.code === 'MultiStageRecommended' && d.source === DIAGNOSTIC_SOURCE);
      actions.push({ title: 'Convert to a multi-stage build (unsafe: review the change)', kind: CodeActionKind.RefactorRewrite, diagnostics: reason, data });
    }
    const copy = model.instructions.find((i) => (i.keyword === 'COPY' || i.keyword === 'ADD') && contains(i.range, params.range.start));
    const current = await settings.get(document.uri);
    const reorder = copy && current.enable ? reorderAt(document, current, copy.range.start.line)?.fix : undefined;
    if (copy && reorder) {
      const data: CodeActionData = { uri: document.uri, version: document.version, refactor: 'reorderForCache', line: copy.range.start.line };
      actions.push({ title: `Reorder for cache: ${reorder.title} (unsafe: review the change)`, kind: CodeActionKind.RefactorRewrite, data });
    }
    const run = model.instructions.find((i) => i.keyword === 'RUN' && contains(i.range, params.range.start));
    const credentials = run && mountToolCredentials(model, run);
    if (run && credentials) {
      const data: CodeActionData = { uri: document.uri, version: document.version, refactor: 'mountToolCredentials', line: run.range.start.line };
      actions.push({ title: `${credentials.title} (unsafe: review the change)`, kind: CodeActionKind.RefactorRewrite, data });
    }
    return actions;
  });

  connection.onCodeActionResolve(async (action) => {
    const data = action.data as CodeActionData | undefined;
    const document = data && documents.get(data.uri);
    // A fix computed for an older version would land on the wrong text: leave it without an edit.
    if (!data || !document || document.version !== data.version) return action;
    if (data.refactor === 'convertToMultiStage') {
      const current = await settings.get(document.uri);
      const conversion = convertToMultiStage(analyses.model(document), { goBase: current.refactor.goBase });
      if (conversion) action.edit = fixEdit(data.uri, data.version, { title: action.title, safety: 'unsafe', edits: conversion.edits }, snippetEdits);
    } else if (data.refactor === 'reorderForCache') {
      const current = await settings.get(document.uri);
      const fix = reorderAt(document, current, data.line ?? -1)?.fix;
      if (fix) action.edit = fixEdit(data.uri, data.version, fix);
    } else if (data.refactor === 'mountToolCredentials') {
      const model = analyses.model(document);
      const run = model.instructions.find((i) => i.keyword === 'RUN' && i.range.start.line === data.line);
      const mount = run && mountToolCredentials(model, run);
      if (mount) action.edit = fixEdit(data.uri, data.version, { title: action.title, safety: 'unsafe', edits: mount.edits });
    } else if (data.fix) {
      const { rule, range, title } = data.fix;
      const current = await settings.get(document.uri);
      const fix = findingsOf(document, current)
        .find((f) => f.rule === rule && f.fix?.title === title && sameRange(f.range, range))?.fix;
      if (!fix) return action;
      action.edit = fixEdit(data.uri, data.version, fix);
      // Applied, the fix needs the build to be given a secret: the client records where it comes from.
      const secrets = fix.secrets ?? [];
      if (secrets.length > 0) action.command = { title: 'Record the secret sources for builds', command: COMMANDS.recordSecrets, arguments: [{ uri: data.uri, secrets }] };
    }
    return action;
  });

  editing.register(connection);
  documents.listen(connection);
  connection.listen();
}

/** What a size rule's message adds about the layer it points at. */
function measuredSentence(measured: MeasuredLayer): string {
  return measured.base ? `The last build measured the base image at ${formatBytes(measured.layer.bytes)}.` : `The last build measured this layer at ${formatBytes(measured.layer.bytes)}.`;
}
