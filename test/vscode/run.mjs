// The VS Code tier: runs the mocha suites in test/vscode/suite inside a real VS Code extension
// host (the Node extension host of the VS Code server bundled in code-server), driven through
// its web workbench in Debian's headless Chromium, as ../shared/guide/vscode-host.md describes.
//
// Three passes:
//   dev        the built extension loaded as a development extension; suite extension.test.js
//   vsix       dist/layerlens.vsix installed with `code-server --install-extension`; suite vsix.test.js
//   untrusted  the development extension in a workspace that is not trusted (Restricted Mode), whose
//              settings name a builder, a platform and a docker executable; suite untrusted.test.js
//
// Usage: node test/vscode/run.mjs [dev|vsix|untrusted ...]   (default: all three)
// Env:   VSCODE_TEST_HOST_DIR  where test/hosts/install-vscode-host.sh put node/ and code-server/
//        LAYERLENS_DOCKER_HOST a BuildKit daemon for the Build Image test (passed to terminals as DOCKER_HOST)
//        TEST_TIMEOUT_MS       limit per pass (default 300000)   TEST_VERBOSE=1  workbench logs
//        KEEP_TEST_TMP=1       keep the temporary folders
// Prints `result: N passed, N failed, N skipped` for all passes; exit 0 only when all passed.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as util from 'node:util';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const hostDir = path.resolve(
  process.env.VSCODE_TEST_HOST_DIR ??
    path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'layerlens', 'vscode-test'),
);
const nodeBin = path.join(hostDir, 'node', 'bin', 'node');
const csEntry = path.join(hostDir, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const suiteDir = path.join(root, 'out', 'test', 'vscode', 'suite');
const timeoutMs = Number(process.env.TEST_TIMEOUT_MS ?? 300_000);
const verbose = process.env.TEST_VERBOSE === '1';
const keep = process.env.KEEP_TEST_TMP === '1';
const docker = process.env.LAYERLENS_DOCKER ?? (fs.existsSync('/usr/bin/docker') ? '/usr/bin/docker' : 'docker');

const freePort = () =>
  new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });

/**
 * The visible hover's text, the stage graph's boxes shown whole in any webview (each webview is a
 * frame of its own; the legend's samples are not counted), the editor's warning and error squiggles,
 * the Problems panel's text and the CodeLenses' titles.
 */
async function shown(page) {
  const hover = page.locator('.monaco-hover:visible').first();
  const hoverText = (await hover.count()) > 0 ? await hover.innerText() : null;
  let stageBoxes = 0;
  // A box counts when it lies wholly inside its webview: the graph is fitted to the panel, not cut off.
  const inView = () =>
    [...document.querySelectorAll('#canvas g.stage')].filter((g) => {
      const r = g.getBoundingClientRect();
      return r.width > 0 && r.left >= 0 && r.top >= 0 && r.right <= innerWidth && r.bottom <= innerHeight;
    }).length;
  for (const frame of page.frames()) stageBoxes += await frame.evaluate(inView).catch(() => 0);
  const squiggles = await page.locator('.squiggly-warning:visible, .squiggly-error:visible').count();
  const problems = page.locator('.markers-panel:visible').first();
  const problemsText = (await problems.count()) > 0 ? await problems.innerText() : null;
  const codeLenses = await page.locator('.codelens-decoration:visible').allInnerTexts();
  return { hoverText, stageBoxes, squiggles, problemsText, codeLenses };
}

