import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { CLIENT_ID, CLIENT_NAME, COMMANDS } from '../../common/commands';
import { SETTINGS_SECTION } from '../../common/settings';
import { buildImage, BuildImageArgs } from './buildImage';

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
      // Ignore files change what a build context sends; any file created or deleted changes
      // what it holds. Edits to other files change neither, so they are not sent.
      fileEvents: [
        vscode.workspace.createFileSystemWatcher('**/*.dockerignore'),
        vscode.workspace.createFileSystemWatcher('**/*', false, true, false),
      ],
    },
  };
  client = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.buildImage, (args?: BuildImageArgs | vscode.Uri) =>
      buildImage(context, args instanceof vscode.Uri ? { uri: args } : args ?? {})),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
