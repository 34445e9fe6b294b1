import { Hover, MarkupContent, MarkupKind, Position } from '../languageServer';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { cardAt, renderCard, secretRedactor } from '../../engine';
import type { HoverDetail } from '../../engine';
import type { LayerlensSettings } from '../../../../common/settings';
import { COMMANDS } from '../../../../common/commands';
import { CACHE_DETAILS } from '../../../../common/protocol';
import type { CacheDetailsParams } from '../../../../common/protocol';
import { mergeHovers } from '../editing';
import { describeMeasured } from '../lastBuilds';
import { ServerState, unlessCancelled } from '../state';

/** Hovers: Layerlens' cache card merged with the instruction's documentation, and "Show cache details" for the whole card. */
export function registerHovers(state: ServerState): void {
  const { connection, documents, settings, analyses, contexts, lastBuilds, editing } = state;

  /**
   * Layerlens' cache card for the position, with the rule's advice and the last build's result on its
   * line; brief, with a link to the rest, when the settings and the client allow it.
   */
  const cacheCard = (
    document: TextDocument,
    position: Position,
    current: LayerlensSettings,
    detail: HoverDetail,
    format: MarkupKind = state.client.hoverFormat,
  ): { card: Hover; title: string; brief: boolean } | null => {
    const model = analyses.model(document);
    const found = cardAt(model, position, {
      buildArgs: current.build.args,
      context: contexts.get(document.uri)?.listing,
      imageStore: state.detectedStore,
    });
    if (!found) return null;
    const lastBuild = lastBuilds.describe(document.uri, model, position.line);
    const advice = state.reorderAt(document, current, position.line)?.message;
    const layer = lastBuilds.layerOn(document.uri, model, position.line);
    const notes = [
      ...(advice ? [{ label: 'Cache advice', text: advice }] : []),
      ...(lastBuild ? [{ label: 'Last build', text: lastBuild }] : []),
      ...(layer ? [{ label: 'Size', text: describeMeasured(layer) }] : []),
    ];
    const brief = detail === 'brief' && state.client.cacheDetailsCommand && format === MarkupKind.Markdown;
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
    const hover = found?.brief
      ? found.card
      : mergeHovers(found?.card ?? null, editing.documentation(document, params.position), state.client.hoverFormat);
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
}
