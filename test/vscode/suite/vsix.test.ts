import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import { diagnosticsOf, EXTENSION_ID, workspaceFile } from './helpers';

suite('Layerlens installed from its .vsix', () => {
  test('the packaged extension is the installed one, activates on a Dockerfile and reports diagnostics', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed`);
    const extensionsDir = process.env.LAYERLENS_EXTENSIONS_DIR ?? '';
    assert.ok(extensionsDir && extension.extensionPath.startsWith(extensionsDir + path.sep), `loaded from ${extension.extensionPath}, not from the sources`);
    const secrets = workspaceFile('secrets', 'Dockerfile');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(secrets));
    const [diagnostic] = await diagnosticsOf(secrets, 'SecretsUsedInArgOrEnv');
    assert.strictEqual(extension.isActive, true, 'activated by the dockerfile language');
    assert.match(diagnostic.message, /NPM_TOKEN/);
    assert.ok((await vscode.commands.getCommands(true)).includes('layerlens.buildImage'));
  });
});
