import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  CodeAction,
  CodeActionRequest,
  CodeActionResolveRequest,
  DocumentDiagnosticRequest,
  TextDocumentEdit,
  CompletionItem,
  CompletionRequest,
  CompletionResolveRequest,
  DefinitionRequest,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentFormattingRequest,
  PublishDiagnosticsNotification,
  PublishDiagnosticsParams,
  DocumentHighlightRequest,
  DocumentLinkRequest,
  DocumentOnTypeFormattingRequest,
  DocumentRangeFormattingRequest,
  DocumentSymbol,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  HoverRequest,
  InitializeResult,
  Location,
  MarkupContent,
  PrepareRenameRequest,
  ReferencesRequest,
  RenameRequest,
  SemanticTokensRequest,
  SignatureHelpRequest,
  TextEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Client } from '../support/lspClient';

const URI = 'file:///w/editing/Dockerfile';
const TEXT =
  [
    'ARG BASE=node:20',
    'FROM ${BASE} AS Build',
    'ARG VERSION=1',
    '# Install, then build',
    'RUN npm ci \\',
    '  && npm run build',
    '   WORKDIR /app',
    'FROM node:20-slim',
    'COPY --from=Build /app /app',
    'RUN echo $VERSION',
    'COPY --',
    'RUN --mount=type=',
    'RUN --network=none true',
  ].join('\n') + '\n';

