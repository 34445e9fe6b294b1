import * as path from 'path';
import * as vscode from 'vscode';
import { buildImageCommand, defaultImageName } from '../../common/buildCommand';
import type { BuildStartedParams } from '../../common/protocol';
import { quoteCommand, shellKindOf, unsafeForCmd } from '../../common/shellQuote';

/** What the command was asked to build; every field optional so that the palette can call it bare. */
export interface BuildImageArgs {
  uri?: vscode.Uri | string;
  tag?: string;
}

export interface BuildImageResult {
  terminalName: string;
  argv: string[];
  commandLine: string;
}

const TAG_KEY = 'layerlens.buildImage.tag:';
const DOCKERFILE_GLOB = '**/{Dockerfile,Dockerfile.*,*.Dockerfile,*.dockerfile,Containerfile,Containerfile.*}';

async function pickDockerfile(args: BuildImageArgs): Promise<vscode.Uri | undefined> {
  if (args.uri) return typeof args.uri === 'string' ? vscode.Uri.parse(args.uri) : args.uri;
  const active = vscode.window.activeTextEditor?.document;
  if (active?.languageId === 'dockerfile' && active.uri.scheme === 'file') return active.uri;
  const found = await vscode.workspace.findFiles(DOCKERFILE_GLOB, '**/node_modules/**', 200);
  if (found.length === 0) {
    void vscode.window.showErrorMessage('Layerlens: no Dockerfile is open and none was found in the workspace.');
    return undefined;
  }
  if (found.length === 1) return found[0];
  const picked = await vscode.window.showQuickPick(
    found.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri })),
    { title: 'Layerlens: Build Image', placeHolder: 'Which Dockerfile?' },
  );
  return picked?.uri;
}

const IMAGE_REFERENCE = /^[a-z0-9]+(?:[._-][a-z0-9]+)*(?::[0-9]+)?(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?$/;

async function pickTag(context: vscode.ExtensionContext, dockerfile: vscode.Uri, args: BuildImageArgs): Promise<string | undefined> {
  const key = TAG_KEY + dockerfile.toString();
  const remembered = context.workspaceState.get<string>(key);
  const tag = args.tag ?? remembered ?? await vscode.window.showInputBox({
    title: 'Layerlens: Build Image',
    prompt: 'Image name and tag (remembered for this Dockerfile)',
    value: defaultImageName(path.basename(path.dirname(dockerfile.fsPath))),
    validateInput: (value) => (IMAGE_REFERENCE.test(value) ? undefined : 'Use a lower-case image reference such as my-app:latest'),
  });
  if (tag !== undefined && tag !== remembered) await context.workspaceState.update(key, tag);
  return tag;
}

/**
 * Layerlens: Build Image. Runs a BuildKit `docker build` of the Dockerfile in an integrated
 * terminal named after the image, with the Dockerfile's folder as context; every word is
 * quoted for the terminal's shell, and BuildKit is selected through the terminal's
 * environment rather than a shell-specific prefix.
 */
export async function buildImage(
  context: vscode.ExtensionContext,
  args: BuildImageArgs = {},
  onStarted: (build: BuildStartedParams) => unknown = () => undefined,
): Promise<BuildImageResult | undefined> {
  const dockerfile = await pickDockerfile(args);
  if (!dockerfile) return undefined;
  const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === dockerfile.toString());
  // The build reads the file from disk: unsaved edits would silently not be built.
  if (document?.isDirty) await document.save();
  const tag = await pickTag(context, dockerfile, args);
  if (!tag) return undefined;
  const docker = vscode.workspace.getConfiguration('layerlens').get<string>('docker.path') || 'docker';
  const buildArgs = vscode.workspace.getConfiguration('layerlens', dockerfile).get<Record<string, string>>('build.args') ?? {};
  const contextDir = path.dirname(dockerfile.fsPath);
  const planned = buildImageCommand({ docker, dockerfile: dockerfile.fsPath, context: contextDir, tag, buildArgs });
  const shell = shellKindOf(vscode.env.shell, process.platform);
  if (shell === 'cmd' && planned.argv.some(unsafeForCmd)) {
    void vscode.window.showErrorMessage('Layerlens: a path or build argument contains characters cmd.exe cannot be given safely (", %, !). Choose PowerShell as the terminal shell.');
    return undefined;
  }
  const commandLine = quoteCommand(planned.argv, shell);
  const terminalName = `Layerlens build: ${tag}`;
  const terminal = vscode.window.createTerminal({ name: terminalName, cwd: contextDir, env: planned.env });
  terminal.show();
  // Text sent before the shell process exists can be lost on remote hosts; wait for it.
  await terminal.processId;
  terminal.sendText(commandLine, true);
  // The forecast compares later edits with what this build is made of.
  await onStarted({ uri: dockerfile.toString(), buildArgs });
  return { terminalName, argv: planned.argv, commandLine };
}
