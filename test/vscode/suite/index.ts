// Entry point named by extensionTestsPath: the extension host calls run() and exits 0 when it
// resolves, 1 when it rejects. LAYERLENS_VSCODE_SUITE picks the suite file (extension or vsix).
import * as fs from 'fs';
import * as path from 'path';
import * as util from 'util';
import Mocha from 'mocha';

// In a test run the workbench sends extension-host console output only to its log service,
// so the reporter's lines (and the tests' own console output) are also appended to the file
// that test/vscode/run.mjs streams.
const logFile = process.env.EXT_TEST_LOG_FILE;
if (logFile) {
  const tee =
    (original: (...a: unknown[]) => void) =>
    (...args: unknown[]) => {
      fs.appendFileSync(logFile, util.format(...args) + '\n');
      original(...args);
    };
  const base = Mocha.reporters.Base as unknown as { consoleLog: (...a: unknown[]) => void };
  base.consoleLog = tee(base.consoleLog);
  // The extension host's console accessors ignore plain assignment, so they are redefined.
  for (const k of ['log', 'info', 'warn', 'error'] as const) {
    Object.defineProperty(console, k, { configurable: true, writable: true, value: tee(console[k].bind(console)) });
  }
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 120_000, reporter: 'spec' });
  mocha.addFile(path.join(__dirname, `${process.env.LAYERLENS_VSCODE_SUITE ?? 'extension'}.test.js`));
  // LAYERLENS_VSCODE_GREP runs only the tests whose title matches: a loop over one test that failed once.
  if (process.env.LAYERLENS_VSCODE_GREP) mocha.grep(new RegExp(process.env.LAYERLENS_VSCODE_GREP));
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const stats = runner.stats ?? { passes: 0, failures, pending: 0 };
      console.log(`${stats.passes} passed, ${stats.failures} failed, ${stats.pending} skipped`);
      if (failures > 0) reject(new Error(`${failures} test(s) failed.`));
      else resolve();
    });
  });
}
