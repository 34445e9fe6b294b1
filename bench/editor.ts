import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  CodeActionRequest,
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  DocumentSymbolRequest,
  ExitNotification,
  FoldingRangeRequest,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  ProtocolConnection,
  PublishDiagnosticsNotification,
  SemanticTokensRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { SERVER_EXEC_ARGV } from '../common/serverProcess';
import { repoRoot } from '../test/support/env';

/**
 * The two servers measured side by side: Layerlens', and rcjsuen's (the one behind Microsoft's Container Tools), each
 * started as its extension starts it (Container Tools gives its server no flags).
 */
export const SERVERS = {
  layerlens: { command: path.join(repoRoot, 'dist', 'server.js'), pull: true, execArgv: SERVER_EXEC_ARGV },
  rcjsuen: {
    command: path.join(repoRoot, 'node_modules', 'dockerfile-language-server-nodejs', 'lib', 'server.js'),
    pull: false,
    execArgv: [],
  },
} as const;
export type ServerName = keyof typeof SERVERS;

export const REQUESTS = ['diagnostics', 'hover', 'codeAction', 'semanticTokens', 'foldingRange', 'documentSymbol'] as const;

/** What an editor asks again for every version, besides diagnostics. */
const EDITOR_REQUESTS = ['semanticTokens', 'foldingRange', 'documentSymbol'] as const;
export type RequestName = (typeof REQUESTS)[number];

export interface EditorResult {
  /** Milliseconds per request, in order; absent when the server does not offer the request. */
  latencies: Partial<Record<RequestName, number[]>>;
  /** Diagnostics latency on the largest real file and the generated ones, by label. */
  large: Record<string, number[]>;
  versions: number;
  /**
   * Server CPU (user + system) over the typing run alone (each keystroke and its diagnostics),
   * per document version: the work both servers do, so the like-for-like figure.
   */
  cpuMsPerVersion: number;
  /** Server CPU for the other requests, once per file, for those the server offers. */
  cpuMsPerFileRequests: number;
  initializeMs: number[];
  rssAfterOpenAllMb: number;
  /**
   * The least RSS read over the `restMs` that follow, with no request meanwhile: what the server comes down to once
   * V8's idle collection has given back the room a burst left, whenever within the window that happens.
   */
  rssAtRestMb: number;
  rssAfterEditsMb: { start: number; end: number; edits: number };
}

/**
 * How often the RSS is read while a server rests. When V8 gives the room back differs from run to run (within 40 s
 * for Layerlens, from 80 s to more than 90 s for rcjsuen), so a single reading at a fixed time compared one server at
 * rest with the other before it.
 */
const REST_SAMPLE_MS = 5_000;

/** How long a server is left to rest with every file open: well past the latest release seen, for either server. */
export const REST_MS = 150_000;

/** CPU time the process has used, from /proc (Linux, where the benchmark runs). */
function cpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

function rssMb(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  return kb / 1024;
}

let cacheDir: string | undefined;

/**
 * Layerlens' server is given a folder for V8's code cache, as the extension gives it its global storage:
 * the starts measured before the editor run leave the cache the measured server starts from, as a
 * user's every start after the first does.
 */
function cacheArgs(name: ServerName): string[] {
  if (name !== 'layerlens') return [];
  cacheDir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'layerlens-bench-cache-'));
  return ['--cache-dir', cacheDir];
}

class Server {
  readonly connection: ProtocolConnection;
  readonly pid: number;
  private readonly waiting = new Map<string, () => void>();

