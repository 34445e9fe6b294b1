import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { repoRoot, requireHost } from '../support/env';
import { SERVER } from '../support/lspClient';

const NVIM = '/usr/bin/nvim';

test("a second real client: Neovim's built-in LSP client, headless, gets the diagnostics and a hover from layerlens-language-server --stdio", (t) => {
  if (!requireHost(t, fs.existsSync(NVIM), `Neovim (${NVIM}, Debian's neovim package)`)) return;
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { bin: Record<string, string> };
  assert.equal(path.resolve(repoRoot, manifest.bin['layerlens-language-server']), SERVER, 'the npm package names the server as a command');
  assert.ok(
    (fs.statSync(SERVER).mode & 0o111) !== 0 && fs.readFileSync(SERVER, 'utf8').startsWith('#!/usr/bin/env node\n'),
    'and it runs as one',
  );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlens-nvim-'));
  const dockerfile = path.join(dir, 'Dockerfile');
  fs.writeFileSync(dockerfile, 'FROM node:20\nARG NPM_TOKEN\nRUN npm ci\n');
  const out = path.join(dir, 'result.json');
  const run = spawnSync(
    NVIM,
    ['--headless', '-n', '-u', 'NONE', '-i', 'NONE', '-c', `luafile ${path.join(repoRoot, 'test', 'server', 'neovim', 'client.lua')}`],
    {
      env: {
        ...process.env,
        LAYERLENS_SERVER: SERVER,
        LAYERLENS_NODE: process.execPath,
        LAYERLENS_DOCKERFILE: dockerfile,
        LAYERLENS_OUT: out,
        HOME: dir,
        XDG_STATE_HOME: dir,
        XDG_DATA_HOME: dir,
      },
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  assert.ok(fs.existsSync(out), `Neovim wrote no result (exit ${run.status}):\n${run.stdout}${run.stderr}`);
  const result = JSON.parse(fs.readFileSync(out, 'utf8')) as {
    diagnostics: { line: number; code: string; message: string }[];
    hover?: { kind: string; value: string };
  };
  const secret = result.diagnostics.find((d) => d.code === 'SecretsUsedInArgOrEnv');
  assert.ok(secret, JSON.stringify(result.diagnostics));
  assert.equal(secret.line, 1);
  assert.match(result.hover?.value ?? '', /BuildKit cache: RUN step, line 3/);
});
