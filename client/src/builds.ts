import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { describeSummary, summarize } from '../../common/buildProgress';
import type { BuildStep } from '../../common/buildProgress';
import {
  assumedEngine,
  buildScript,
  BuildPlanError,
  builtImage,
  chooseEngine,
  commandLine,
  defaultImageName,
  planBuild,
  probeDocker,
  resolveSecretFiles,
  splitImage,
} from '../../common/buildPlan';
import type { BuildInputs, BuildOptions, CacheMode, EngineChoice, PlannedCommand, SecretSource } from '../../common/buildPlan';
import { BUILD_TASK_TYPE, COMMANDS } from '../../common/commands';
import { shellKindOf } from '../../common/shellQuote';
import { BUILD_INPUTS, BUILD_RESULTS, BUILD_STARTED, IMAGE_LAYERS } from '../../common/protocol';
import type { BuildLineResult, ImageLayersResult } from '../../common/protocol';
import { imageHistoryArgs, readImageHistory } from '../../common/imageHistory';
import { normalizeBuildSettings } from '../../common/settings';
import { ConfigFinder, withProjectBuild } from '../../common/projectConfig';
import { BuildTerminal, CommandOutcome, ProblemTerminal } from './buildRunner';
import { configuredDocker, dockerRunner } from './dockerCli';

/** What a build command was asked for; every field optional so that the palette can call it bare. */
export interface BuildArgs {
  uri?: vscode.Uri | string;
  tag?: string;
  target?: string;
}

export type BuildKind = 'image' | 'stage' | 'registryCache' | 'secrets';

export interface BuildRun {
  commands: PlannedCommand[];
  exitCode: number;
  summary: string;
}

/** The secrets a fix made the build need, as the server sends them after the fix is applied. */
interface RecordSecretsArgs {
  uri: string;
  secrets: { id: string; source: SecretSource }[];
}

/** A `layerlens-build` task as users write it in tasks.json. */
interface BuildTaskDefinition extends vscode.TaskDefinition {
  dockerfile: string;
  context?: string;
  tag?: string;
  target?: string;
  buildArgs?: Record<string, string>;
  secrets?: Record<string, SecretSource>;
  cacheFrom?: string[];
  cacheTo?: string;
  platform?: string;
  push?: boolean;
}

const TAG_KEY = 'layerlens.buildImage.tag:';
const DOCKERFILE_GLOB = '**/{Dockerfile,Dockerfile.*,*.Dockerfile,*.dockerfile,Containerfile,Containerfile.*}';
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const TITLES: Record<BuildKind, string> = {
  image: 'Build Image',
  stage: 'Build Stage',
  registryCache: 'Build with Registry Cache',
  secrets: 'Build with Secrets',
};

class Cancelled extends Error {}

const UNTRUSTED =
  "builds are off in an untrusted workspace: they would run docker on this workspace's files. Trust the workspace (Manage Workspace Trust) to build.";

/**
 * The build commands: each composes its docker commands with the shared build plan, runs them in
 * a task terminal (argv, no shell), and brings the result back onto the Dockerfile: each step's
 * last result beside its line, a failure as a diagnostic, the summary in the status bar.
 */
