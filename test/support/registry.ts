import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * A private registry from Debian's docker-registry package, on a free loopback port: the daemon
 * pushes to 127.0.0.1 without TLS, and nothing leaves the machine.
 */
async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

export async function startRegistry(): Promise<{ process: ChildProcess; address: string; dir: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlens-registry-'));
  const port = await freePort();
  fs.writeFileSync(
    path.join(dir, 'config.yml'),
    `version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: ${dir}/data\nhttp:\n  addr: 127.0.0.1:${port}\n`,
  );
  const registry = spawn('docker-registry', ['serve', path.join(dir, 'config.yml')], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    const up = await new Promise<boolean>((resolve) =>
      net
        .connect(port, '127.0.0.1')
        .once('connect', function (this: net.Socket) {
          this.end();
          resolve(true);
        })
        .once('error', () => resolve(false)),
    );
    if (up) return { process: registry, address: `127.0.0.1:${port}`, dir };
    await new Promise((r) => setTimeout(r, 100));
  }
  registry.kill();
  throw new Error('docker-registry did not listen within 10 s');
}
