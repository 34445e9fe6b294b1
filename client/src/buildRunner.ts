import { spawn, ChildProcess } from 'child_process';
import * as vscode from 'vscode';
import { BuildProgress, BuildStep } from '../../common/buildProgress';
import { commandLine, PlannedCommand } from '../../common/buildPlan';

export interface CommandOutcome {
  command: PlannedCommand;
  exitCode: number;
  steps: BuildStep[];
  seconds: number;
}

export interface RunListener {
  /** A step started or finished in the command running now. */
  onStep(command: PlannedCommand, step: BuildStep, position: number, of: number): void;
  onCommandEnd(outcome: CommandOutcome): void | Promise<void>;
}

/**
 * The terminal of a build: it starts each planned command itself, with its argv and no shell in
 * between, so that no tag, path or build-arg value is ever read by a shell; shows the output as
 * it streams; reads BuildKit's progress from it; and stops at the first command that fails.
 * Ctrl+C in the terminal stops the running command.
 */
export class BuildTerminal implements vscode.Pseudoterminal {
  private readonly writer = new vscode.EventEmitter<string>();
  private readonly closer = new vscode.EventEmitter<number>();
  readonly onDidWrite = this.writer.event;
  readonly onDidClose = this.closer.event;
  private child: ChildProcess | undefined;
  private stopped = false;
  private resolveDone!: (outcomes: CommandOutcome[]) => void;
  /** Every command's outcome, once the run is over (stopped at the first failure). */
  readonly done = new Promise<CommandOutcome[]>((resolve) => {
    this.resolveDone = resolve;
  });

  constructor(
    private readonly commands: readonly PlannedCommand[],
    private readonly cwd: string,
    private readonly listener: RunListener,
  ) {}

  open(): void {
    void this.runAll();
  }

  close(): void {
    this.stop();
  }

  handleInput(data: string): void {
    if (data === '\x03') this.stop();
  }

  private stop(): void {
    this.stopped = true;
    this.child?.kill('SIGINT');
  }

  private write(text: string): void {
    this.writer.fire(text.replace(/\r?\n/g, '\r\n'));
  }

  private async runAll(): Promise<void> {
    const outcomes: CommandOutcome[] = [];
    for (const [position, command] of this.commands.entries()) {
      if (this.stopped) break;
      this.write(`\x1b[1m▶ ${command.title}\x1b[0m\n$ ${commandLine(command)}\n`);
      const outcome = await this.runOne(command, position);
      outcomes.push(outcome);
      await this.listener.onCommandEnd(outcome);
      if (outcome.exitCode !== 0) {
        this.write(
          `\x1b[31m✖ ${command.title} failed (exit code ${outcome.exitCode})${position < this.commands.length - 1 ? '; the commands after it were not run' : ''}.\x1b[0m\n`,
        );
        break;
      }
      this.write(`\x1b[32m✔ ${command.title} (${outcome.seconds.toFixed(1)} s)\x1b[0m\n\n`);
    }
    this.resolveDone(outcomes);
    const failed = outcomes.find((o) => o.exitCode !== 0);
    // The task system keeps the terminal and its output open after this, and gets the exit code.
    this.closer.fire(failed?.exitCode ?? 0);
  }

  private runOne(command: PlannedCommand, position: number): Promise<CommandOutcome> {
    const progress = new BuildProgress();
    const started = Date.now();
    return new Promise((resolve) => {
      const [program, ...args] = command.argv;
      const child = spawn(program, args, { cwd: this.cwd, env: { ...process.env, ...command.env, ...command.hiddenEnv }, shell: false });
      this.child = child;
      const read = (chunk: Buffer) => {
        const text = chunk.toString('utf8');
        this.write(text);
        for (const step of progress.push(text)) this.listener.onStep(command, step, position, this.commands.length);
      };
      child.stdout?.on('data', read);
      child.stderr?.on('data', read);
      let finished = false;
      // A program that cannot be started reports both an error and a close.
      const finish = (exitCode: number) => {
        if (finished) return;
        finished = true;
        this.child = undefined;
        for (const step of progress.end()) this.listener.onStep(command, step, position, this.commands.length);
        resolve({ command, exitCode, steps: progress.steps, seconds: (Date.now() - started) / 1000 });
      };
      child.on('error', (error) => {
        this.write(`\x1b[31m${error.message}\x1b[0m\n`);
        finish(127);
      });
      child.on('close', (code, signal) => finish(code ?? (signal ? 130 : 1)));
    });
  }
}

/** The terminal of a task that cannot start (no daemon, a bad definition): it says why and fails. */
export class ProblemTerminal implements vscode.Pseudoterminal {
  private readonly writer = new vscode.EventEmitter<string>();
  private readonly closer = new vscode.EventEmitter<number>();
  readonly onDidWrite = this.writer.event;
  readonly onDidClose = this.closer.event;

  constructor(private readonly problem: string) {}

  open(): void {
    this.writer.fire(`\x1b[31mLayerlens: ${this.problem}\x1b[0m\r\n`);
    this.closer.fire(1);
  }

  close(): void {
    // Nothing runs, so there is nothing to stop.
  }
}