describe('everyday editing over real JSON-RPC (dockerfile-language-service through the lsp/ layer)', () => {
  let client: Client;
  let initialized: InitializeResult;
  const at = (line: number, character: number) => ({ textDocument: { uri: URI }, position: { line, character } });

  before(async () => {
    client = new Client();
    initialized = await client.initialize({
      textDocument: {
        semanticTokens: { requests: { full: true }, tokenTypes: [], tokenModifiers: [], formats: ['relative'] },
        rename: { prepareSupport: true },
        documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown'] } },
        hover: { contentFormat: ['markdown'] },
      },
    });
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: URI, languageId: 'dockerfile', version: 1, text: TEXT },
    });
  });

  after(() => {
    client.process.kill();
  });

  test('initialize announces every editing capability, semantic tokens with their legend', () => {
    const c = initialized.capabilities;
    for (const key of [
      'completionProvider',
      'signatureHelpProvider',
      'documentSymbolProvider',
      'foldingRangeProvider',
      'definitionProvider',
      'referencesProvider',
      'documentHighlightProvider',
      'renameProvider',
      'documentLinkProvider',
      'documentFormattingProvider',
      'documentRangeFormattingProvider',
      'documentOnTypeFormattingProvider',
      'semanticTokensProvider',
    ] as const)
      assert.ok(c[key], key);
    assert.deepEqual(c.renameProvider, { prepareProvider: true });
    assert.ok((c.semanticTokensProvider as { legend: { tokenTypes: string[] } }).legend.tokenTypes.includes('keyword'));
  });

  test('completion: flags after --, instructions at the start of a line, with documentation on resolve', async () => {
    const items = (await client.connection.sendRequest(CompletionRequest.type, at(10, 7))) as CompletionItem[];
    assert.deepEqual(
      items.map((i) => i.label).sort(),
      ['--chmod=', '--chown=user:group', '--exclude=', '--from=stage', '--link', '--parents'],
      "the library's flags, and the ones BuildKit added, once each",
    );
    const fromItems = (await client.connection.sendRequest(CompletionRequest.type, at(6, 0))) as CompletionItem[];
    const run = fromItems.find((i) => i.label === 'RUN command');
    assert.ok(run, JSON.stringify(fromItems.map((i) => i.label)));
    const resolved = await client.connection.sendRequest(CompletionResolveRequest.type, run);
    assert.match(
      typeof resolved.documentation === 'string' ? resolved.documentation : (resolved.documentation as MarkupContent).value,
      /Execute any commands/,
    );
  });

  test('completion of RUN --mount: the types, documented', async () => {
    const items = (await client.connection.sendRequest(CompletionRequest.type, at(11, 17))) as CompletionItem[];
    assert.deepEqual(
      items.map((i) => i.label),
      ['bind', 'cache', 'secret', 'ssh', 'tmpfs'],
    );
    assert.match((items[1].documentation as MarkupContent).value, /kept on the builder between builds/);
  });

  test('signature help for an instruction', async () => {
    const help = await client.connection.sendRequest(SignatureHelpRequest.type, at(8, 5));
    assert.match(help?.signatures[0].label ?? '', /^COPY /);
  });

  test('outline: the ARG before FROM, then each stage by name with its steps', async () => {
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: URI } })) as DocumentSymbol[];
    assert.deepEqual(
      symbols.map((s) => [s.name, s.detail, (s.children ?? []).map((c) => c.name)]),
      [
        ['ARG', 'BASE=node:20', []],
        ['Build', 'FROM ${BASE}', ['ARG', 'RUN', 'WORKDIR']],
        ['stage 1', 'FROM node:20-slim', ['COPY', 'RUN', 'COPY', 'RUN', 'RUN']],
      ],
    );
    assert.deepEqual(symbols[1].range, { start: { line: 1, character: 0 }, end: { line: 6, character: 15 } });
  });

  test('folding of a continued instruction', async () => {
    const ranges = await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri: URI } });
    assert.ok(
      ranges?.some((r) => r.startLine === 4 && r.endLine === 5),
      JSON.stringify(ranges),
    );
  });

  test('a stage name: definition, references, highlights and rename across FROM and COPY --from', async () => {
    const definition = (await client.connection.sendRequest(DefinitionRequest.type, at(8, 14))) as Location;
    assert.deepEqual(definition.range, { start: { line: 1, character: 16 }, end: { line: 1, character: 21 } });
    const references = await client.connection.sendRequest(ReferencesRequest.type, { ...at(8, 14), context: { includeDeclaration: true } });
    assert.deepEqual(
      references?.map((r) => r.range.start.line),
      [1, 8],
    );
    const withoutDeclaration = await client.connection.sendRequest(ReferencesRequest.type, {
      ...at(8, 14),
      context: { includeDeclaration: false },
    });
    assert.deepEqual(
      withoutDeclaration?.map((r) => r.range.start.line),
      [8],
    );
    const highlights = await client.connection.sendRequest(DocumentHighlightRequest.type, at(1, 17));
    assert.equal(highlights?.length, 2);
    assert.deepEqual(await client.connection.sendRequest(PrepareRenameRequest.type, at(8, 14)), {
      start: { line: 8, character: 12 },
      end: { line: 8, character: 17 },
    });
    const rename = await client.connection.sendRequest(RenameRequest.type, { ...at(8, 14), newName: 'builder' });
    const edits = rename?.changes?.[URI] ?? [];
    assert.deepEqual(
      edits.map((e) => [e.range.start.line, e.newText]),
      [
        [1, 'builder'],
        [8, 'builder'],
      ],
    );
  });

  test('an ARG: rename reaches its uses', async () => {
    const rename = await client.connection.sendRequest(RenameRequest.type, { ...at(2, 5), newName: 'RELEASE' });
    const edits = rename?.changes?.[URI] ?? [];
    assert.ok(edits.length >= 1 && edits.every((e) => e.newText === 'RELEASE'), JSON.stringify(edits));
  });

  test('an ENV: definition from a use, and rename of the declaration and every use', async () => {
    const uri = 'file:///w/editing/env/Dockerfile';
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: {
        uri,
        languageId: 'dockerfile',
        version: 1,
        text: 'FROM alpine\nENV APP_HOME=/app\nWORKDIR $APP_HOME\nRUN echo ${APP_HOME}/bin\n',
      },
    });
    const definition = (await client.connection.sendRequest(DefinitionRequest.type, {
      textDocument: { uri },
      position: { line: 3, character: 13 },
    })) as Location;
    assert.deepEqual(definition.range, { start: { line: 1, character: 4 }, end: { line: 1, character: 12 } });
    const rename = await client.connection.sendRequest(RenameRequest.type, {
      textDocument: { uri },
      position: { line: 2, character: 10 },
      newName: 'HOME_DIR',
    });
    assert.deepEqual(
      rename?.changes?.[uri]?.map((e) => [e.range.start.line, e.newText]),
      [
        [1, 'HOME_DIR'],
        [2, 'HOME_DIR'],
        [3, 'HOME_DIR'],
      ],
    );
  });

  test('semantic tokens, links to images, and formatting of the whole file, a range and on type', async () => {
    const tokens = await client.connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri: URI } });
    const legend = (initialized.capabilities.semanticTokensProvider as { legend: { tokenTypes: string[] } }).legend;
    // The first two lines' tokens, named through the legend the server announced.
    const named: string[] = [];
    for (let i = 0, line = 0, character = 0; i < (tokens?.data.length ?? 0) && line < 2; i += 5) {
      const [deltaLine, deltaStart, length, type] = tokens!.data.slice(i, i + 4) as [number, number, number, number];
      line += deltaLine;
      character = deltaLine === 0 ? character + deltaStart : deltaStart;
      if (line < 2) named.push(`${legend.tokenTypes[type]} ${TEXT.split('\n')[line].slice(character, character + length)}`);
    }
    assert.deepEqual(named, [
      'keyword ARG',
      'variable BASE',
      'operator =',
      'parameter node:20',
      'keyword FROM',
      'variable ${BASE}',
      'keyword AS',
      'namespace Build',
    ]);
    const links = await client.connection.sendRequest(DocumentLinkRequest.type, { textDocument: { uri: URI } });
    assert.ok(
      links?.some((l) => l.range.start.line === 7),
      JSON.stringify(links),
    );
    const whole = (await client.connection.sendRequest(DocumentFormattingRequest.type, {
      textDocument: { uri: URI },
      options: { tabSize: 4, insertSpaces: true },
    })) as TextEdit[];
    assert.ok(
      whole.some((e) => e.range.start.line === 6 && e.newText === ''),
      `the indented WORKDIR is unindented: ${JSON.stringify(whole)}`,
    );
    const range = (await client.connection.sendRequest(DocumentRangeFormattingRequest.type, {
      textDocument: { uri: URI },
      range: { start: { line: 6, character: 0 }, end: { line: 6, character: 5 } },
      options: { tabSize: 4, insertSpaces: true },
    })) as TextEdit[];
    assert.deepEqual(
      range.map((e) => e.range.start.line),
      [6],
    );
    const onType = await client.connection.sendRequest(DocumentOnTypeFormattingRequest.type, {
      ...at(4, 11),
      ch: '\\',
      options: { tabSize: 4, insertSpaces: true },
    });
    assert.ok(Array.isArray(onType));
  });

  test("one hover: the cache card first, then the instruction's documentation", async () => {
    const hover = await client.connection.sendRequest(HoverRequest.type, at(4, 1));
    const value = (hover?.contents as MarkupContent).value;
    assert.match(value, /^\*\*Re-runs when\*\*/);
    const [card, docs] = value.split(/(?<=_)\n\n---\n\n/);
    assert.match(card, /BuildKit cache: RUN step, line 5/);
    assert.match(docs, /Execute any commands/);
    const onlyDocs = await client.connection.sendRequest(HoverRequest.type, at(2, 1));
    assert.ok(onlyDocs, 'an ARG gets its card and its documentation too');
    const flag = await client.connection.sendRequest(HoverRequest.type, at(12, 8));
    assert.match(
      (flag?.contents as MarkupContent).value,
      /\n---\n\n\*\*--network\*\* \(RUN\): The network this step runs in/,
      "a BuildKit flag the library does not know gets Layerlens' documentation",
    );
  });
});

