import * as assert from 'assert';
import * as fs from 'fs';
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
    assert.strictEqual(extension.isActive, false, 'nothing activates it before a Dockerfile is opened');
    // Timed as a user sees it, from opening the file: `npm run bench` reports these figures.
    const opened = performance.now();
    const activated = (async () => {
      while (!extension.isActive) await new Promise((resolve) => setTimeout(resolve, 2));
      return performance.now() - opened;
    })();
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(secrets));
    const [diagnostic] = await diagnosticsOf(secrets, 'SecretsUsedInArgOrEnv');
    const firstDiagnosticsMs = performance.now() - opened;
    const activationMs = await activated;
    assert.strictEqual(extension.isActive, true, 'activated by the dockerfile language');
    if (process.env.LAYERLENS_ACTIVATION_OUT) fs.writeFileSync(process.env.LAYERLENS_ACTIVATION_OUT, JSON.stringify({ activationMs, firstDiagnosticsMs }));
    assert.match(diagnostic.message, /NPM_TOKEN/);
    assert.ok((await vscode.commands.getCommands(true)).includes('layerlens.buildImage'));
  });
});
