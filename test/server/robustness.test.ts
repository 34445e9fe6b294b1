import assert from 'node:assert/strict';
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { describe, test } from 'node:test';
import {
  CancellationTokenSource,
  CodeActionRequest,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  ErrorCodes,
  HoverRequest,
  InitializeRequest,
  LSPErrorCodes,
  ResponseError,
} from 'vscode-languageserver-protocol/node';
import { SERVER_STATUS, ServerStatus } from '../../common/protocol';
import { corpusFiles, requireHost } from '../support/env';
import { Client, SERVER } from '../support/lspClient';
import { KEPT_ANALYSES } from '../../server/src/lsp/documents';

const TEXT = 'FROM node:20\nARG NPM_TOKEN\nRUN npm ci\n';

interface Received {
  id?: number | null;
  method?: string;
  result?: unknown;
  error?: { code: number; message: string };
}

/** The server on raw stdio, for what a protocol library would never send. */
class RawClient {
  readonly process: ChildProcess;
  /** Each read of the server's output, as it arrived. */
  readonly reads: string[] = [];
  stderr = '';
  readonly exited: Promise<number | null>;

  constructor() {
    this.process = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    // Decoded as a stream, so that a character split between two reads is not lost.
    this.process.stdout?.setEncoding('utf8');
    this.process.stdout?.on('data', (d: string) => this.reads.push(d));
    this.process.stderr?.on('data', (d) => {
      this.stderr += String(d);
    });
    this.exited = new Promise((resolve) => this.process.once('exit', resolve));
  }

  /** All the server has written so far. */
  get stdout(): string {
    return this.reads.join('');
  }

  send(body: string): void {
    this.process.stdin?.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  }

  notify(method: string, params: unknown): void {
    this.send(JSON.stringify({ jsonrpc: '2.0', method, params }));
  }

  request(id: number, method: string, params?: unknown): void {
    this.send(JSON.stringify({ jsonrpc: '2.0', id, method, ...(params === undefined ? {} : { params }) }));
  }

  /** The responses so far, by id (`null` for a response to a message that had none). */
  responses(): Map<number | null, Received> {
    const messages = this.stdout
      .split(/Content-Length: \d+\r\n\r\n/)
      .filter(Boolean)
      .map((m) => JSON.parse(m) as Received);
    return new Map(messages.filter((m) => m.method === undefined).map((m) => [m.id ?? null, m]));
  }

