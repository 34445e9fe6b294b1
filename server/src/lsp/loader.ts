import * as crypto from 'crypto';
import * as fs from 'fs';
import { createRequire } from 'module';
import * as path from 'path';
import * as vm from 'vm';

/**
 * The language server's entry point (`dist/server.js`): it runs the server's bundle
 * (`dist/server-bundle.js`), compiled through V8's code cache when the command line names a folder
 * for it (`--cache-dir`, which the extension points at its global storage).
 *
 * Compiling the 0.64 MB bundle parses all of it, and the parser's scratch memory, freed at once,
 * stays in the process's malloc heap: a server started from the cache held 4.4 MB there against
 * 6.8 without it (a bare Node holds 2.8), and in the memory probe of the benchmark's sequence the RSS
 * at rest read 64 and 63 MB against 65 and 65. Node 22's `module.enableCompileCache` does the same
 * for the modules `require` loads, but the extension host's Node may be older, and so is the one
 * the benchmark and CI run.
 *
 * V8 checks a cache against its own version and flags, and against the source's length only, so
 * the file is named by a hash of the bundle's text: an update with a bundle of the same length
 * cannot be handed another's code. A cache V8 rejects, or none, is written anew once the server has
 * compiled what its start and first requests need (or when it exits before that); any failure to read
 * or write it is said on stderr and the server runs compiled from source.
 */
const bundle = path.join(__dirname, 'server-bundle.js');
/** The function Node wraps a CommonJS module's code in, on the code's first line. */
const WRAPPER_START = '(function (exports, require, module, __filename, __dirname) {';

/** Long enough for the start and the first document's analysis to be compiled, and so cached. */
const WRITE_AFTER_MS = 5_000;

/** The folder the command line names for the cache (`--cache-dir DIR`), if any. */
function cacheDirectory(): string | undefined {
  const at = process.argv.indexOf('--cache-dir');
  return at >= 0 ? process.argv[at + 1] || undefined : undefined;
}

function cacheFile(dir: string, source: string): string {
  const hash = crypto.createHash('sha256').update(source).digest('hex').slice(0, 16);
  return path.join(dir, `server-${hash}-v8-${process.versions.v8}.cache`);
}

function readCache(file: string): Buffer | undefined {
  if (!fs.existsSync(file)) return undefined;
  try {
    return fs.readFileSync(file);
  } catch (error) {
    process.stderr.write(`layerlens: the compile cache could not be read, the server compiles from source (${String(error)})\n`);
    return undefined;
  }
}

/** Written beside the old and renamed over it, so that a server starting meanwhile never reads half a file. */
function writeCache(file: string, script: vm.Script): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const partial = `${file}.${process.pid}`;
    fs.writeFileSync(partial, script.createCachedData());
    fs.renameSync(partial, file);
    // The caches of earlier bundles and runtimes are of no more use.
    for (const other of fs.readdirSync(path.dirname(file)))
      if (/^server-[0-9a-f]+-v8-.*\.cache$/.test(other) && other !== path.basename(file))
        fs.rmSync(path.join(path.dirname(file), other), { force: true });
  } catch (error) {
    process.stderr.write(`layerlens: the compile cache could not be written (${String(error)})\n`);
  }
}

/**
 * Compiles the bundle as Node would, in its wrapper, with the cache V8 is given; the wrapper's length
 * is taken off the first line's columns, so that a stack trace's positions are the bundle's own and
 * its source map reads them.
 */
function runFromCache(file: string, source: string): void {
  const cachedData = readCache(file);
  const script = new vm.Script(`${WRAPPER_START}${source}\n})`, { filename: bundle, columnOffset: -WRAPPER_START.length, cachedData });
  if (!cachedData || script.cachedDataRejected) {
    let written = false;
    const write = () => {
      if (written) return;
      written = true;
      writeCache(file, script);
    };
    setTimeout(write, WRITE_AFTER_MS).unref();
    process.once('exit', write);
  }
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run({}, createRequire(bundle), { exports: {} }, bundle, __dirname);
}

// Without a folder for the cache (the extension's debug launch, other editors' plain command), the
// bundle loads as any module does, and a debugger sees it as it is on disk.
const cacheDir = cacheDirectory();
if (cacheDir) {
  const source = fs.readFileSync(bundle, 'utf8');
  runFromCache(cacheFile(cacheDir, source), source);
} else {
  createRequire(bundle)(bundle);
}
