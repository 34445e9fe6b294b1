import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { PlannedCommand } from '../../../common/buildPlan';
import { pngSize } from '../../support/png';
import type { BuildLineResult, ImageLayersResult } from '../../../common/protocol';

/** What a build command answers. */
export interface BuildRun {
  commands: PlannedCommand[];
  exitCode: number;
  summary: string;
}

/** What the extension exports: its builds' last results per line. */
export interface BuildsApi {
  decorationsOf(uri: vscode.Uri): BuildLineResult[];
  layersOf(uri: vscode.Uri): ImageLayersResult | undefined;
  lastProblem: string | undefined;
  readonly statusText: string;
}

/** A test that needs the real BuildKit daemon skips loudly without one, and fails under CI=true. */
export function requireDaemon(context: Mocha.Context): boolean {
  if (process.env.DOCKER_HOST) return true;
  if (process.env.CI === 'true') assert.fail('no BuildKit daemon (DOCKER_HOST) for a build from the editor (CI=true)');
  console.log('      !!! SKIPPED: no BuildKit daemon (DOCKER_HOST is unset)');
  context.skip();
  return false;
}

export const EXTENSION_ID = 'layerlens.layerlens';

/** Resolves with the first value of `check` that is truthy, re-checked on each event; rejects after `ms`. */
export function waitForEvent<T>(what: string, event: vscode.Event<unknown>, check: () => T | undefined, ms = 60_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const first = check();
    if (first) return resolve(first);
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`timed out after ${ms} ms waiting for ${what}`));
    }, ms);
    const subscription = event(() => {
      const value = check();
      if (value) {
        clearTimeout(timer);
        subscription.dispose();
        resolve(value);
      }
    });
  });
}

export function diagnosticsOf(uri: vscode.Uri, code: string): Promise<vscode.Diagnostic[]> {
  return waitForEvent(`a ${code} diagnostic on ${uri.fsPath}`, vscode.languages.onDidChangeDiagnostics, () => {
    const found = vscode.languages.getDiagnostics(uri).filter((d) => codeOf(d) === code);
    return found.length > 0 ? found : undefined;
  });
}

export function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  return typeof code === 'object' ? String(code.value) : code === undefined ? undefined : String(code);
}

export function workspaceFile(...segments: string[]): vscode.Uri {
  // The runner's copy of the fixtures, which is the open folder unless the window was opened on an empty one.
  const fixtures = process.env.LAYERLENS_FIXTURE_WORKSPACE;
  if (fixtures) return vscode.Uri.file(path.join(fixtures, ...segments));
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, ...segments);
}

/** Polls a condition that has no VS Code event (a settings file applied, a task listed), with a deadline. */
export async function poll<T>(
  what: string,
  check: () => Promise<T | undefined | false> | T | undefined | false,
  ms = 30_000,
  every = 200,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, every));
  }
}

/**
 * Code actions through `vscode.executeCodeActionProvider`, resolving up to `resolve` of them. The
 * workbench cancels a provider call that a newer request or a document change overtakes, and
 * asks again; so does this, a few times, for a cancellation only.
 */
export async function codeActions(uri: vscode.Uri, range: vscode.Range, kind: string, resolve = 10): Promise<vscode.CodeAction[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return (
        (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, kind, resolve)) ?? []
      );
    } catch (error) {
      if (attempt >= 3 || !String(error).includes('Canceled')) throw error;
    }
  }
}

/** What the editor holds for a document when a request came back empty: its version, its diagnostics, the open tabs. */
export function editorState(document: vscode.TextDocument, again: vscode.CodeAction[]) {
  const tabs = vscode.window.tabGroups.all.flatMap((g) =>
    g.tabs.map((t) => (t.input instanceof vscode.TabInputText ? t.input.uri.path : t.label)),
  );
  return {
    version: document.version,
    dirty: document.isDirty,
    codes: vscode.languages.getDiagnostics(document.uri).map(codeOf),
    tabs,
    again: again.map((a) => a.title),
  };
}

/** What the workbench showed when a screenshot was taken: the picture and what test/vscode/run.mjs read from the page. */
export interface Screenshot {
  png: Buffer;
  hoverText: string | null;
  stageBoxes: number;
  squiggles: number;
  problemsText: string | null;
  codeLenses: string[];
}

/**
 * A screenshot of the real workbench, taken by the runner (test/vscode/run.mjs) and kept in
 * test-results/screenshots/ as an artefact of the run; with it, what the page showed, so that a
 * test can check that the picture is of what it meant.
 */
async function screenshot(name: string): Promise<Screenshot> {
  const dir = process.env.LAYERLENS_SCREENSHOT_DIR;
  assert.ok(dir, 'the runner names a screenshot folder (LAYERLENS_SCREENSHOT_DIR)');
  const described = path.join(dir, `${name}.json`);
  fs.rmSync(described, { force: true });
  fs.writeFileSync(path.join(dir, `${name}.request`), '');
  await poll(`the screenshot ${name}`, () => fs.existsSync(described), 30_000);
  const shown = JSON.parse(fs.readFileSync(described, 'utf8')) as Omit<Screenshot, 'png'>;
  return { png: fs.readFileSync(path.join(dir, `${name}.png`)), ...shown };
}

/** A screenshot taken again until the page shows what `shows` looks for (`what`, if it never does): a whole 1280x800 workbench. */
export async function screenshotShowing(name: string, what: string, shows: (taken: Screenshot) => boolean): Promise<Screenshot> {
  const shot = await poll(what, async () => {
    const taken = await screenshot(name);
    return shows(taken) ? taken : undefined;
  });
  assert.deepStrictEqual(pngSize(shot.png), { width: 1280, height: 800 });
  return shot;
}

/** `document` as the only editor, without the empty secondary side bar this VS Code opens, which would narrow a picture. */
export async function showAlone(document: vscode.TextDocument, options?: vscode.TextDocumentShowOptions): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar');
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await vscode.window.showTextDocument(document, options);
}