describe('a client that does not pull diagnostics (Neovim before 0.10, Helix, Emacs) gets them pushed', () => {
  test('after opening, after each edit (for the version edited), and an empty list on close', async () => {
    const client = new Client();
    const published: PublishDiagnosticsParams[] = [];
    let notify: () => void = () => undefined;
    client.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      published.push(params);
      notify();
    });
    const next = (check: (p: PublishDiagnosticsParams) => boolean) =>
      new Promise<PublishDiagnosticsParams>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no such publishDiagnostics: ${JSON.stringify(published)}`)), 10_000);
        notify = () => {
          const found = published.find(check);
          if (found) {
            clearTimeout(timer);
            resolve(found);
          }
        };
        notify();
      });
    try {
      const initialized = await client.initialize();
      assert.ok(initialized.capabilities.diagnosticProvider, 'pull is still announced for clients that have it');
      const uri = 'file:///w/push/Dockerfile';
      await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri, languageId: 'dockerfile', version: 1, text: 'FROM alpine\nARG API_TOKEN\n' },
      });
      const first = await next((p) => p.version === 1);
      assert.deepEqual(
        first.diagnostics.map((d) => d.code),
        ['SecretsUsedInArgOrEnv'],
      );
      await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version: 2 },
        contentChanges: [{ text: 'FROM alpine\nARG API_TOKEN\nARG DB_PASSWORD\n' }],
      });
      const second = await next((p) => p.version === 2);
      assert.deepEqual(
        second.diagnostics.map((d) => d.range.start.line),
        [1, 2],
      );
      await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
      const closed = await next((p) => p.version === undefined);
      assert.deepEqual(closed.diagnostics, []);
    } finally {
      client.process.kill();
    }
  });
});

describe('settings of the editing features, read per document from workspace/configuration', () => {
  const uri = 'file:///w/settings/Dockerfile';
  const text = ['FROM node:', 'RUN apt-get update \\', '        && apt-get install -y curl', ''].join('\n');
  const httpsLog = path.join(os.tmpdir(), `layerlens-https-${process.pid}.log`);
  const hosts = () => (fs.existsSync(httpsLog) ? fs.readFileSync(httpsLog, 'utf8').split('\n').filter(Boolean) : []);
  let client: Client;

  before(async () => {
    fs.rmSync(httpsLog, { force: true });
    client = new Client(['--require', path.join(__dirname, '..', 'support', 'recordHttps.js')], {
      ...process.env,
      LAYERLENS_HTTPS_LOG: httpsLog,
    });
    client.settings = { completion: { imageTags: false }, format: { ignoreMultilineInstructions: true } };
    await client.initialize({
      workspace: { configuration: true, diagnostics: { refreshSupport: true } },
      textDocument: { diagnostic: {} },
    });
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'dockerfile', version: 1, text },
    });
  });

  after(() => {
    client.process.kill();
    fs.rmSync(httpsLog, { force: true });
  });

  test('completion.imageTags: off, a FROM tag asks no registry; on, the library asks Docker Hub', async () => {
    const tag = { textDocument: { uri }, position: { line: 0, character: 10 } };
    assert.deepEqual(await client.connection.sendRequest(CompletionRequest.type, tag), []);
    assert.deepEqual(hosts(), [], 'no request left the server');
    await client.changeSettings({ completion: { imageTags: true } });
    await client.connection.sendRequest(CompletionRequest.type, tag);
    assert.ok(hosts().includes('auth.docker.io'), `the lookup was made: ${hosts().join(', ')}`);
  });

  test('format.ignoreMultilineInstructions: continuation lines are left as written only when it is on', async () => {
    const format = () =>
      client.connection.sendRequest(DocumentFormattingRequest.type, {
        textDocument: { uri },
        options: { tabSize: 4, insertSpaces: true },
      }) as Promise<TextEdit[]>;
    await client.changeSettings({ format: { ignoreMultilineInstructions: true } });
    assert.deepEqual(
      (await format()).filter((e) => e.range.start.line === 2),
      [],
    );
    await client.changeSettings({ format: { ignoreMultilineInstructions: false } });
    assert.deepEqual(
      (await format()).filter((e) => e.range.start.line === 2).map((e) => e.newText),
      ['    '],
    );
  });
});

describe("the quick fixes rcjsuen's server offers for its diagnostics, as Layerlens' own", () => {
  test('a misspelt flag, a second FROM argument that is not AS, an extra argument, single-quoted JSON, casing and an empty continuation line', async () => {
    const uri = 'file:///w/quickfixes/Dockerfile';
    const text = [
      'FROM alpine AZ deps',
      'from alpine',
      'COPY --form=deps /a /a',
      'HEALTHCHECK --intervall=5s CMD true',
      'STOPSIGNAL SIGTERM now',
      'RUN echo a \\',
      '',
      '  && echo b',
      "CMD ['node', 'server.js']",
      '',
    ].join('\n');
    const client = new Client();
    try {
      await client.initialize({
        textDocument: { diagnostic: {}, codeAction: { resolveSupport: { properties: ['edit'] } } },
        workspace: { workspaceEdit: { documentChanges: true } },
      });
      await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri, languageId: 'dockerfile', version: 1, text },
      });
      const report = await client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
      const diagnostics = report.kind === 'full' ? report.items.filter((d) => d.code !== 'UnreachableStage') : [];
      const edits: TextEdit[] = [];
      const titles: string[] = [];
      for (const diagnostic of diagnostics) {
        const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
          textDocument: { uri },
          range: diagnostic.range,
          context: { diagnostics: [diagnostic], only: ['quickfix'] },
        })) as CodeAction[];
        // The fixes, not the actions that skip a rule here (test/server/lsp.test.ts has those).
        for (const action of actions.filter((a) => !a.title.startsWith('Skip '))) {
          const resolved = await client.connection.sendRequest(CodeActionResolveRequest.type, action);
          titles.push(resolved.title);
          edits.push(...((resolved.edit?.documentChanges?.[0] as TextDocumentEdit).edits as TextEdit[]));
        }
      }
      assert.deepEqual(
        titles.sort(),
        [
          'Change --form to --from (unsafe: review the change)',
          'Change --intervall to --interval (unsafe: review the change)',
          'Change AZ to AS (unsafe: review the change)',
          "Write 'FROM'",
          'Remove the empty continuation lines',
          'Remove the extra argument now (unsafe: review the change)',
          'Use double quotes: ["node", "server.js"] (unsafe: review the change)',
        ].sort(),
      );
      assert.equal(
        TextDocument.applyEdits(TextDocument.create(uri, 'dockerfile', 1, text), edits),
        [
          'FROM alpine AS deps',
          'FROM alpine',
          'COPY --from=deps /a /a',
          'HEALTHCHECK --interval=5s CMD true',
          'STOPSIGNAL SIGTERM',
          'RUN echo a \\',
          '  && echo b',
          'CMD ["node", "server.js"]',
          '',
        ].join('\n'),
      );
    } finally {
      client.process.kill();
    }
  });
});
