import { DockerfileLanguageServiceFactory } from 'dockerfile-language-service';
import {
  ClientCapabilities,
  CompletionItem,
  CompletionItemKind,
  Connection,
  DocumentSymbol,
  FormattingOptions,
  Hover,
  Location,
  MarkupContent,
  MarkupKind,
  Position,
  ServerCapabilities,
  SymbolKind,
  TextDocuments,
} from './languageServer';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LayerlensSettings } from '../../../common/settings';
import {
  SEMANTIC_TOKEN_MODIFIERS,
  SEMANTIC_TOKEN_TYPES,
  buildkitCompletions,
  buildkitFlagDocumentation,
  foldingRanges,
  inImageTag,
  sameRange,
  semanticTokens,
} from '../engine';
import type { DockerfileModel, FoldingOptions, Instruction, Suggestion } from '../engine';

/**
 * The everyday editing features of a Dockerfile editor, from dockerfile-language-service, the
 * library behind rcjsuen's Dockerfile language server: completion, signature help, definition,
 * references, highlights and rename of stages, ARGs and ENVs, links to images and formatting.
 * Diagnostics, code actions, cache cards, the outline by stage, folding and semantic tokens are
 * Layerlens' own; the library's validation and quick fixes are not used: InvalidSyntax runs the
 * same validator and carries the same fixes in its diagnostics. The library takes a document's
 * text and parses it itself; only the validator shares the model's parse (model/parserShortcuts.ts).
 */
export class EditingFeatures {
  private readonly service = DockerfileLanguageServiceFactory.createLanguageService();

  private hierarchicalSymbols = false;

