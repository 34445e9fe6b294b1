import { execFile } from 'child_process';
import * as path from 'path';
import * as vscode from 'vscode';
import { buildxCanCheck, buildxVersion, notReportedBy, readCheckOutput } from '../../common/buildkitChecks';
import type { BuildkitWarning } from '../../common/buildkitChecks';
import { looksLikeSecretName } from '../../common/secretNames';
import { SETTINGS_SECTION } from '../../common/settings';
import { configuredDocker, dockerRunner } from './dockerCli';

/** The source of BuildKit's findings in the Problems panel, beside Layerlens' own `layerlens`. */
export const BUILDKIT_CHECKS_SOURCE = 'buildkit';
const LAYERLENS_SOURCE = 'layerlens';
const CHECK_TIMEOUT_MS = 120_000;

const ruleOf = (diagnostic: vscode.Diagnostic) =>
  String(typeof diagnostic.code === 'object' ? diagnostic.code.value : (diagnostic.code ?? ''));

/**
 * `layerlens.buildkitChecks`: after each save of a Dockerfile, BuildKit's own checks
 * (`docker buildx build --call=check`) run in the background, and what they report that Layerlens
 * did not appears as `buildkit` diagnostics. One check at a time, the next save cancelling it;
 * never on a keystroke, never in an untrusted workspace (it runs docker). Results are for the saved
 * text: an edit clears them until the next save, so that no squiggle sits on a line that moved.
 */