/** Runs one pass: { code, why, counts }. Never leaves a process behind. */
async function runPass(mode) {
  let outcome = { code: 6, why: 'the pass did not start' };
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `layerlens-vscode-${mode}-`));
  const testLog = path.join(tmp, 'mocha.log');
  const serverLogPath = path.join(tmp, 'code-server.log');
  const extensionsDir = path.join(tmp, 'extensions');
  const workspace = path.join(tmp, 'Layerlens workspace');
  fs.cpSync(path.join(root, 'test', 'vscode', 'fixtures', 'workspace'), workspace, { recursive: true });
  let server;
  let browser;
  let printed = 0;
  let settle;
  const done = new Promise((resolve) => {
    settle = resolve;
  });

  const pump = () => {
    let text;
    try {
      text = fs.readFileSync(testLog, 'utf8');
    } catch {
      return;
    }
    if (text.length > printed) {
      process.stdout.write(text.slice(printed));
      printed = text.length;
    }
  };
  const pumpTimer = setInterval(pump, 200);

  // Screenshots of the real workbench, asked for by the suite (helpers.ts `screenshot`): it writes
  // NAME.request; this takes NAME.png and writes NAME.json with what the page showed then (the
  // visible hover's text, the stage boxes drawn in the stage graph's webview, the squiggles, the
  // Problems panel's text and the CodeLenses), so that the suite can check that the picture is of
  // what it meant. They are kept in test-results/ as artefacts.
  const shotsDir = path.join(root, 'test-results', 'screenshots', mode);
  fs.rmSync(shotsDir, { recursive: true, force: true });
  fs.mkdirSync(shotsDir, { recursive: true });
  let page;
  let shooting = false;
  const shoot = async () => {
    if (shooting || !page) return;
    shooting = true;
    try {
      for (const request of fs.readdirSync(shotsDir).filter((f) => f.endsWith('.request'))) {
        const name = request.slice(0, -'.request'.length);
        // What is on screen is read before and after the picture; only what both saw is reported.
        const before = await shown(page);
        await page.screenshot({ path: path.join(shotsDir, `${name}.png`) });
        const after = await shown(page);
        fs.writeFileSync(
          path.join(shotsDir, `${name}.json`),
          JSON.stringify({
            hoverText: before.hoverText === after.hoverText ? after.hoverText : null,
            stageBoxes: Math.min(before.stageBoxes, after.stageBoxes),
            squiggles: Math.min(before.squiggles, after.squiggles),
            problemsText: before.problemsText === after.problemsText ? after.problemsText : null,
            codeLenses: after.codeLenses.filter((lens) => before.codeLenses.includes(lens)),
          }),
        );
        fs.rmSync(path.join(shotsDir, request));
      }
    } catch (error) {
      console.error(`screenshot: ${error?.message ?? error}`);
    } finally {
      shooting = false;
    }
  };
  const shotTimer = setInterval(() => void shoot(), 200);
  const summary = () => {
    const line = (fs.existsSync(testLog) ? fs.readFileSync(testLog, 'utf8') : '')
      .split('\n')
      .filter((l) => /^\d+ passed, \d+ failed/.test(l))
      .pop();
    const [passed, failed, skipped] = line ? line.match(/\d+/g).map(Number) : [0, 0, 0];
    return { passed, failed, skipped, found: Boolean(line) };
  };
  const finish = (code, why) => settle({ code, why });
  const timer = setTimeout(() => finish(124, `the ${mode} pass timed out after ${timeoutMs} ms`), timeoutMs);

  try {
    const userDir = path.join(tmp, 'user-data', 'User');
    fs.mkdirSync(userDir, { recursive: true });
    fs.writeFileSync(
      path.join(userDir, 'settings.json'),
      JSON.stringify(
        {
          'extensions.autoCheckUpdates': false,
          'extensions.autoUpdate': false,
          'extensions.ignoreRecommendations': true,
          'telemetry.telemetryLevel': 'off',
          'update.mode': 'none',
          'workbench.startupEditor': 'none',
          'workbench.enableExperiments': false,
          'chat.disableAIFeatures': true,
          'git.enabled': false,
          // Workspace Trust is on only in the untrusted pass; there the folder opens in Restricted Mode without asking.
          ...(mode === 'untrusted'
            ? { 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.banner': 'never' }
            : {}),
        },
        null,
        2,
      ),
    );
    // A machine-scoped setting in a remote window (which code-server's is) comes from the
    // remote machine's settings, not the user's: that is where users set it too.
    const machineDir = path.join(tmp, 'user-data', 'Machine');
    fs.mkdirSync(machineDir, { recursive: true });
    fs.writeFileSync(path.join(machineDir, 'settings.json'), JSON.stringify({ 'layerlens.docker.path': docker }, null, 2));

    // The stand-in docker for the recorder tests, which point the machine's docker path at it (the
    // extension host's PATH is the login shell's, not this process's); it records each argv (NUL-separated, a blank record after each
    // call) and DOCKER_BUILDKIT, answers the probe like a 20.10 client with a running daemon, and
    // has buildx only while `<log>.buildx` exists.
    const recorderDir = path.join(tmp, 'recorder bin');
    const recorderLog = path.join(tmp, 'recorded-argv');
    fs.mkdirSync(recorderDir);
    fs.writeFileSync(
      path.join(recorderDir, 'docker'),
      [
        '#!/bin/sh',
        `log='${recorderLog.replace(/'/g, "'\\''")}'`,
        'for a in "$@"; do printf \'%s\\0\' "$a"; done >> "$log"',
        'printf \'%s\\0\' "BK=${DOCKER_BUILDKIT:-}" "" >> "$log"',
        'case "$1" in',
        '  version) echo \'{"Client":{"Version":"20.10.24"},"Server":{"Version":"20.10.24"}}\' ;;',
        '  buildx) [ -f "$log.buildx" ] || exit 1; [ "$2" = inspect ] && printf \'Name: kube\\nDriver: docker-container\\n\'; [ "$2" = version ] && echo \'github.com/docker/buildx v0.17.1\' ;;',
        'esac',
        'exit 0',
        '',
      ].join('\n'),
      { mode: 0o755 },
    );

    const env = {
      ...process.env,
      LAYERLENS_RECORDER: path.join(recorderDir, 'docker'),
      LAYERLENS_RECORDER_LOG: recorderLog,
      LAYERLENS_MACHINE_SETTINGS: path.join(machineDir, 'settings.json'),
      XDG_DATA_HOME: path.join(tmp, 'xdg-data'),
      XDG_CONFIG_HOME: path.join(tmp, 'xdg-config'),
      XDG_CACHE_HOME: path.join(tmp, 'xdg-cache'),
      EXT_TEST_LOG_FILE: testLog,
      EXTENSIONS_GALLERY: '{}',
      SHELL: process.env.SHELL ?? '/bin/bash',
      LAYERLENS_VSCODE_SUITE: mode === 'dev' ? 'extension' : mode,
      LAYERLENS_EXTENSIONS_DIR: extensionsDir,
      LAYERLENS_DOCKER: docker,
      LAYERLENS_SCREENSHOT_DIR: shotsDir,
      LAYERLENS_FIXTURE_WORKSPACE: workspace,
      ...(process.env.LAYERLENS_DOCKER_HOST ? { DOCKER_HOST: process.env.LAYERLENS_DOCKER_HOST } : {}),
    };

    if (mode === 'untrusted') {
      // Any process a command starts would be the recorder, and leave a log.
      fs.writeFileSync(
        path.join(machineDir, 'settings.json'),
        JSON.stringify({ 'layerlens.docker.path': env.LAYERLENS_RECORDER }, null, 2),
      );
      fs.mkdirSync(path.join(workspace, '.vscode'));
      fs.writeFileSync(
        path.join(workspace, '.vscode', 'settings.json'),
        JSON.stringify(
          {
            'layerlens.docker.path': path.join(workspace, 'evil-docker'),
            'layerlens.build.builder': 'workspace-builder',
            'layerlens.build.platform': 'workspace/platform',
            'layerlens.build.secrets': { token: { src: '/etc/shadow' } },
            'layerlens.buildkitChecks': true,
          },
          null,
          2,
        ),
      );
    }

    if (mode === 'vsix') {
      const vsix = path.join(root, 'dist', 'layerlens.vsix');
      if (!fs.existsSync(vsix)) return (outcome = { code: 3, why: `missing ${vsix} (npm run package)` });
      const installed = spawnSync(
        nodeBin,
        [csEntry, '--extensions-dir', extensionsDir, '--user-data-dir', path.join(tmp, 'user-data'), '--install-extension', vsix],
        { env, encoding: 'utf8' },
      );
      const listed = spawnSync(nodeBin, [csEntry, '--extensions-dir', extensionsDir, '--list-extensions', '--show-versions'], {
        env,
        encoding: 'utf8',
      });
      console.log(`code-server --install-extension: exit ${installed.status}; installed: ${listed.stdout.trim()}`);
      if (installed.status !== 0 || !/layerlens\.layerlens@/.test(listed.stdout))
        return (outcome = { code: 1, why: `--install-extension failed:\n${installed.stdout}${installed.stderr}` });
    }

    const port = await freePort();
    const authority = `127.0.0.1:${port}`;
    const base = `http://${authority}`;
    server = spawn(
      nodeBin,
      [
        csEntry,
        '--auth',
        'none',
        '--bind-addr',
        authority,
        '--disable-telemetry',
        '--disable-update-check',
        ...(mode === 'untrusted' ? [] : ['--disable-workspace-trust']),
        '--disable-getting-started-override',
        '--ignore-last-opened',
        '--user-data-dir',
        path.join(tmp, 'user-data'),
        '--extensions-dir',
        extensionsDir,
        '--config',
        path.join(tmp, 'config.yaml'),
        // A built workbench honours extensionDevelopmentPath/extensionTestsPath only with this flag.
        '--vscode-option',
        'enable-smoke-test-driver',
      ],
      { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
    );
    const serverLog = fs.createWriteStream(serverLogPath);
    server.stdout.pipe(serverLog);
    server.stderr.pipe(serverLog);
    server.on('exit', (code, signal) => {
      server.exited = true;
      finish(4, `code-server exited early (code ${code}, signal ${signal})`);
    });

    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${base}/healthz`)).ok) break;
      } catch {
        /* not up yet */
      }
      if (i > 600) return (outcome = { code: 4, why: 'code-server did not answer within 60 s' });
      await new Promise((r) => setTimeout(r, 100));
    }

    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('crash', () => finish(5, 'workbench page crashed'));
    if (verbose) page.on('console', (m) => console.error(`[console.${m.type()}] ${m.text()}`));
    page.on('request', (r) => {
      const u = r.url();
      if (!/^(https?|wss?):\/\/127\.0\.0\.1[:/]|^(data|blob|vscode-[a-z-]+):/.test(u)) console.error(`[off-host request] ${u}`);
    });
    await page.exposeFunction('codeAutomationLog', (type, logArgs) => {
      if (verbose) console.error(`[workbench ${type}] ${util.format(...(logArgs ?? []))}`);
    });
    await page.exposeFunction('codeAutomationExit', (code) => finish(code === 0 ? 0 : 1));

    const remote = (p) => `vscode-remote://${authority}${p}`;
    const developmentPath = mode === 'vsix' ? path.join(root, 'test', 'vscode', 'probe') : root;
    const payload = [
      ['extensionDevelopmentPath', remote(developmentPath)],
      ['extensionTestsPath', remote(path.join(suiteDir, 'index'))],
      ['skipWelcome', 'true'],
      ['skipReleaseNotes', 'true'],
    ];
    // LAYERLENS_VSCODE_EMPTY_FOLDER=1 opens a folder without a Dockerfile (the fixtures stay where the
    // suite finds them): the extension then starts only when a Dockerfile is opened, its cold path.
    const folder = process.env.LAYERLENS_VSCODE_EMPTY_FOLDER === '1' ? fs.mkdtempSync(path.join(tmp, 'empty folder-')) : workspace;
    await page.goto(`${base}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    outcome = await done;
    // The README shows pictures of the development pass (docs/screenshots/): each is replaced by
    // every run that passes, so that none is older than the extension it shows.
    if (mode === 'dev' && outcome.code === 0) {
      const readmeShots = path.join(root, 'docs', 'screenshots');
      for (const picture of fs.readdirSync(readmeShots)) fs.copyFileSync(path.join(shotsDir, picture), path.join(readmeShots, picture));
    }
    return outcome;
  } catch (error) {
    outcome = { code: 6, why: `driver error: ${error?.stack ?? error}` };
    return outcome;
  } finally {
    clearTimeout(timer);
    clearInterval(pumpTimer);
    clearInterval(shotTimer);
    pump();
    try {
      await browser?.close();
    } catch {
      /* already gone */
    }
    if (server && !server.exited) {
      // Stop its whole process group (server, extension host, pty host), SIGKILL after 10 s.
      // The early-exit listener would report a failure for this deliberate stop.
      server.removeAllListeners('exit');
      const exited = new Promise((r) => server.once('exit', r));
      try {
        process.kill(-server.pid, 'SIGTERM');
      } catch {
        /* gone */
      }
      const kill = setTimeout(() => {
        try {
          process.kill(-server.pid, 'SIGKILL');
        } catch {
          /* gone */
        }
      }, 10_000);
      await exited;
      clearTimeout(kill);
    }
    outcome.counts = summary();
    if (outcome.code !== 0 && outcome.code !== 1) {
      try {
        console.error('--- code-server log (tail) ---\n' + fs.readFileSync(serverLogPath, 'utf8').split('\n').slice(-40).join('\n'));
      } catch {
        /* no log */
      }
    }
    if (keep) console.error(`kept ${tmp}`);
    else fs.rmSync(tmp, { recursive: true, force: true });
  }
}

async function main() {
  for (const p of [nodeBin, csEntry, path.join(suiteDir, 'index.js')]) {
    if (!fs.existsSync(p)) {
      console.error(`missing ${p} (run test/hosts/install-vscode-host.sh and the build first)`);
      process.exitCode = 3;
      return;
    }
  }
  const modes = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['dev', 'vsix', 'untrusted'];
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  let exitCode = 0;
  for (const mode of modes) {
    console.log(`\n== VS Code tier, ${mode} pass ==`);
    const { code, why, counts } = await runPass(mode);
    if (why) console.error(why);
    passed += counts.passed;
    skipped += counts.skipped;
    // A pass that ended without a summary counts as one failure, so it can never look green.
    failed += counts.failed + (code !== 0 && counts.failed === 0 ? 1 : 0);
    if (code === 0 && !counts.found) {
      failed += 1;
      console.error(`the ${mode} pass exited 0 but wrote no test summary`);
    }
    if (code !== 0 || !counts.found) exitCode = 1;
  }
  console.log(`result: ${passed} passed, ${failed} failed, ${skipped} skipped`);
  // Exit once stdout has drained; a pipe loses what process.exit() cuts off.
  process.exitCode = exitCode;
}

process.on('SIGINT', () => process.exit(130));
main();