  private folding: FoldingOptions = { lineFoldingOnly: false, limit: Number.MAX_VALUE };

  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    private readonly modelOf: (document: TextDocument) => DockerfileModel,
    private readonly settingsOf: (uri: string) => Promise<LayerlensSettings>,
  ) {}

  /** What to announce at initialize, and the library told what the client can show. */
  capabilities(client: ClientCapabilities): ServerCapabilities {
    const completionItem = client.textDocument?.completion?.completionItem;
    const rangeLimit = client.textDocument?.foldingRange?.rangeLimit;
    this.hierarchicalSymbols = client.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport === true;
    this.service.setCapabilities({
      completion: {
        completionItem: {
          deprecatedSupport: completionItem?.deprecatedSupport,
          documentationFormat: completionItem?.documentationFormat,
          snippetSupport: completionItem?.snippetSupport,
        },
      },
      hover: { contentFormat: client.textDocument?.hover?.contentFormat },
    });
    this.folding = {
      lineFoldingOnly: client.textDocument?.foldingRange?.lineFoldingOnly === true,
      limit: typeof rangeLimit === 'number' ? rangeLimit : Number.MAX_VALUE,
    };
    return {
      completionProvider: { resolveProvider: true, triggerCharacters: ['=', ' ', '$', '-'] },
      signatureHelpProvider: { triggerCharacters: ['-', '[', ',', ' ', '='] },
      documentSymbolProvider: true,
      foldingRangeProvider: true,
      definitionProvider: true,
      referencesProvider: true,
      documentHighlightProvider: true,
      renameProvider: client.textDocument?.rename?.prepareSupport ? { prepareProvider: true } : true,
      documentLinkProvider: { resolveProvider: true },
      documentFormattingProvider: true,
      documentRangeFormattingProvider: true,
      documentOnTypeFormattingProvider: { firstTriggerCharacter: '\\', moreTriggerCharacter: ['`'] },
      ...(client.textDocument?.semanticTokens ? { semanticTokensProvider: { full: { delta: false }, legend: SEMANTIC_LEGEND } } : {}),
    };
  }

  /**
   * The documentation of what is under the cursor (an instruction, a flag, a directive), shown
   * below Layerlens' cache card: the library's, or for BuildKit flags it does not know, Layerlens'.
   */
  documentation(document: TextDocument, position: Position): Hover | null {
    const library = this.service.computeHover(document.getText(), position);
    if (library) return library;
    const flag = buildkitFlagDocumentation(this.modelOf(document), position);
    return flag ? { contents: { kind: MarkupKind.Markdown, value: flag.markdown }, range: flag.range } : null;
  }

  register(connection: Connection): void {
    const service = this.service;
    // Most requests are answered from the document's text as it is now; a document that is not open gets `none`.
    const withText = <T>(uri: string, none: T, answer: (content: string) => T): T => {
      const content = this.documents.get(uri)?.getText();
      return content === undefined ? none : answer(content);
    };
    connection.onCompletion(async ({ textDocument, position }) => {
      const document = this.documents.get(textDocument.uri);
      if (!document) return [];
      // The position is in this version: the text and model are taken before anything is awaited.
      const content = document.getText();
      const model = this.modelOf(document);
      // In a FROM image's tag the library offers nothing but the tags Docker Hub lists, asked
      // without a timeout: an unreachable registry must not hold the list, which then has no tags;
      // and a user who turned the lookup off gets no request at all.
      const tagsWanted = !inImageTag(model, position) || (await this.settingsOf(document.uri)).completion.imageTags;
      const noTags = new Promise<CompletionItem[]>((resolve) => setTimeout(() => resolve([]), REGISTRY_WAIT_MS).unref());
      const library = tagsWanted ? await Promise.race([Promise.resolve(service.computeCompletionItems(content, position)), noTags]) : [];
      // The library's flag items are labelled with a placeholder value (`--from=stage`): one of ours with the same flag is left out.
      const flagOf = (label: string) => label.replace(/=.*$/, '=');
      const offered = new Set(library.map((item) => flagOf(item.label)));
      const ours = buildkitCompletions(model, position).filter((s) => s.kind !== 'flag' || !offered.has(flagOf(s.label)));
      return [...library, ...ours.map(toCompletionItem)];
    });
    connection.onCompletionResolve((item) => service.resolveCompletionItem(item));
    connection.onSignatureHelp(({ textDocument, position }) =>
      withText(textDocument.uri, null, (content) => service.computeSignatureHelp(content, position)),
    );
    connection.onDocumentSymbol(({ textDocument }) => {
      const document = this.documents.get(textDocument.uri);
      if (!document) return [];
      return this.hierarchicalSymbols ? outline(this.modelOf(document)) : service.computeSymbols(textDocument, document.getText());
    });
    // Folding and semantic tokens, asked again after every keystroke, come from the model every
    // other feature reads: the library's would parse each version again.
    connection.onFoldingRanges(({ textDocument }) => {
      const document = this.documents.get(textDocument.uri);
      return document ? foldingRanges(this.modelOf(document), this.folding) : [];
    });
    connection.onDefinition(({ textDocument, position }) =>
      withText(textDocument.uri, null, (content) => service.computeDefinition(textDocument, content, position)),
    );
    // The library's highlights are every place that names the same stage or variable: as locations, its references.
    connection.onReferences(({ textDocument, position, context }) =>
      withText(textDocument.uri, [], (content) => {
        const definition = service.computeDefinition(textDocument, content, position);
        return service
          .computeHighlightRanges(content, position)
          .filter((h) => context.includeDeclaration || !definition || !sameRange(h.range, definition.range))
          .map((h): Location => ({ uri: textDocument.uri, range: h.range }));
      }),
    );
    connection.onDocumentHighlight(({ textDocument, position }) =>
      withText(textDocument.uri, [], (content) => service.computeHighlightRanges(content, position)),
    );
    connection.onPrepareRename(({ textDocument, position }) =>
      withText(textDocument.uri, null, (content) => service.prepareRename(content, position)),
    );
    connection.onRenameRequest(({ textDocument, position, newName }) =>
      withText(textDocument.uri, null, (content) => ({
        changes: { [textDocument.uri]: service.computeRename(textDocument, content, position, newName) },
      })),
    );
    connection.onDocumentLinks(({ textDocument }) => withText(textDocument.uri, [], (content) => service.computeLinks(content)));
    connection.onDocumentLinkResolve((link) => service.resolveLink(link));
    // The settings are awaited before the text is read, so that the edits are made for the text as it is when they are sent.
    const formatting = async (uri: string, options: FormattingOptions) => ({ ...options, ...(await this.settingsOf(uri)).format });
    connection.onDocumentFormatting(async ({ textDocument, options }) => {
      const settings = await formatting(textDocument.uri, options);
      return withText(textDocument.uri, [], (content) => service.format(content, settings));
    });
    connection.onDocumentRangeFormatting(async ({ textDocument, range, options }) => {
      const settings = await formatting(textDocument.uri, options);
      return withText(textDocument.uri, [], (content) => service.formatRange(content, range, settings));
    });
    connection.onDocumentOnTypeFormatting(async ({ textDocument, position, ch, options }) => {
      const settings = await formatting(textDocument.uri, options);
      return withText(textDocument.uri, [], (content) => service.formatOnType(content, position, ch, settings));
    });
    connection.languages.semanticTokens.on(({ textDocument }) => {
      const document = this.documents.get(textDocument.uri);
      return { data: document ? semanticTokens(this.modelOf(document)) : [] };
    });
  }
}

