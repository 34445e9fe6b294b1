import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { COMMANDS } from '../../../common/commands';
import { BuildsApi, diagnosticsOf, EXTENSION_ID, workspaceFile } from './helpers';

/**
 * The workspace of this pass is not trusted, and its .vscode/settings.json names a docker
 * executable, a builder, a platform and a secret file, and turns on BuildKit's checks (test/vscode/run.mjs). The machine's docker
 * path is the recorder, so any process a command starts leaves a log.
 */
suite('Layerlens in an untrusted workspace (Restricted Mode)', () => {
  const secrets = workspaceFile('secrets', 'Dockerfile');

  test('the workspace is not trusted, and diagnostics still come', async () => {
    assert.strictEqual(vscode.workspace.isTrusted, false, 'the pass runs in Restricted Mode');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(secrets));
    const [diagnostic] = await diagnosticsOf(secrets, 'SecretsUsedInArgOrEnv');
    assert.strictEqual(diagnostic.range.start.line, 2);
  });

  test('no command starts a process: builds, tasks and the docker probe refuse, and say why; the build commands are shown for the engine assumed', async () => {
    const log = process.env.LAYERLENS_RECORDER_LOG as string;
    const api = vscode.extensions.getExtension<BuildsApi>(EXTENSION_ID)?.exports as BuildsApi;
    for (const command of [COMMANDS.buildImage, COMMANDS.buildStage, COMMANDS.buildWithRegistryCache, COMMANDS.buildWithSecrets]) {
      const run = await vscode.commands.executeCommand(command, { uri: secrets.toString(), tag: 'app:ci', target: 'build' });
      assert.strictEqual(run, undefined, command);
      assert.match(api.lastProblem ?? '', /builds are off in an untrusted workspace/, command);
    }
    // Showing a build's commands needs no docker: they are written for the engine assumed, and say so.
    const shown = await vscode.commands.executeCommand<string>(COMMANDS.showBuildCommand, {
      uri: secrets.toString(),
      tag: 'app:ci',
      kind: 'image',
    });
    assert.match(shown ?? '', / buildx build --file /, 'the buildx commands, without asking docker');
    const script = await vscode.commands.executeCommand<string>(COMMANDS.copyBuildScript, {
      uri: secrets.toString(),
      tag: 'app:ci',
      kind: 'image',
    });
    assert.match(
      script ?? '',
      /assuming docker buildx: builds are off in an untrusted workspace/,
      'the script says which engine it assumed, and why',
    );
    // A save with layerlens.buildkitChecks set by the workspace runs no check: the setting is restricted, and checks need trust.
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(secrets));
    await editor.edit((edit) => edit.insert(new vscode.Position(editor.document.lineCount, 0), '\n'));
    assert.ok(await editor.document.save(), 'saved');
    await new Promise((resolve) => setTimeout(resolve, 2000));
    assert.ok(!fs.existsSync(log), `a process was started: ${fs.existsSync(log) ? fs.readFileSync(log, 'utf8').replace(/\0/g, ' ') : ''}`);
  });

  test('settings that name an executable, a builder, a platform or a secret file, or run docker, are not taken from the workspace', () => {
    const layerlens = vscode.workspace.getConfiguration('layerlens', secrets);
    assert.strictEqual(
      layerlens.get('docker.path'),
      process.env.LAYERLENS_RECORDER,
      'the docker path is machine-scoped: only the machine names it',
    );
    const workspaceSettings = JSON.parse(fs.readFileSync(workspaceFile('.vscode', 'settings.json').fsPath, 'utf8')) as Record<
      string,
      unknown
    >;
    for (const key of ['build.builder', 'build.platform', 'build.secrets', 'buildkitChecks']) {
      assert.ok(workspaceSettings[`layerlens.${key}`] !== undefined, `the workspace sets ${key}`);
      assert.notDeepStrictEqual(layerlens.get(key), workspaceSettings[`layerlens.${key}`], `${key} in Restricted Mode`);
    }
  });
});
