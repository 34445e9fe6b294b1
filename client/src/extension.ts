import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { CLIENT_ID, CLIENT_NAME, COMMANDS } from '../../common/commands';
import { SETTINGS_SECTION } from '../../common/settings';
import { BUILD_STARTED, BuildStartedParams } from '../../common/protocol';
import { buildImage, BuildImageArgs } from './buildImage';
import { ForecastLensArgs, showForecast, showStageGraph } from './forecastViews';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'dockerfile', scheme: 'file' }, { language: 'dockerfile', scheme: 'untitled' }],
    synchronize: {
      configurationSection: SETTINGS_SECTION,
      // Any file created, deleted or changed may be part of a build context: the rules read its
      // listing, the forecast its contents.
      // `**/*` alone misses files whose name starts with a dot, such as .dockerignore and .env.
      fileEvents: [vscode.workspace.createFileSystemWatcher('**/*'), vscode.workspace.createFileSystemWatcher('**/.*')],
    },
    // Recorded builds, the forecast's baseline, survive restarts in the extension's own storage.
    initializationOptions: { storagePath: (context.storageUri ?? context.globalStorageUri).fsPath },
  };
  client = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.buildImage, (args?: BuildImageArgs | vscode.Uri) =>
      buildImage(context, args instanceof vscode.Uri ? { uri: args } : args ?? {}, (started: BuildStartedParams) => client?.sendNotification(BUILD_STARTED, started))),
    vscode.commands.registerCommand(COMMANDS.showForecast, (args: ForecastLensArgs) => showForecast(args)),
    vscode.commands.registerCommand(COMMANDS.showStageGraph, () => (client ? showStageGraph(client) : undefined)),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