/**
 * The outline: each stage (by its name, its base image as detail) holding its steps, and the ARGs
 * before the first FROM on their own. The library lists every instruction flat; a multi-stage
 * file reads better by stage, and the model already has them.
 */
export function outline(model: DockerfileModel): DocumentSymbol[] {
  const step = (instruction: Instruction): DocumentSymbol => ({
    name: instruction.keyword,
    detail: instruction.text
      .replace(/\\\r?\n\s*/g, ' ')
      .replace(/\s+/g, ' ')
      .slice(instruction.rawKeyword.length)
      .trim()
      .slice(0, 80),
    kind: instruction.keyword === 'ARG' || instruction.keyword === 'ENV' ? SymbolKind.Variable : SymbolKind.Function,
    range: instruction.range,
    selectionRange: instruction.keywordRange,
  });
  const globals = model.instructions.filter((i) => i.stage < 0).map(step);
  const stages = model.stages.map((stage): DocumentSymbol => ({
    name: stage.name ?? `stage ${stage.index}`,
    detail: `FROM ${stage.base}`,
    kind: SymbolKind.Class,
    range: stage.range,
    selectionRange: stage.nameRange ?? stage.from.keywordRange,
    children: stage.instructions.filter((i) => i !== stage.from).map(step),
  }));
  return [...globals, ...stages];
}

function toCompletionItem(suggestion: Suggestion): CompletionItem {
  return {
    label: suggestion.label,
    kind: suggestion.kind === 'value' ? CompletionItemKind.EnumMember : CompletionItemKind.Property,
    detail: 'BuildKit',
    documentation: { kind: MarkupKind.Markdown, value: suggestion.documentation },
    textEdit: { range: suggestion.range, newText: suggestion.insertText },
  };
}

/** How long a completion in an image's tag waits for Docker Hub. */
const REGISTRY_WAIT_MS = 3_000;

/** The token types and modifiers, numbered as the engine's tokens number them. */
const SEMANTIC_LEGEND = { tokenTypes: [...SEMANTIC_TOKEN_TYPES], tokenModifiers: [...SEMANTIC_TOKEN_MODIFIERS] };

/**
 * One hover from two: Layerlens' cache card first (its first line answers what makes the step
 * re-run), then the instruction's documentation, in the card's format.
 */
export function mergeHovers(card: Hover | null, documentation: Hover | null, format: MarkupKind): Hover | null {
  const docs = documentation && contentsOf(documentation);
  if (!docs) return card;
  if (!card) return { contents: { kind: format, value: docs }, range: documentation?.range };
  const separator = format === MarkupKind.Markdown ? '\n\n---\n\n' : '\n\n';
  return { contents: { kind: format, value: `${(card.contents as MarkupContent).value}${separator}${docs}` }, range: card.range };
}

function contentsOf(hover: Hover): string {
  const contents = hover.contents;
  if (typeof contents === 'string') return contents;
  if (Array.isArray(contents)) return contents.map((c) => (typeof c === 'string' ? c : c.value)).join('\n\n');
  return contents.value;
}
