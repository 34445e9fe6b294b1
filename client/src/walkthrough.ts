import * as vscode from 'vscode';

/** The sample project the walkthrough opens, shipped in the extension beside the CLI's `npm start` sample. */
const SAMPLE = ['samples', 'node-app'];

/**
 * Opens the walkthrough's sample Dockerfile from a copy in the extension's own storage: a real
 * file in a real folder, so that fixes, the forecast and Build Image work on it as on the user's
 * own, and nothing is written into the user's workspace. Files already copied are kept, so the
 * user's edits survive a second run.
 */
export async function openSample(context: vscode.ExtensionContext): Promise<void> {
  const source = vscode.Uri.joinPath(context.extensionUri, ...SAMPLE);
  const target = vscode.Uri.joinPath(context.globalStorageUri, ...SAMPLE);
  await vscode.workspace.fs.createDirectory(target);
  for (const [name, type] of await vscode.workspace.fs.readDirectory(source)) {
    if (type !== vscode.FileType.File) continue;
    const copy = vscode.Uri.joinPath(target, name);
    const exists = await vscode.workspace.fs.stat(copy).then(
      () => true,
      () => false,
    );
    if (!exists) await vscode.workspace.fs.copy(vscode.Uri.joinPath(source, name), copy);
  }
  await vscode.window.showTextDocument(vscode.Uri.joinPath(target, 'Dockerfile'));
}
