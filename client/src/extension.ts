import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, State, TransportKind } from 'vscode-languageclient/node';
import { CLIENT_ID, CLIENT_NAME, COMMANDS } from '../../common/commands';
import type { CacheDetailsParams } from '../../common/protocol';
import { SERVER_EXEC_ARGV } from '../../common/serverProcess';
import { SETTINGS_SECTION } from '../../common/settings';
import { BuildkitChecks } from './buildkitChecks';
import { Builds } from './builds';
import { CACHE_DETAILS_SCHEME, CacheDetailsView } from './cacheDetails';
import { reportEngineVersion } from './engineVersion';
import { ForecastLensArgs, openStageLine, showForecast, showStageGraph } from './forecastViews';
import { ServerRestarts } from './serverRestarts';
import { openSample } from './walkthrough';

let client: LanguageClient | undefined;
let builds: Builds | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<Builds> {
  const serverModule = context.asAbsolutePath('dist/server.js');
  // The server keeps V8's compiled code of itself here between starts (server/src/lsp/loader.ts); a
  // debugged server, started with other flags, compiles from source.
  const serverOptions: ServerOptions = {
    run: {
      module: serverModule,
      transport: TransportKind.ipc,
      args: ['--cache-dir', context.globalStorageUri.fsPath],
      options: { execArgv: [...SERVER_EXEC_ARGV] },
    },
    debug: {
      module: serverModule,
      transport: TransportKind.ipc,
      options: { execArgv: [...SERVER_EXEC_ARGV, '--nolazy', '--inspect=6019'] },
    },
  };
  const restarts = new ServerRestarts();
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: 'dockerfile', scheme: 'file' },
      { language: 'dockerfile', scheme: 'untitled' },
    ],
    synchronize: {
      configurationSection: SETTINGS_SECTION,
      // Any file created, deleted or changed may be part of a build context: the rules read its
      // listing, the forecast its contents.
      // `**/*` alone misses files whose name starts with a dot, such as .dockerignore and .env.
      fileEvents: [vscode.workspace.createFileSystemWatcher('**/*'), vscode.workspace.createFileSystemWatcher('**/.*')],
    },
    // Recorded builds, the forecast's baseline, survive restarts in the extension's own storage.
    // `cacheDetailsCommand`: this client runs "Show Cache Details", so hovers may be brief and link to it.
    initializationOptions: { storagePath: (context.storageUri ?? context.globalStorageUri).fsPath, cacheDetailsCommand: true },
    // Hovers may run that one command from their link, and no other.
    markdown: { isTrusted: { enabledCommands: [COMMANDS.showCacheDetails] } },
    errorHandler: restarts,
  };
  client = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
  builds = new Builds(context, client);
  const languageClient = client;
  const cacheDetails = new CacheDetailsView(languageClient);
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(CACHE_DETAILS_SCHEME, cacheDetails),
    vscode.commands.registerCommand(COMMANDS.showCacheDetails, (args?: CacheDetailsParams) => cacheDetails.show(args)),
    builds,
    ...builds.registerCommands(),
    vscode.commands.registerCommand(COMMANDS.showForecast, (args: ForecastLensArgs) => showForecast(args)),
    vscode.commands.registerCommand(COMMANDS.showStageGraph, (uri?: unknown) =>
      showStageGraph(languageClient, uri instanceof vscode.Uri ? uri : undefined),
    ),
    // A click on a stage in the graph's webview comes here, with the stage's FROM line.
    vscode.commands.registerCommand(COMMANDS.openStageLine, (line: number) => openStageLine(line)),
    vscode.commands.registerCommand(COMMANDS.openSample, () => openSample(context)),
    ...new BuildkitChecks().register(),
    vscode.commands.registerCommand(COMMANDS.restartServer, async () => {
      restarts.reset();
      await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Restarting the Layerlens server' }, () =>
        languageClient.restart(),
      );
    }),
  );
  // Each server, the first and any restarted one, learns the engine's version; so does the server of
  // a workspace trusted later.
  context.subscriptions.push(
    languageClient.onDidChangeState(({ newState }) => {
      if (newState === State.Running) void reportEngineVersion(languageClient);
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void reportEngineVersion(languageClient)),
  );
  await client.start();
  // The extension's API: its build commands' last results, which the VS Code tier reads.
  return builds;
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