  private constructor(
    readonly name: ServerName,
    private readonly child: ReturnType<typeof spawn>,
  ) {
    this.pid = child.pid as number;
    this.connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    this.connection.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => null));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.waiting.get(params.uri)?.();
      this.waiting.delete(params.uri);
    });
    this.connection.listen();
  }

  /** Starts the server and answers how long `initialize` took. */
  static async start(name: ServerName): Promise<{ server: Server; initializeMs: number }> {
    const started = performance.now();
    const { command, execArgv } = SERVERS[name];
    const child = spawn(process.execPath, [...execArgv, command, '--stdio', ...cacheArgs(name)], { stdio: ['pipe', 'pipe', 'ignore'] });
    const server = new Server(name, child);
    await server.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: null,
      capabilities: {
        workspace: { configuration: name === 'layerlens' },
        textDocument: {
          publishDiagnostics: {},
          diagnostic: { dynamicRegistration: false },
          hover: { contentFormat: ['markdown'] },
          semanticTokens: { requests: { full: true }, tokenTypes: [], tokenModifiers: [], formats: ['relative'] },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
          foldingRange: {},
        },
      },
    });
    const initializeMs = performance.now() - started;
    await server.connection.sendNotification(InitializedNotification.type, {});
    return { server, initializeMs };
  }

  /** The time from a change to its diagnostics: a pull for Layerlens, the next push for rcjsuen. */
  async change(
    uri: string,
    version: number,
    change: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string },
  ): Promise<number> {
    const started = performance.now();
    const pushed = SERVERS[this.name].pull ? undefined : new Promise<void>((resolve) => this.waiting.set(uri, resolve));
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [change],
    });
    if (pushed) await pushed;
    else await this.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
    return performance.now() - started;
  }

  async open(uri: string, text: string): Promise<void> {
    const pushed = SERVERS[this.name].pull ? undefined : new Promise<void>((resolve) => this.waiting.set(uri, resolve));
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'dockerfile', version: 1, text },
    });
    if (pushed) await pushed;
    else await this.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /** Times a request; undefined when the server does not offer it (method not found). */
  async timed(request: Exclude<RequestName, 'diagnostics'>, uri: string, line: number, lastLine: number): Promise<number | undefined> {
    const textDocument = { uri };
    const started = performance.now();
    try {
      switch (request) {
        case 'hover':
          await this.connection.sendRequest(HoverRequest.type, { textDocument, position: { line, character: 1 } });
          break;
        case 'codeAction':
          await this.connection.sendRequest(CodeActionRequest.type, {
            textDocument,
            range: { start: { line: 0, character: 0 }, end: { line: lastLine, character: 0 } },
            context: { diagnostics: [] },
          });
          break;
        case 'semanticTokens':
          await this.connection.sendRequest(SemanticTokensRequest.type, { textDocument });
          break;
        case 'foldingRange':
          await this.connection.sendRequest(FoldingRangeRequest.type, { textDocument });
          break;
        case 'documentSymbol':
          await this.connection.sendRequest(DocumentSymbolRequest.type, { textDocument });
          break;
      }
    } catch (error) {
      if ((error as { code?: number }).code === -32601) return undefined;
      throw error;
    }
    return performance.now() - started;
  }

  /** As an editor stops a server: shutdown, exit, and a kill only for a server still running seconds later. */
  async stop(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    const kill = setTimeout(() => this.child.kill(), 5_000);
    await exited;
    clearTimeout(kill);
  }
}

/**
 * Types the last line of a document a character at a time, as an editor sends it; `afterEach`
 * runs after each keystroke's diagnostics.
 */
async function typeLastLine(
  server: Server,
  uri: string,
  text: string,
  characters: number,
  record: (ms: number) => void,
  afterEach: () => Promise<void> = async () => undefined,
): Promise<number> {
  const lines = text.replace(/\s+$/, '').split('\n');
  const last = lines.length - 1;
  const typed = lines[last].slice(0, characters);
  const base = [...lines.slice(0, last), lines[last].slice(typed.length)].join('\n');
  await server.open(uri, base);
  let version = 1;
  for (let i = 0; i < typed.length; i++) {
    const at = { line: last, character: i };
    record(await server.change(uri, ++version, { range: { start: at, end: at }, text: typed[i] }));
    await afterEach();
  }
  return version - 1;
}

export interface EditorOptions {
  files: { name: string; text: string }[];
  large: { label: string; text: string }[];
  characters: number;
  edits: number;
  starts: number;
  /** How long the server is left alone, every file open, while its RSS at rest is read every `REST_SAMPLE_MS`. */
  restMs: number;
}

