import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { repoRoot } from '../support/env';

const VERSION = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).version as string;

/** The initialize answer of a language server started as a user's editor starts it: a command, over stdio. */
function initialize(command: string): Promise<{ serverInfo?: { name: string; version: string } }> {
  return new Promise((resolve, reject) => {
    const server = spawn(command, ['--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const message = JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { processId: null, rootUri: null, capabilities: {} },
    });
    let received = '';
    server.stdout.on('data', (chunk: Buffer) => {
      received += chunk.toString('utf8');
      const body = received.indexOf('\r\n\r\n');
      if (body < 0) return;
      const length = Number(/Content-Length: (\d+)/.exec(received)?.[1]);
      if (received.length < body + 4 + length) return;
      server.kill();
      resolve(
        (JSON.parse(received.slice(body + 4, body + 4 + length)) as { result: { serverInfo?: { name: string; version: string } } }).result,
      );
    });
    server.on('error', reject);
    server.stdin.write(`Content-Length: ${Buffer.byteLength(message)}\r\n\r\n${message}`);
  });
}

test('npm package: the tarball holds the two commands and the rule pages, installs offline into an empty prefix, and both commands work', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlens-npm-'));
  try {
    const packed = spawnSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: repoRoot, encoding: 'utf8' });
    assert.equal(packed.status, 0, packed.stderr);
    const [tarball] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
    const shipped = tarball.files.map((f) => f.path).sort();
    const pages = fs.readdirSync(path.join(repoRoot, 'docs', 'rules')).map((f) => `docs/rules/${f}`);
    assert.deepEqual(
      shipped,
      ['LICENSE', 'README.md', 'dist/cli.js', 'dist/server-bundle.js', 'dist/server.js', ...pages, 'package.json'].sort(),
      'the bundles, the rule pages and what npm always adds',
    );

    // Offline: every dependency is bundled into the two commands, so nothing is fetched.
    const prefix = path.join(dir, 'prefix');
    const installed = spawnSync(
      'npm',
      ['install', '--global', '--offline', '--no-audit', '--no-fund', '--prefix', prefix, path.join(dir, tarball.filename)],
      { encoding: 'utf8' },
    );
    assert.equal(installed.status, 0, `${installed.stdout}${installed.stderr}`);
    const bin = (name: string) => path.join(prefix, 'bin', name);

    assert.equal(spawnSync(bin('layerlens'), ['--version'], { encoding: 'utf8' }).stdout, `${VERSION}\n`);
    fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM alpine\nARG API_TOKEN\nRUN curl -H "x: $API_TOKEN" https://example.com\n');
    const checked = spawnSync(bin('layerlens'), ['check', '--format', 'sarif', 'Dockerfile'], { cwd: dir, encoding: 'utf8' });
    assert.equal(checked.status, 1, checked.stderr);
    const rules = (JSON.parse(checked.stdout) as { runs: { tool: { driver: { rules: { id: string; helpUri: string }[] } } }[] }).runs[0]
      .tool.driver.rules;
    const secret = rules.find((r) => r.id === 'SecretsUsedInArgOrEnv');
    assert.ok(
      secret && fs.existsSync(fileURLToPath(secret.helpUri)),
      `the rule's page the report links to is installed: ${secret?.helpUri}`,
    );

    const result = await initialize(bin('layerlens-language-server'));
    assert.deepEqual(result.serverInfo, { name: 'layerlens', version: VERSION });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('bundles: each library is bundled from one copy, in one build', () => {
  for (const bundle of ['server-bundle.js', 'cli.js', 'extension.js']) {
    const map = JSON.parse(fs.readFileSync(path.join(repoRoot, 'dist', `${bundle}.map`), 'utf8')) as { sources: string[] };
    // Where each library came from, by its name: the folder npm installed it in, and which of its builds (lib/umd, lib/esm, lib/cjs).
    const places = new Map<string, Set<string>>();
    for (const source of map.sources) {
      const match = /^(.*node_modules\/((?:@[^/]+\/)?[^/]+))\/(?:lib\/(umd|esm|cjs)\/)?/.exec(source);
      if (!match) continue;
      const [, folder, name, build = ''] = match;
      places.set(name, (places.get(name) ?? new Set()).add(`${folder}/${build}`));
    }
    const twice = [...places].filter(([, at]) => at.size > 1).map(([name, at]) => `${name}: ${[...at].join(', ')}`);
    assert.deepEqual(twice, [], `${bundle} carries a library twice`);
  }
});