export class Builds implements vscode.Disposable {
  private engine: Promise<EngineChoice> | undefined;
  private readonly status = vscode.window.createStatusBarItem('layerlens.build', vscode.StatusBarAlignment.Left, 10);
  private readonly output = vscode.window.createOutputChannel('Layerlens Builds');
  private readonly failures = vscode.languages.createDiagnosticCollection('layerlens-build');
  private readonly decoration = vscode.window.createTextEditorDecorationType({
    after: { margin: '0 0 0 2em', color: new vscode.ThemeColor('editorCodeLens.foreground'), fontStyle: 'italic' },
  });
  /** The last build's result per line, per Dockerfile, until the file is edited. */
  private readonly results = new Map<string, BuildLineResult[]>();
  /** The last build's layer sizes per Dockerfile, as the server put them on lines. */
  private readonly layers = new Map<string, ImageLayersResult>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly client: LanguageClient,
  ) {
    this.status.name = 'Layerlens build';
    this.disposables.push(
      this.status,
      this.output,
      this.failures,
      this.decoration,
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (
          e.affectsConfiguration('layerlens.docker.path') ||
          e.affectsConfiguration('layerlens.build.engine') ||
          e.affectsConfiguration('layerlens.build.builder')
        )
          this.engine = undefined;
      }),
      vscode.window.onDidChangeVisibleTextEditors(() => this.decorate()),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0 && this.results.delete(e.document.uri.toString())) this.decorate();
      }),
      vscode.tasks.registerTaskProvider(BUILD_TASK_TYPE, {
        provideTasks: () => [],
        resolveTask: (task) => this.resolveTask(task),
      }),
    );
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  registerCommands(): vscode.Disposable[] {
    const build = (kind: BuildKind) => (args?: BuildArgs | vscode.Uri) =>
      this.build(kind, args instanceof vscode.Uri ? { uri: args } : (args ?? {}));
    return [
      vscode.commands.registerCommand(COMMANDS.buildImage, build('image')),
      vscode.commands.registerCommand(COMMANDS.buildStage, build('stage')),
      vscode.commands.registerCommand(COMMANDS.buildWithRegistryCache, build('registryCache')),
      vscode.commands.registerCommand(COMMANDS.buildWithSecrets, build('secrets')),
      vscode.commands.registerCommand(COMMANDS.showBuildCommand, (args?: BuildArgs & { kind?: BuildKind }) =>
        this.show(args ?? {}, 'lines'),
      ),
      vscode.commands.registerCommand(COMMANDS.copyBuildScript, (args?: BuildArgs & { kind?: BuildKind }) =>
        this.show(args ?? {}, 'script'),
      ),
      vscode.commands.registerCommand(COMMANDS.recordSecrets, (args: RecordSecretsArgs) => this.recordSecrets(args)),
    ];
  }

  /**
   * Run after an "Add secret mount" fix: where the new secret comes from (the variable that held
   * it, the file that was copied) goes into `layerlens.build.secrets`, so that the next build passes
   * `--secret` without asking. An id already configured is left as the user set it.
   */
  private async recordSecrets({ uri, secrets }: RecordSecretsArgs): Promise<string | undefined> {
    const dockerfile = vscode.Uri.parse(uri);
    const known = normalizeBuildSettings(vscode.workspace.getConfiguration('layerlens', dockerfile).get('build')).secrets;
    const added = secrets.filter((s) => !known[s.id]);
    if (added.length === 0) return undefined;
    const settingsFile = await this.saveSecrets(dockerfile, added);
    const described = added
      .map(({ id, source }) => `"${id}" from ${'src' in source ? `the file ${source.src}` : `$${source.env}`}`)
      .join(', ');
    // A settings file changed by a fix is said, with where it is: nothing is written behind the user's back.
    const where = settingsFile ? vscode.workspace.asRelativePath(settingsFile) : 'your user settings';
    const message = `Layerlens: builds now pass the secret ${described}, recorded as layerlens.build.secrets in ${where}.`;
    void vscode.window.showInformationMessage(message, 'Open Settings').then((choice) => {
      if (!choice) return;
      if (settingsFile) void vscode.window.showTextDocument(settingsFile);
      else void vscode.commands.executeCommand('workbench.action.openSettingsJson');
    });
    return message;
  }

  /**
   * Adds secret sources to `layerlens.build.secrets` of the Dockerfile's workspace folder (the user's
   * settings outside one); answers the folder's settings file it wrote, if it wrote one.
   */
  private async saveSecrets(
    dockerfile: vscode.Uri,
    added: readonly { id: string; source: SecretSource }[],
  ): Promise<vscode.Uri | undefined> {
    const folder = vscode.workspace.getWorkspaceFolder(dockerfile);
    const configuration = vscode.workspace.getConfiguration('layerlens', dockerfile);
    const values = configuration.inspect<Record<string, SecretSource>>('build.secrets');
    const current = { ...((folder ? values?.workspaceFolderValue : values?.globalValue) ?? {}) };
    for (const { id, source } of added) current[id] = source;
    await configuration.update(
      'build.secrets',
      current,
      folder ? vscode.ConfigurationTarget.WorkspaceFolder : vscode.ConfigurationTarget.Global,
    );
    return folder && vscode.Uri.joinPath(folder.uri, '.vscode', 'settings.json');
  }

  /** Runs one of the build commands; answers what it ran, for the tests and for other extensions. */
  async build(kind: BuildKind, args: BuildArgs): Promise<BuildRun | undefined> {
    this.lastProblem = undefined;
    try {
      const { dockerfile, commands, target } = await this.plan(kind, args, true);
      return await this.run(dockerfile, commands, TITLES[kind], target);
    } catch (error) {
      this.report(error);
      return undefined;
    }
  }

  /** Show Build Command / Copy as Script: the same plan, as text for a CI script. */
  private async show(args: BuildArgs & { kind?: BuildKind }, form: 'lines' | 'script'): Promise<string | undefined> {
    try {
      const kind = args.kind ?? (await this.pickKind());
      const { dockerfile, commands, assumed } = await this.plan(kind, args, false);
      const origin = `${TITLES[kind]} of ${vscode.workspace.asRelativePath(dockerfile)}, as Layerlens runs it${assumed ? ` (${assumed})` : ''}`;
      const script = buildScript(commands, origin);
      if (form === 'script') {
        await vscode.env.clipboard.writeText(script);
        void vscode.window.showInformationMessage(
          `Layerlens: the build script (${commands.length} command${commands.length === 1 ? '' : 's'}) is on the clipboard.`,
        );
        return script;
      }
      const lines = commands.map((c) => commandLine(c, shellKindOf(vscode.env.shell, process.platform)));
      this.output.appendLine(`# ${TITLES[kind]}: ${vscode.workspace.asRelativePath(dockerfile)}`);
      if (assumed) this.output.appendLine(`# ${assumed}`);
      for (const line of lines) this.output.appendLine(line);
      this.output.appendLine('');
      this.output.show(true);
      void vscode.window
        .showInformationMessage('Layerlens: the build commands are in the "Layerlens Builds" output.', 'Copy as Script')
        .then((choice) => {
          if (choice) void vscode.env.clipboard.writeText(script);
        });
      return lines.join('\n');
    } catch (error) {
      this.report(error);
      return undefined;
    }
  }

  /** Why the last build command did not start, if it did not. */
  lastProblem: string | undefined;

  private report(error: unknown): void {
    if (error instanceof Cancelled) return;
    const message = error instanceof Error ? error.message : String(error);
    this.lastProblem = message;
    void vscode.window.showErrorMessage(`Layerlens: ${message}`);
  }

  private async pickKind(): Promise<BuildKind> {
    const picked = await vscode.window.showQuickPick(
      (Object.keys(TITLES) as BuildKind[]).map((build) => ({ label: TITLES[build], build })),
      { title: 'Layerlens: Show Build Command', placeHolder: 'Which build?' },
    );
    if (!picked) throw new Cancelled();
    return picked.build;
  }

  /** Everything a build needs, asked of the user only where settings and the Dockerfile do not say. */
  private async plan(
    kind: BuildKind,
    args: BuildArgs,
    forRunning: boolean,
  ): Promise<{ dockerfile: vscode.Uri; commands: PlannedCommand[]; target?: string; assumed?: string }> {
    if (forRunning && !vscode.workspace.isTrusted) throw new Error(UNTRUSTED);
    const dockerfile = await this.pickDockerfile(args);
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === dockerfile.toString());
    // The build reads the file from disk: unsaved edits would silently not be built.
    if (forRunning && document?.isDirty) await document.save();
    const text = document?.getText() ?? Buffer.from(await vscode.workspace.fs.readFile(dockerfile)).toString('utf8');
    const inputs = await this.client.sendRequest(BUILD_INPUTS, { uri: dockerfile.toString(), text });
    if (!inputs) throw new Error(`${vscode.workspace.asRelativePath(dockerfile)} could not be read.`);
    const target = kind === 'stage' ? (args.target ?? (await this.pickStage(inputs))) : args.target;
    const tag = await this.pickTag(dockerfile, args.tag);
    // The `.layerlens.json` above the Dockerfile gives what the editor's settings leave unset, as it
    // does for `layerlens build`; one that is not valid JSON stops the build with what is wrong.
    const projects = new ConfigFinder((file) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined));
    const project = projects.configOf(dockerfile.fsPath);
    const settings = vscode.workspace.getConfiguration('layerlens', dockerfile);
    const build = withProjectBuild(normalizeBuildSettings(settings.get('build')), project?.build);
    const secrets = await this.secretsFor(dockerfile, inputs, build.secrets, kind === 'secrets');
    const docker = configuredDocker();
    const probed = await this.engineChoice();
    if ('problem' in probed && forRunning) throw new Error(probed.problem);
    // Commands to read or copy need no daemon: without an answer from docker they are written for the engine
    // the settings imply, and say so.
    const choice = 'problem' in probed ? { engine: assumedEngine(build.engine), driver: undefined, imageStore: undefined } : probed;
    const assumed =
      'problem' in probed
        ? `assuming ${choice.engine === 'buildx' ? 'docker buildx' : 'DOCKER_BUILDKIT=1 docker build'}: ${probed.problem}`
        : undefined;
    const cache: CacheMode = kind === 'registryCache' ? build.cache : 'none';
    const options: BuildOptions = {
      docker,
      engine: choice.engine,
      driver: choice.driver,
      imageStore: choice.imageStore,
      builder: build.builder || undefined,
      dockerfile: dockerfile.fsPath,
      context: projects.contextFor(dockerfile.fsPath) ?? path.dirname(dockerfile.fsPath),
      image: tag,
      target,
      buildArgs: { ...project?.settings.build.args, ...settings.get<Record<string, string>>('build.args') },
      platform: build.platform || undefined,
      secrets,
      cache,
      push: kind === 'registryCache' && build.push,
      progress: 'plain',
    };
    return { dockerfile, commands: planBuild(inputs, options), target, assumed };
  }

  /** Which CLI builds run with, found once per session and again when a setting that decides it changes. */
  private engineChoice(): Promise<EngineChoice> {
    // Probing runs docker, which an untrusted workspace must not get to do.
    if (!vscode.workspace.isTrusted) return Promise.resolve({ problem: UNTRUSTED });
    if (!this.engine) {
      const build = normalizeBuildSettings(vscode.workspace.getConfiguration('layerlens').get('build'));
      const docker = configuredDocker();
      this.engine = probeDocker(dockerRunner(docker), build.builder).then((probe) => chooseEngine(probe, build.engine, docker));
      // A problem may be fixed outside VS Code (the daemon started): ask again next time.
      void this.engine.then((choice) => {
        if ('problem' in choice) this.engine = undefined;
      });
    }
    return this.engine;
  }

  private async pickDockerfile(args: BuildArgs): Promise<vscode.Uri> {
    if (args.uri) return typeof args.uri === 'string' ? vscode.Uri.parse(args.uri) : args.uri;
    const active = vscode.window.activeTextEditor?.document;
    if (active?.languageId === 'dockerfile' && active.uri.scheme === 'file') return active.uri;
    const found = await vscode.workspace.findFiles(DOCKERFILE_GLOB, '**/node_modules/**', 200);
    if (found.length === 0) throw new Error('no Dockerfile is open and none was found in the workspace.');
    if (found.length === 1) return found[0];
    const picked = await vscode.window.showQuickPick(
      found.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri })),
      { title: 'Layerlens: Build', placeHolder: 'Which Dockerfile?' },
    );
    if (!picked) throw new Cancelled();
    return picked.uri;
  }

  private async pickStage(inputs: BuildInputs): Promise<string> {
    const named = inputs.stages.filter((s) => s.name);
    if (named.length === 0) throw new Error('this Dockerfile has no named stage to build: name one with FROM … AS name.');
    const picked = await vscode.window.showQuickPick(
      named.map((s) => ({
        label: s.name as string,
        description: `line ${s.line + 1}`,
        detail: inputs.cacheStages.includes(s.name as string) ? 'the final stage uses it' : undefined,
      })),
      { title: 'Layerlens: Build Stage', placeHolder: 'Which stage (--target)?' },
    );
    if (!picked) throw new Cancelled();
    return picked.label;
  }

  private async pickTag(dockerfile: vscode.Uri, given: string | undefined): Promise<string> {
    const key = TAG_KEY + dockerfile.toString();
    const remembered = this.context.workspaceState.get<string>(key);
    const tag =
      given ??
      remembered ??
      (await vscode.window.showInputBox({
        title: 'Layerlens: Build',
        prompt: 'Image name and tag (remembered for this Dockerfile)',
        value: defaultImageName(path.basename(path.dirname(dockerfile.fsPath))),
        // The plan's own check, so that the box refuses exactly what the build would.
        validateInput: (value) => {
          try {
            splitImage(value);
            return undefined;
          } catch (error) {
            return (error as Error).message;
          }
        },
      }));
    if (tag === undefined) throw new Cancelled();
    if (tag !== remembered) await this.context.workspaceState.update(key, tag);
    return tag;
  }

  /**
   * The sources of the secrets the Dockerfile mounts, from `layerlens.build.secrets` over those of
   * `.layerlens.json` (`configured`). A missing one
   * is asked for (as a file or a variable name, never a value) when asked to, or when the mount is
   * required and the build would fail without it; the answer is saved in the workspace settings.
   */
  private async secretsFor(
    dockerfile: vscode.Uri,
    inputs: BuildInputs,
    configured: Record<string, SecretSource>,
    askAll: boolean,
  ): Promise<Record<string, SecretSource>> {
    const secrets: Record<string, SecretSource> = {};
    for (const secret of inputs.secrets) {
      const known = configured[secret.id];
      if (known) {
        secrets[secret.id] = known;
        continue;
      }
      if (!askAll && !secret.required) continue;
      const source = await this.askSecret(secret.id, secret.required, secret.line);
      await this.saveSecrets(dockerfile, [{ id: secret.id, source }]);
      secrets[secret.id] = source;
    }
    // Relative files are the Dockerfile's neighbours, as in .layerlens.json for `layerlens build`.
    return resolveSecretFiles(secrets, path.dirname(dockerfile.fsPath));
  }

  private async askSecret(id: string, required: boolean, line: number): Promise<SecretSource> {
    const title = `Layerlens: the secret "${id}" (line ${line + 1}${required ? ', required' : ''})`;
    const how = await vscode.window.showQuickPick(
      [
        { label: 'From a file…', source: 'src' as const },
        { label: 'From an environment variable…', source: 'env' as const },
      ],
      { title, placeHolder: 'Where does the build read it from? (Its value is never asked for.)' },
    );
    if (!how) throw new Cancelled();
    if (how.source === 'env') {
      const name = await vscode.window.showInputBox({
        title,
        prompt: 'The name of the environment variable that holds it',
        validateInput: (v) => (ENV_NAME.test(v) ? undefined : 'A variable name, such as NPM_TOKEN'),
      });
      if (!name) throw new Cancelled();
      return { env: name };
    }
    const [file] = (await vscode.window.showOpenDialog({ title, canSelectMany: false, openLabel: 'Use this file' })) ?? [];
    if (!file) throw new Cancelled();
    return { src: file.fsPath };
  }

  /** Runs the commands in one task terminal and waits for the end; the terminal stays for the user. */
  private async run(dockerfile: vscode.Uri, commands: PlannedCommand[], title: string, target: string | undefined): Promise<BuildRun> {
    const terminal = this.terminalFor(dockerfile, commands, target);
    const folder = vscode.workspace.getWorkspaceFolder(dockerfile);
    const task = new vscode.Task(
      { type: BUILD_TASK_TYPE, dockerfile: dockerfile.fsPath },
      folder ?? vscode.TaskScope.Workspace,
      `${title}: ${vscode.workspace.asRelativePath(dockerfile)}`,
      'Layerlens',
      new vscode.CustomExecution(async () => terminal),
    );
    task.presentationOptions = { reveal: vscode.TaskRevealKind.Always, panel: vscode.TaskPanelKind.Dedicated, clear: true };
    await vscode.tasks.executeTask(task);
    const outcomes = await terminal.done;
    const steps = outcomes.flatMap((o) => o.steps);
    const failed = outcomes.find((o) => o.exitCode !== 0);
    const summary = describeSummary(
      summarize(steps),
      outcomes.reduce((t, o) => t + o.seconds, 0),
    );
    return { commands, exitCode: failed?.exitCode ?? 0, summary };
  }

  private terminalFor(dockerfile: vscode.Uri, commands: readonly PlannedCommand[], target: string | undefined): BuildTerminal {
    const uri = dockerfile.toString();
    const image = commands.at(-1)?.title ?? 'image';
    const started = Date.now();
    const seen: BuildStep[] = [];
    this.failures.delete(dockerfile);
    this.status.text = `$(sync~spin) Layerlens: ${image}`;
    this.status.tooltip = 'A Layerlens build is running in the terminal';
    this.status.show();
    // The forecast compares later edits with what this build is made of.
    const buildArgs = vscode.workspace.getConfiguration('layerlens', dockerfile).get<Record<string, string>>('build.args') ?? {};
    void this.client.sendNotification(BUILD_STARTED, { uri, buildArgs, target });
    return new BuildTerminal(commands, path.dirname(dockerfile.fsPath), {
      onStep: (command, step, position, of) => {
        if (step.status === 'running')
          this.status.text = `$(sync~spin) Layerlens: ${of > 1 ? `${position + 1}/${of} ` : ''}${command.title}: ${step.stage ? `${step.stage} ` : ''}step ${step.index}/${step.total}`;
      },
      onCommandEnd: async (outcome: CommandOutcome) => {
        seen.push(...outcome.steps);
        const lines = await this.client.sendRequest(BUILD_RESULTS, { uri, steps: outcome.steps });
        this.results.set(uri, lines);
        this.decorate();
        const failures = lines.filter((l) => l.status === 'failed');
        if (failures.length > 0) {
          this.failures.set(
            dockerfile,
            failures.map((f) =>
              Object.assign(
                new vscode.Diagnostic(
                  new vscode.Range(f.line, 0, f.line, Number.MAX_SAFE_INTEGER),
                  `The build ${f.text}`,
                  vscode.DiagnosticSeverity.Error,
                ),
                { source: 'BuildKit' },
              ),
            ),
          );
        }
        const summary = describeSummary(summarize(seen), (Date.now() - started) / 1000);
        this.status.text =
          outcome.exitCode === 0 ? `$(check) Layerlens: ${summary}` : `$(error) Layerlens: ${outcome.command.title} failed; ${summary}`;
        this.status.tooltip = `Last build of ${vscode.workspace.asRelativePath(dockerfile)}`;
        if (outcome.exitCode === 0 && outcome.command === commands.at(-1)) await this.measureLayers(uri, commands, target);
      },
    });
  }

  /**
   * After a build that succeeded, the sizes of the image's layers from the engine go to the server,
   * which puts them on their lines; the image's size joins the status bar. An image the build did
   * not leave in the local store (pushed only) has no history here, and nothing is shown.
   */
  private async measureLayers(uri: string, commands: readonly PlannedCommand[], target: string | undefined): Promise<void> {
    const image = builtImage(commands);
    if (!image) return;
    const history = await dockerRunner(configuredDocker())(imageHistoryArgs(image));
    const rows = history.code === 0 ? readImageHistory(history.stdout) : [];
    if (rows.length === 0) {
      this.output.appendLine(
        `# No layer sizes for ${image}: ${history.notStarted ?? (history.stderr.trim() || 'docker listed no history')}`,
      );
      return;
    }
    const measured = await this.client.sendRequest(IMAGE_LAYERS, { uri, target, rows });
    this.layers.set(uri, measured);
    this.status.text = `${this.status.text} · image ${measured.image}`;
  }

  private decorate(): void {
    for (const editor of vscode.window.visibleTextEditors) {
      const lines = this.results.get(editor.document.uri.toString()) ?? [];
      editor.setDecorations(
        this.decoration,
        lines
          .filter((l) => l.line < editor.document.lineCount)
          .map((l) => ({
            range: new vscode.Range(l.line, Number.MAX_SAFE_INTEGER, l.line, Number.MAX_SAFE_INTEGER),
            renderOptions: {
              after: {
                contentText: `last build: ${l.text}`,
                ...(l.status === 'failed' ? { color: new vscode.ThemeColor('errorForeground') } : {}),
              },
            },
          })),
      );
    }
  }

  /** What the status bar says about the running or last build. */
  get statusText(): string {
    return this.status.text;
  }

  /** The last build's layer sizes as the server put them on lines, for the tests. */
  layersOf(uri: vscode.Uri): ImageLayersResult | undefined {
    return this.layers.get(uri.toString());
  }

  /** The last build's results shown on each line of a Dockerfile, for the tests. */
  decorationsOf(uri: vscode.Uri): BuildLineResult[] {
    return this.results.get(uri.toString()) ?? [];
  }

  /** A `layerlens-build` task from tasks.json: the same plan and terminal as the commands. */
  private async resolveTask(task: vscode.Task): Promise<vscode.Task | undefined> {
    const definition = task.definition as BuildTaskDefinition;
    if (!definition.dockerfile) return undefined;
    const folder = typeof task.scope === 'object' ? task.scope.uri.fsPath : (vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '');
    const dockerfile = vscode.Uri.file(path.resolve(folder, definition.dockerfile));
    const execution = new vscode.CustomExecution(async () => {
      const text = Buffer.from(await vscode.workspace.fs.readFile(dockerfile)).toString('utf8');
      const inputs = await this.client.sendRequest(BUILD_INPUTS, { uri: dockerfile.toString(), text });
      const choice = await this.engineChoice();
      const fail = (message: string) => new ProblemTerminal(message);
      if (!inputs) return fail(`${definition.dockerfile} could not be read`);
      if ('problem' in choice) return fail(choice.problem);
      try {
        const commands = planBuild(inputs, {
          docker: configuredDocker(),
          engine: choice.engine,
          driver: choice.driver,
          dockerfile: dockerfile.fsPath,
          context: path.resolve(folder, definition.context ?? path.dirname(definition.dockerfile)),
          image: definition.tag ?? defaultImageName(path.basename(path.dirname(dockerfile.fsPath))),
          target: definition.target,
          buildArgs: definition.buildArgs,
          secrets: resolveSecretFiles(definition.secrets ?? {}, folder),
          platform: definition.platform,
          push: definition.push,
          cacheFrom: definition.cacheFrom,
          cacheTo: definition.cacheTo,
          progress: 'plain',
        });
        return this.terminalFor(dockerfile, commands, definition.target);
      } catch (error) {
        return fail(error instanceof BuildPlanError ? error.message : String(error));
      }
    });
    return new vscode.Task(definition, task.scope ?? vscode.TaskScope.Workspace, task.name, 'Layerlens', execution);
  }
}
