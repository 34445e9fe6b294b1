import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { DidOpenTextDocumentNotification, ExitNotification, ShutdownRequest } from 'vscode-languageserver-protocol/node';
import { Client } from '../support/lspClient';

const URI = 'untitled:Dockerfile';
const TEXT = 'FROM alpine:3.20\nARG DB_PASSWORD\nRUN true\n';
const CACHE_NAME = /^server-[0-9a-f]{16}-v8-.+\.cache$/;

/**
 * One server from start to exit, as an editor runs it with `--cache-dir`: it must answer with the
 * right diagnostics whether it was compiled from source or from the cache. Returns its stderr.
 */
async function serve(cacheDir: string): Promise<string> {
  const client = new Client([], process.env, ['--cache-dir', cacheDir]);
  const exited = new Promise((resolve) => client.process.once('exit', resolve));
  await client.initialize({ textDocument: { diagnostic: { dynamicRegistration: false } } });
  await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri: URI, languageId: 'dockerfile', version: 1, text: TEXT },
  });
  const [secret] = await client.diagnostics(URI);
  assert.equal(secret?.range.start.line, 1, 'the ARG named like a secret');
  await client.connection.sendRequest(ShutdownRequest.type);
  await client.connection.sendNotification(ExitNotification.type);
  await exited;
  return client.stderr;
}

const caches = (dir: string) => fs.readdirSync(dir).filter((f) => CACHE_NAME.test(f));

describe('the compile cache (--cache-dir): V8 compiles the server once, and later starts reuse it', () => {
  test('written by the first start, used as it is by the next; one V8 rejects is replaced, with the caches of older bundles', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlens-compile-cache-'));
    try {
      assert.equal(await serve(dir), '', 'nothing to say on stderr');
      const [written] = caches(dir);
      assert.ok(written, `a cache in ${dir}: ${fs.readdirSync(dir).join(', ')}`);
      const file = path.join(dir, written);
      const first = fs.readFileSync(file);
      assert.ok(first.length > 100_000, `the code of the server's start (${first.length} bytes)`);
      const firstWritten = fs.statSync(file).mtimeMs;

      // V8 took the cache: a server that had to compile from source would have written it again.
      await serve(dir);
      assert.equal(fs.statSync(file).mtimeMs, firstWritten, 'the cache was used, not written again');
      assert.deepEqual(caches(dir), [written]);

      // A cache cut short (V8 checks its length, its version and its flags) is rejected: the server
      // compiles from source and writes a good one, and the cache of an older bundle goes.
      fs.writeFileSync(file, first.subarray(0, 5000));
      const stale = path.join(dir, 'server-0123456789abcdef-v8-1.0.0.cache');
      fs.writeFileSync(stale, 'an older bundle');
      await serve(dir);
      assert.deepEqual(caches(dir), [written], 'the older bundle’s cache is removed');
      assert.ok(fs.statSync(file).size > 100_000, 'the damaged cache was replaced');
      const replaced = fs.statSync(file).mtimeMs;
      await serve(dir);
      assert.equal(fs.statSync(file).mtimeMs, replaced, 'and the replacement is used');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a folder that cannot be written: the server says so on stderr and serves, compiled from source', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlens-compile-cache-'));
    try {
      const notAFolder = path.join(dir, 'file');
      fs.writeFileSync(notAFolder, '');
      assert.match(await serve(path.join(notAFolder, 'cache')), /^layerlens: the compile cache could not be written \(Error: ENOTDIR/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
