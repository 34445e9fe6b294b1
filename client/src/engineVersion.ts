import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ENGINE_VERSION } from '../../common/protocol';
import { configuredDocker, dockerRunner } from './dockerCli';
import { imageStoreFromDriverStatus } from '../../common/imageStore';

/**
 * Tells the server which Docker Engine the local `docker` talks to, so that FrontendFeatureWithoutSyntax
 * reports what that engine's built-in frontend rejects, and its image store, so that the forecast
 * and the hovers say what a `COPY --link` does there. Asked in the background (the editor never
 * waits for it), only in a trusted workspace, since it runs docker; without an answer the server
 * assumes Docker 28.
 */
export async function reportEngineVersion(client: LanguageClient): Promise<void> {
  if (!vscode.workspace.isTrusted) return;
  const docker = configuredDocker();
  const run = await dockerRunner(docker)(['version', '--format', '{{.Server.Version}}']);
  const version = run.code === 0 ? run.stdout.trim() : '';
  if (!/^\d+\.\d+/.test(version)) return;
  const info = await dockerRunner(docker)(['info', '--format', '{{json .DriverStatus}}']);
  const imageStore = info.code === 0 ? imageStoreFromDriverStatus(info.stdout) : undefined;
  if (!client.isRunning()) return;
  // A server stopping meanwhile is no error: the next one is told when it runs.
  await client.sendNotification(ENGINE_VERSION, { version, imageStore }).catch(() => undefined);
}
