import assert from 'node:assert/strict';
import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import {
  ClientCapabilities,
  InitializedNotification,
  InitializeRequest,
  InitializeResult,
  CodeLens,
  CodeLensRefreshRequest,
  CodeLensRequest,
  ConfigurationRequest,
  createProtocolConnection,
  Diagnostic,
  DiagnosticRefreshRequest,
  DidChangeConfigurationNotification,
  DocumentDiagnosticReport,
  DocumentDiagnosticRequest,
  ProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { repoRoot } from './env';

/** The bundled server, as editors start it. */
export const SERVER = path.join(repoRoot, 'dist', 'server.js');

/** A client over the server's real stdio, answering `workspace/configuration` from `settings`. */
export class Client {
  readonly process: ChildProcess;
  readonly connection: ProtocolConnection;
  settings: Record<string, unknown> = {};
  configurationRequests = 0;
  stderr = '';
  private refreshed: () => void = () => undefined;
  private lensesRefreshed: () => void = () => undefined;

  constructor(nodeArguments: string[] = [], env: NodeJS.ProcessEnv = process.env, serverArguments: string[] = []) {
    this.process = spawn(process.execPath, [...nodeArguments, SERVER, '--stdio', ...serverArguments], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env,
    });
    this.process.stderr?.on('data', (d) => {
      this.stderr += String(d);
    });
    this.connection = createProtocolConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onRequest(ConfigurationRequest.type, (params) => {
      this.configurationRequests++;
      return params.items.map(() => this.settings);
    });
    this.connection.onRequest(DiagnosticRefreshRequest.type, () => this.refreshed());
    this.connection.onRequest(CodeLensRefreshRequest.type, () => this.lensesRefreshed());
    this.connection.listen();
  }

  /** The handshake every client makes: `initialize` with these capabilities, then `initialized`. */
  async initialize(capabilities: ClientCapabilities = {}, initializationOptions?: unknown): Promise<InitializeResult> {
    const result = await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: null,
      capabilities,
      initializationOptions,
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
    return result;
  }

  /** Sends a notification and waits until the server asks for diagnostics to be pulled again. */
  async untilRefreshed(notify: () => Promise<void>): Promise<void> {
    const refreshed = new Promise<void>((resolve) => {
      this.refreshed = resolve;
    });
    await notify();
    await refreshed;
  }

  /** Sends a notification and waits until the server asks for code lenses to be requested again. */
  async untilLensesRefreshed(notify: () => Promise<void>): Promise<void> {
    const refreshed = new Promise<void>((resolve) => {
      this.lensesRefreshed = resolve;
    });
    await notify();
    await refreshed;
  }

  async lenses(uri: string): Promise<string[]> {
    const lenses = (await this.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } })) as CodeLens[];
    return lenses.map((l) => `${l.range.start.line + 1}: ${l.command?.title}`);
  }

  async changeSettings(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    await this.untilRefreshed(() => this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null }));
  }

  /** The diagnostics of one rule (the file also draws others, such as CacheMountRecommended). */
  async diagnostics(uri: string, code = 'SecretsUsedInArgOrEnv'): Promise<Diagnostic[]> {
    const report: DocumentDiagnosticReport = await this.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
    assert.equal(report.kind, 'full');
    return report.kind === 'full' ? report.items.filter((d) => d.code === code) : [];
  }
}