export class BuildkitChecks implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection(BUILDKIT_CHECKS_SOURCE);
  private readonly output = vscode.window.createOutputChannel('Layerlens BuildKit Checks');
  /** BuildKit's warnings per document, before those Layerlens reports itself are left out. */
  private readonly warnings = new Map<string, BuildkitWarning[]>();
  private running?: AbortController;
  /** Why checks cannot run with this docker (buildx missing or too old), asked once per docker path. */
  private support?: Promise<string | undefined>;
  private failureShown = false;

  register(): vscode.Disposable[] {
    return [
      this,
      vscode.workspace.onDidSaveTextDocument((document) => void this.check(document)),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length > 0) this.forget(event.document.uri);
      }),
      vscode.workspace.onDidCloseTextDocument((document) => this.forget(document.uri)),
      // Layerlens' own diagnostics decide which of BuildKit's are shown; their changes re-filter.
      vscode.languages.onDidChangeDiagnostics((event) => event.uris.forEach((uri) => this.show(uri))),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(`${SETTINGS_SECTION}.docker.path`)) this.support = undefined;
        if (event.affectsConfiguration(`${SETTINGS_SECTION}.buildkitChecks`)) this.clearWhereOff();
      }),
    ];
  }

  dispose(): void {
    this.running?.abort();
    this.collection.dispose();
    this.output.dispose();
  }

  private enabled(uri: vscode.Uri): boolean {
    return vscode.workspace.isTrusted && vscode.workspace.getConfiguration(SETTINGS_SECTION, uri).get<boolean>('buildkitChecks') === true;
  }

  private forget(uri: vscode.Uri): void {
    if (!this.warnings.delete(uri.toString())) return;
    this.collection.delete(uri);
  }

  private clearWhereOff(): void {
    for (const key of [...this.warnings.keys()]) {
      const uri = vscode.Uri.parse(key);
      if (!this.enabled(uri)) this.forget(uri);
    }
  }

  private supported(docker: string): Promise<string | undefined> {
    this.support ??= dockerRunner(docker)(['buildx', 'version']).then((run) => {
      if (run.code !== 0) return `"${docker} buildx version" failed: BuildKit's checks need Docker's buildx component (0.15 or newer)`;
      const version = buildxVersion(run.stdout);
      return buildxCanCheck(version)
        ? undefined
        : `BuildKit's checks need buildx 0.15 or newer; this docker has ${version ? `${version[0]}.${version[1]}` : 'an unknown version'}`;
    });
    return this.support;
  }

  private async check(document: vscode.TextDocument): Promise<void> {
    if (document.languageId !== 'dockerfile' || document.uri.scheme !== 'file' || !this.enabled(document.uri)) return;
    this.running?.abort();
    const abort = new AbortController();
    this.running = abort;
    const docker = configuredDocker();
    const problem = await this.supported(docker);
    if (problem) {
      this.report(document, problem);
      return;
    }
    const version = document.version;
    const done = this.run(docker, document, abort.signal);
    vscode.window.setStatusBarMessage(`$(sync~spin) Layerlens: BuildKit checks of ${path.basename(document.uri.fsPath)}`, done);
    const result = await done;
    if (abort.signal.aborted || result === undefined) return;
    if (this.running === abort) this.running = undefined;
    // Lines of a text that changed since the save could be wrong: the next save checks again.
    if (document.isClosed || document.version !== version || document.isDirty) return;
    if ('failed' in result) {
      this.forget(document.uri);
      this.report(document, result.failed);
      return;
    }
    // A base image BuildKit could not resolve ends the run after the checks: the warnings stand.
    if (result.error) this.output.appendLine(`BuildKit's checks of ${document.uri.fsPath} ended with: ${result.error}`);
    this.warnings.set(document.uri.toString(), result.warnings);
    this.show(document.uri);
  }

  private run(docker: string, document: vscode.TextDocument, signal: AbortSignal): Promise<ReturnType<typeof readCheckOutput> | undefined> {
    const file = document.uri.fsPath;
    const settings = vscode.workspace.getConfiguration(SETTINGS_SECTION, document.uri);
    const argv = ['buildx', 'build', '--call=check,format=json', '--file', file];
    const builder = settings.get<string>('build.builder');
    if (builder) argv.push('--builder', builder);
    // Build args named like secrets are passed by name, their values only in docker's environment.
    const hidden: Record<string, string> = {};
    for (const [name, value] of Object.entries(settings.get<Record<string, string>>('build.args') ?? {})) {
      if (looksLikeSecretName(name)) hidden[name] = String(value);
      argv.push('--build-arg', looksLikeSecretName(name) ? name : `${name}=${value}`);
    }
    argv.push(path.dirname(file));
    this.output.appendLine(`${new Date().toISOString()} ${docker} ${argv.join(' ')}`);
    return new Promise((resolve) => {
      execFile(
        docker,
        argv,
        { signal, timeout: CHECK_TIMEOUT_MS, maxBuffer: 32 * 1024 * 1024, encoding: 'utf8', env: { ...process.env, ...hidden } },
        (error, stdout, stderr) => {
          if (signal.aborted) return resolve(undefined);
          if (error && typeof error.code === 'string')
            return resolve({ failed: error.code === 'ENOENT' ? `"${docker}" was not found` : error.message });
          resolve(readCheckOutput(stdout, stderr));
        },
      );
    });
  }

  /** Says once per session, with a way out, that checks could not run; every failure goes to the output channel. */
  private report(document: vscode.TextDocument, reason: string): void {
    this.output.appendLine(`BuildKit's checks of ${document.uri.fsPath} did not run: ${reason}`);
    if (this.failureShown) return;
    this.failureShown = true;
    void vscode.window
      .showWarningMessage(
        `Layerlens: BuildKit's checks of ${path.basename(document.uri.fsPath)} did not run: ${reason}`,
        'Show Output',
        'Turn Off',
      )
      .then((choice) => {
        if (choice === 'Show Output') this.output.show(true);
        if (choice === 'Turn Off')
          void vscode.workspace
            .getConfiguration(SETTINGS_SECTION, document.uri)
            .update('buildkitChecks', false, vscode.ConfigurationTarget.Workspace);
      });
  }

  /** Shows BuildKit's warnings on a document, less those Layerlens reports on the same lines, and only when that changes. */
  private show(uri: vscode.Uri): void {
    const warnings = this.warnings.get(uri.toString());
    if (!warnings) return;
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (!document) return;
    const reported = vscode.languages
      .getDiagnostics(uri)
      .filter((d) => d.source === LAYERLENS_SOURCE)
      .map((d) => ({ rule: ruleOf(d), startLine: d.range.start.line + 1, endLine: d.range.end.line + 1 }));
    const diagnostics = notReportedBy(warnings, reported)
      .filter((w) => w.startLine <= document.lineCount)
      .map((w) => {
        const line = document.lineAt(w.startLine - 1);
        const diagnostic = new vscode.Diagnostic(
          new vscode.Range(line.lineNumber, line.firstNonWhitespaceCharacterIndex, line.lineNumber, line.text.length),
          w.message,
          vscode.DiagnosticSeverity.Warning,
        );
        diagnostic.source = BUILDKIT_CHECKS_SOURCE;
        diagnostic.code = w.url ? { value: w.rule, target: vscode.Uri.parse(w.url) } : w.rule;
        return diagnostic;
      });
    // Setting the collection fires onDidChangeDiagnostics again: only a real change is set.
    const key = (list: readonly vscode.Diagnostic[]) => list.map((d) => `${ruleOf(d)}:${d.range.start.line}:${d.message}`).join('\n');
    if (key(this.collection.get(uri) ?? []) !== key(diagnostics)) this.collection.set(uri, diagnostics);
  }
}
