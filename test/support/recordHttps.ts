/**
 * Preloaded into a language server (`node --require`) by tests that must know whether it reached
 * out to the network: the host of each HTTPS request is appended to the file named by
 * LAYERLENS_HTTPS_LOG before the request goes ahead as usual.
 */
import * as fs from 'node:fs';
import https from 'node:https';

type Get = typeof https.get;
const log = process.env.LAYERLENS_HTTPS_LOG ?? '';

const recorded = (original: Get): Get =>
  function (this: unknown, ...args: unknown[]) {
    const options = args.find((a) => typeof a === 'object' && a !== null && !(a instanceof URL)) as
      { hostname?: string; host?: string } | undefined;
    const url = args.find((a) => typeof a === 'string' || a instanceof URL);
    fs.appendFileSync(log, `${options?.hostname ?? options?.host ?? (url ? new URL(String(url)).hostname : 'unknown')}\n`);
    return (original as (...a: unknown[]) => ReturnType<Get>).apply(this, args);
  };

https.get = recorded(https.get);
https.request = recorded(https.request);