/** The editor benchmark for one server: typing latency, the other requests, CPU, memory and start-up. */
export async function editorBench(name: ServerName, options: EditorOptions): Promise<EditorResult> {
  const initializeMs: number[] = [];
  for (let i = 0; i < options.starts; i++) {
    const { server, initializeMs: ms } = await Server.start(name);
    initializeMs.push(ms);
    await server.stop();
  }
  const { server } = await Server.start(name);
  const latencies: Partial<Record<RequestName, number[]>> = { diagnostics: [] };
  let cpuBefore = cpuMs(server.pid);
  let versions = 0;
  for (const [index, file] of options.files.entries()) {
    const uri = `file:///bench/${index}/Dockerfile`;
    // After each keystroke VS Code also asks for the semantic tokens, the folding ranges and the
    // symbols (outline and breadcrumbs) of the new version: what a server offers of these is part
    // of its cost per version.
    const editorRequests = async () => {
      for (const request of EDITOR_REQUESTS) await server.timed(request, uri, 0, 0);
    };
    versions += await typeLastLine(server, uri, file.text, options.characters, (ms) => latencies.diagnostics?.push(ms), editorRequests);
    await server.close(uri);
  }
  const cpuMsPerVersion = (cpuMs(server.pid) - cpuBefore) / Math.max(versions, 1);
  cpuBefore = cpuMs(server.pid);
  for (const [index, file] of options.files.entries()) {
    const uri = `file:///bench/requests/${index}/Dockerfile`;
    await server.open(uri, file.text);
    const lines = file.text.split('\n');
    const run = Math.max(
      0,
      lines.findIndex((l) => /^\s*RUN\b/i.test(l)),
    );
    for (const request of REQUESTS.slice(1) as Exclude<RequestName, 'diagnostics'>[]) {
      const ms = await server.timed(request, uri, run, lines.length - 1);
      if (ms !== undefined) (latencies[request] ??= []).push(ms);
    }
    await server.close(uri);
  }
  const cpuMsPerFileRequests = (cpuMs(server.pid) - cpuBefore) / Math.max(options.files.length, 1);

  const large: Record<string, number[]> = {};
  for (const file of options.large) {
    large[file.label] = [];
    await typeLastLine(server, `file:///bench/large/${file.label}/Dockerfile`, file.text, options.characters, (ms) =>
      large[file.label].push(ms),
    );
    await server.close(`file:///bench/large/${file.label}/Dockerfile`);
  }

  for (const [index, file] of options.files.entries()) await server.open(`file:///bench/all/${index}/Dockerfile`, file.text);
  const rssAfterOpenAllMb = rssMb(server.pid);
  let rssAtRestMb = rssAfterOpenAllMb;
  for (let waited = 0; waited < options.restMs; waited += REST_SAMPLE_MS) {
    await new Promise((resolve) => setTimeout(resolve, REST_SAMPLE_MS));
    rssAtRestMb = Math.min(rssAtRestMb, rssMb(server.pid));
  }
  for (const index of options.files.keys()) await server.close(`file:///bench/all/${index}/Dockerfile`);

  // Ten thousand edits to one file: a character typed and deleted, diagnostics after each hundred.
  const uri = 'file:///bench/edits/Dockerfile';
  await server.open(uri, options.files[0].text);
  const start = rssMb(server.pid);
  for (let i = 0; i < options.edits; i++) {
    const at = { line: 0, character: 0 };
    const change =
      i % 2 === 0 ? { range: { start: at, end: at }, text: '#' } : { range: { start: at, end: { line: 0, character: 1 } }, text: '' };
    if (i % 100 === 99) await server.change(uri, i + 2, change);
    else
      await server.connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version: i + 2 },
        contentChanges: [change],
      });
  }
  await server.change(uri, options.edits + 2, { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '' });
  const rssAfterEditsMb = { start, end: rssMb(server.pid), edits: options.edits };
  await server.stop();
  return {
    latencies,
    large,
    versions,
    cpuMsPerVersion,
    cpuMsPerFileRequests,
    initializeMs,
    rssAfterOpenAllMb,
    rssAtRestMb,
    rssAfterEditsMb,
  };
}