  /** Waits for answers to these ids; a server that stays silent for 15 s fails the test instead of hanging it. */
  async until(ids: (number | null)[]): Promise<void> {
    const deadline = Date.now() + 15_000;
    while (!ids.every((id) => this.responses().has(id))) {
      if (this.process.exitCode !== null)
        assert.fail(`the server exited (${this.process.exitCode}) before answering ${ids.join(', ')}:\n${this.stderr}`);
      if (Date.now() > deadline)
        assert.fail(`no answer to ${ids.filter((id) => !this.responses().has(id)).join(', ')} within 15 s:\n${this.stdout}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

/** Resolves with the exit code, or null if the process is still running after `ms`. */
const exitWithin = (child: ChildProcess, ms: number) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    const timer = setTimeout(() => resolve(null), ms);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });

describe('language server robustness over real JSON-RPC', () => {
  test('malformed messages get JSON-RPC errors and the server goes on: not JSON, not a message, an unknown method, missing params', async () => {
    const raw = new RawClient();
    try {
      raw.request(1, 'initialize', { processId: null, rootUri: null, capabilities: {} });
      await raw.until([1]);
      raw.send('{"jsonrpc": "2.0", "id": 2, "method": ');
      raw.send(JSON.stringify({ neither: 'request nor notification' }));
      raw.request(3, 'layerlens/noSuchMethod', {});
      raw.notify('layerlens/noSuchNotification', {});
      raw.request(4, 'textDocument/hover');
      raw.request(5, 'textDocument/hover', { textDocument: { uri: 'file:///not/open/Dockerfile' } });
      raw.notify('initialized', {});
      raw.notify('textDocument/didOpen', {
        textDocument: { uri: 'file:///w/Dockerfile', languageId: 'dockerfile', version: 1, text: TEXT },
      });
      raw.request(6, 'textDocument/diagnostic', { textDocument: { uri: 'file:///w/Dockerfile' } });
      await raw.until([null, 3, 4, 5, 6]);
      const responses = raw.responses();
      assert.equal(responses.get(null)?.error?.code, ErrorCodes.ParseError, 'a body that is not JSON: a parse error, with no id to answer');
      assert.equal(responses.get(3)?.error?.code, ErrorCodes.MethodNotFound);
      assert.equal(responses.get(4)?.error?.code, ErrorCodes.InvalidParams);
      assert.equal(responses.get(5)?.result, null, 'a hover on a document that is not open is empty');
      const diagnostics = responses.get(6)?.result as { items: { code: string }[] };
      assert.ok(
        diagnostics.items.some((d) => d.code === 'SecretsUsedInArgOrEnv'),
        'the server still analyses after all of that',
      );
      assert.match(raw.stderr, /a message was not JSON and was ignored/);
      assert.match(raw.stdout, /neither a response nor a notification/, 'a message that is neither is reported to the client');
    } finally {
      raw.process.kill();
    }
  });

  test('a broken header leaves no way to find the next message: the server says so and exits instead of waiting forever', async () => {
    const raw = new RawClient();
    try {
      raw.request(1, 'initialize', { processId: null, rootUri: null, capabilities: {} });
      await raw.until([1]);
      raw.process.stdin?.write('Content-Length: many\r\n\r\n{}');
      assert.equal(await exitWithin(raw.process, 10_000), 1);
      assert.match(raw.stderr, /the client's message stream is broken \(Content-Length value must be a number/);
    } finally {
      raw.process.kill();
    }
  });

  test('positions and ranges outside the document get empty answers, not errors', async () => {
    const client = new Client();
    try {
      await client.initialize();
      const uri = 'file:///w/Dockerfile';
      await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri, languageId: 'dockerfile', version: 1, text: TEXT },
      });
      for (const position of [
        { line: 500, character: 0 },
        { line: 1, character: 10_000 },
        { line: -1, character: -1 },
        { line: 2 ** 31 - 1, character: 2 ** 31 - 1 },
      ]) {
        assert.equal(
          await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position }),
          null,
          JSON.stringify(position),
        );
        const actions = await client.connection.sendRequest(CodeActionRequest.type, {
          textDocument: { uri },
          range: { start: position, end: position },
          context: { diagnostics: [] },
        });
        assert.ok(Array.isArray(actions), JSON.stringify(position));
      }
      assert.equal((await client.diagnostics(uri)).length, 1, 'and the document is still analysed');
      assert.equal(client.stderr, '');
    } finally {
      client.process.kill();
    }
  });

  test("each message reaches the client in one write: no read of the server's output ends with a header", async () => {
    const raw = new RawClient();
    try {
      raw.request(1, 'initialize', { processId: null, rootUri: null, capabilities: { textDocument: { diagnostic: {} } } });
      await raw.until([1]);
      raw.notify('initialized', {});
      raw.notify('textDocument/didOpen', {
        textDocument: { uri: 'file:///w/Dockerfile', languageId: 'dockerfile', version: 1, text: TEXT },
      });
      // One request at a time, so that the client is waiting, and reads, whenever the server writes.
      for (let id = 2; id < 42; id++) {
        raw.request(id, 'textDocument/diagnostic', { textDocument: { uri: 'file:///w/Dockerfile' } });
        await raw.until([id]);
      }
      const cut = raw.reads.filter((read) => /Content-Length: \d+\r\n\r\n$/.test(read));
      assert.deepEqual(cut, [], `${cut.length} of ${raw.reads.length} reads ended with a header, its body still to come`);
    } finally {
      raw.process.kill();
    }
  });

  test('a cancelled diagnostics request on a 4 MB document answers RequestCancelled, and the server answers the next request', async (t) => {
    const files = corpusFiles();
    if (!requireHost(t, files.length > 0, 'the corpus (../shared/corpus/real-world)')) return;
    const corpus = files.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
    const text = corpus.repeat(Math.ceil((4 * 1024 * 1024) / corpus.length));
    const client = new Client();
    try {
      await client.initialize();
      const uri = 'file:///w/huge/Dockerfile';
      await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri, languageId: 'dockerfile', version: 1, text },
      });
      const source = new CancellationTokenSource();
      const pending = client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } }, source.token);
      source.cancel();
      await assert.rejects(pending, (error: unknown) => error instanceof ResponseError && error.code === LSPErrorCodes.RequestCancelled);
      const small = 'file:///w/small/Dockerfile';
      await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri: small, languageId: 'dockerfile', version: 1, text: TEXT },
      });
      assert.equal((await client.diagnostics(small)).length, 1);
    } finally {
      client.process.kill();
    }
  });

  test('a client that disappears: the server exits when its input closes, and when the client process named at initialize dies', async () => {
    const closing = new Client();
    await closing.initialize();
    closing.process.stdin?.end();
    assert.equal(await exitWithin(closing.process, 10_000), 1, 'input closed without shutdown: exit code 1, as LSP asks');

    const parent = spawn('sleep', ['60']);
    const orphan = new Client();
    try {
      await orphan.connection.sendRequest(InitializeRequest.type, {
        processId: parent.pid ?? null,
        rootUri: null,
        workspaceFolders: null,
        capabilities: {},
      });
      parent.kill();
      assert.equal(await exitWithin(orphan.process, 15_000), 1, 'the client process is gone: exit');
    } finally {
      parent.kill();
      orphan.process.kill();
    }
  });

  test('open documents keep only the most recent analyses, and closing frees them: after 5 cycles of opening, analysing and closing 150 corpus files, nothing is held and the heap is back where it was', async (t) => {
    const files = corpusFiles();
    if (!requireHost(t, files.length > 0, 'the corpus (../shared/corpus/real-world)')) return;
    const texts = files.slice(0, 150).map((f) => fs.readFileSync(f, 'utf8'));
    const client = new Client(['--expose-gc']);
    try {
      await client.initialize();
      const status = () => client.connection.sendRequest(SERVER_STATUS);
      const heaps: number[] = [];
      const pull = async (uri: string) =>
        JSON.stringify(await client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } }));
      let whileOpen: ServerStatus | undefined;
      for (let cycle = 0; cycle < 5; cycle++) {
        const uris = texts.map((_, i) => `file:///w/cycle/${i}/Dockerfile`);
        const first: string[] = [];
        for (const [i, uri] of uris.entries()) {
          await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
            textDocument: { uri, languageId: 'dockerfile', version: 1, text: texts[i] },
          });
          first.push(await pull(uri));
          await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 1, character: 1 } });
        }
        whileOpen = await status();
        if (cycle === 0)
          for (const [i, uri] of uris.slice(0, 10).entries())
            assert.equal(
              await pull(uri),
              first[i],
              `a document whose analysis was dropped (${files[i]}) is analysed again into the same diagnostics`,
            );
        for (const uri of uris) await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
        const closed = await status();
        assert.deepEqual(
          { ...closed, heapUsed: 0 },
          { openDocuments: 0, analyses: 0, contexts: 0, settings: 0, fingerprints: 0, heapUsed: 0 },
          `cycle ${cycle + 1}`,
        );
        heaps.push(closed.heapUsed);
      }
      const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
      t.diagnostic(`heap after each cycle: ${heaps.map(mb).join(', ')} MB; with the 150 documents open: ${mb(whileOpen!.heapUsed)} MB`);
      assert.equal(whileOpen?.openDocuments, 150);
      assert.equal(whileOpen?.analyses, KEPT_ANALYSES, 'of 150 open documents, only the most recently asked keep their analysis');
      // A leak of every cycle's documents would add four times what the open documents hold over the four cycles
      // after the first; that must be more than the growth allowed for the measure to see one.
      const allowed = 3 * 1024 * 1024;
      const held = whileOpen.heapUsed - heaps[0];
      assert.ok(4 * held > allowed, `open documents show in the heap (${mb(held)} MB), so the measure can see a leak`);
      assert.ok(heaps[4] - heaps[0] < allowed, `the heap grew by ${mb(heaps[4] - heaps[0])} MB over four more cycles`);
    } finally {
      client.process.kill();
    }
  });
});
