import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  CodeAction,
  CodeActionRequest,
  CodeActionResolveRequest,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  ExitNotification,
  HoverRequest,
  ShutdownRequest,
  Range,
  TextDocumentEdit,
  TextEdit,
  Hover,
  MarkupContent,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { BuildProgress } from '../../common/buildProgress';
import type { BuildInputs } from '../../common/buildPlan';
import {
  BUILD_INPUTS,
  BUILD_RESULTS,
  BUILD_STARTED,
  CACHE_DETAILS,
  ENGINE_VERSION,
  IMAGE_LAYERS,
  STAGE_GRAPH,
  StageGraph,
} from '../../common/protocol';
import { repoRoot } from '../support/env';
import { Client } from '../support/lspClient';

const STORAGE = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlens-storage-'));
const URI = 'file:///work/project/Dockerfile';
/** The cache card of a hover: it ends with its title, and the instruction's documentation follows it after a rule. */
const cardOf = (hover: Hover) => {
  const value = (hover.contents as MarkupContent).value;
  const end = value.indexOf('_\n\n---\n\n');
  return end < 0 ? value : value.slice(0, end + 1);
};
const TEXT =
  [
    'FROM node:20',
    'WORKDIR /app',
    'ARG NPM_TOKEN',
    'COPY package.json package-lock.json ./',
    'RUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci && rm .npmrc',
    'COPY . .',
    'CMD ["node", "server.js"]',
  ].join('\n') + '\n';

describe('language server over real JSON-RPC (dist/server.js --stdio)', () => {
  let client: Client;
  let document = TextDocument.create(URI, 'dockerfile', 1, TEXT);

  before(async () => {
    client = new Client();
    const result = await client.initialize(
      {
        workspace: { configuration: true, diagnostics: { refreshSupport: true }, codeLens: { refreshSupport: true } },
        textDocument: { diagnostic: { dynamicRegistration: false } },
      },
      { storagePath: STORAGE },
    );
    assert.equal(result.serverInfo?.name, 'layerlens');
    // One version for the extension, the CLI and the server: package.json's.
    assert.equal(result.serverInfo?.version, JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).version);
    assert.deepEqual(result.capabilities.diagnosticProvider, { interFileDependencies: false, workspaceDiagnostics: false });
    assert.equal(result.capabilities.hoverProvider, true);
    assert.deepEqual(result.capabilities.codeActionProvider, {
      codeActionKinds: ['quickfix', 'refactor.rewrite', 'source.fixAll.layerlens'],
      resolveProvider: true,
    });
    assert.deepEqual(result.capabilities.codeLensProvider, { resolveProvider: false });
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: URI, languageId: 'dockerfile', version: 1, text: TEXT },
    });
  });

  after(async () => {
    if (client.process.exitCode === null) client.process.kill();
  });

  test('pull diagnostics report SecretsUsedInArgOrEnv with its docs page and its fix', async () => {
    const [diagnostic, ...rest] = await client.diagnostics(URI);
    assert.deepEqual(rest, []);
    assert.equal(diagnostic.code, 'SecretsUsedInArgOrEnv');
    assert.equal(diagnostic.source, 'layerlens');
    assert.equal(diagnostic.message, 'Do not use ARG or ENV instructions for sensitive data (ARG "NPM_TOKEN")');
    assert.deepEqual(diagnostic.range, { start: { line: 2, character: 4 }, end: { line: 2, character: 13 } });
    assert.equal(diagnostic.severity, 2);
    assert.equal(
      diagnostic.codeDescription?.href,
      pathToFileURL(path.join(repoRoot, 'docs/rules/secrets-used-in-arg-or-env.md')).toString(),
    );
    assert.equal((diagnostic.data as { fix: { safety: string } }).fix.safety, 'unsafe');
  });

  test('hover on RUN explains its cache key, including the variables in scope', async () => {
    const hover = (await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: URI },
      position: { line: 4, character: 1 },
    })) as Hover;
    const value = cardOf(hover);
    assert.equal((hover.contents as MarkupContent).kind, 'markdown');
    assert.match(value, /^\*\*Re-runs when\*\* its command/);
    assert.match(value, /\n_BuildKit cache: RUN step, line 5_$/);
    assert.match(value, /ARG `NPM_TOKEN`/);
    assert.match(value, /WORKDIR `\/app`/);
    assert.match(value, /every later step of this stage: line 6/);
  });

  test('hover on COPY explains content, mode and mtimes; on WORKDIR, that it is a step of its own', async () => {
    const copy = (await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: URI },
      position: { line: 3, character: 2 },
    })) as Hover;
    assert.match((copy.contents as MarkupContent).value, /content and mode of `package\.json`, `package-lock\.json`/);
    assert.match((copy.contents as MarkupContent).value, /modification times/);
    const workdir = (await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: URI },
      position: { line: 1, character: 2 },
    })) as Hover;
    assert.match(cardOf(workdir), /^\*\*Re-runs when\*\* its path changes[^]*\n_BuildKit cache: WORKDIR, line 2_$/);
  });

  test('hover on ARG says where a new value first misses; on a stage name, what it gives the image; on a mount, what is not in the key', async () => {
    const uri = 'file:///work/cards/Dockerfile';
    const text =
      'FROM alpine AS build\nARG VERSION\nWORKDIR /src\nRUN --mount=type=cache,target=/root/.cache make\nFROM alpine\nCOPY --from=build /src/out /app\n';
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'dockerfile', version: 1, text },
    });
    const hover = async (line: number, character: number) =>
      (
        ((await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character } })) as Hover)
          .contents as MarkupContent
      ).value;
    assert.match(await hover(1, 5), /\*\*A new value first re-runs\*\* line 4 \(`RUN --mount=type=cache,target=\/root\/\.cache make`\)/);
    assert.match(await hover(0, 17), /\*\*In the final image:\*\* only what other stages copy from it reaches the image/);
    assert.match(await hover(5, 14), /Used by:\n- line 6 in stage 1: COPY --from \(`\/src\/out`\)/);
    assert.match(await hover(3, 8), /the inline cache nor a registry cache carries it/);
    await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  });

  test('CopyContextBeforeInstall, off by default: its advice in the COPY hover and "Reorder for cache" as a refactor, until configured', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlens-reorder-'));
    fs.writeFileSync(path.join(dir, 'package.json'), '{"name":"app","dependencies":{"express":"^4.19.0"}}\n');
    fs.writeFileSync(path.join(dir, 'package-lock.json'), '{}\n');
    fs.writeFileSync(path.join(dir, 'server.js'), '\n');
    const uri = pathToFileURL(path.join(dir, 'Dockerfile')).toString();
    const text = 'FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD ["node", "server.js"]\n';
    fs.writeFileSync(path.join(dir, 'Dockerfile'), text);
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'dockerfile', version: 1, text },
    });
    assert.deepEqual(await client.diagnostics(uri, 'CopyContextBeforeInstall'), [], 'no squiggle by default');
    const hover = async () =>
      (
        ((await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 2, character: 1 } })) as Hover)
          .contents as MarkupContent
      ).value;
    assert.match(
      await hover(),
      /\*\*Cache advice:\*\* The sources are copied before `npm ci` \(line 4\): any source edit re-runs it\. Copy package\.json, package-lock\.json\* first/,
    );
    const refactors = async () =>
      (await client.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri },
        range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } },
        context: { diagnostics: [], only: ['refactor.rewrite'] },
      })) as CodeAction[];
    const reorder = (await refactors()).find((a) => a.title.startsWith('Reorder for cache'));
    assert.ok(reorder, 'offered on the COPY');
    const resolved = await client.connection.sendRequest(CodeActionResolveRequest.type, reorder);
    const edits = resolved.edit?.documentChanges?.[0] as { edits: TextEdit[] } | undefined;
    assert.equal(
      TextDocument.applyEdits(TextDocument.create(uri, 'dockerfile', 1, text), edits?.edits ?? []),
      'FROM node:22\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nCMD ["node", "server.js"]\n',
    );
    // Turned on, it is a diagnostic with its quick fix; turned off on purpose, it says nothing at all.
    await client.changeSettings({ rules: { CopyContextBeforeInstall: 'warning' } });
    assert.equal((await client.diagnostics(uri, 'CopyContextBeforeInstall')).length, 1);
    assert.doesNotMatch(await hover(), /Cache advice/);
    await client.changeSettings({ rules: { CopyContextBeforeInstall: 'off' } });
    assert.doesNotMatch(await hover(), /Cache advice/);
    assert.equal(
      (await refactors()).find((a) => a.title.startsWith('Reorder for cache')),
      undefined,
    );
    await client.changeSettings({});
    await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    fs.rmSync(dir, { recursive: true });
  });

  test("a quick fix is offered from the server's own findings when the client sends none of them", async () => {
    // vscode-languageclient drops pulled diagnostics while it thinks a document's tab is closed.
    const diagnostics = await client.diagnostics(URI);
    const ask = (range: Range) =>
      client.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri: URI },
        range,
        context: { diagnostics: [], only: ['quickfix'] },
      }) as Promise<CodeAction[]>;
    const [onFinding] = await ask(diagnostics[0].range);
    assert.match(onFinding.title, /^Add secret mount: pass NPM_TOKEN as secret "npm_token"/);
    assert.deepEqual(
      onFinding.diagnostics?.map((d) => d.code),
      ['SecretsUsedInArgOrEnv'],
    );
    assert.deepEqual(
      await ask({ start: { line: 0, character: 0 }, end: { line: 0, character: 4 } }),
      [],
      'nothing where there is no finding',
    );
  });

  test('code action for the diagnostic, resolved into an edit that removes the ARG and mounts the secret', async () => {
    const diagnostics = await client.diagnostics(URI);
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: URI },
      range: diagnostics[0].range,
      context: { diagnostics, only: ['quickfix'] },
    })) as CodeAction[];
    assert.deepEqual(
      actions.map((a) => a.title),
      [
        'Add secret mount: pass NPM_TOKEN as secret "npm_token" instead of ARG (unsafe: review the change)',
        'Skip SecretsUsedInArgOrEnv on this line',
        'Skip SecretsUsedInArgOrEnv in this file',
      ],
    );
    const skipHere = actions[1].edit?.documentChanges?.[0] as TextDocumentEdit;
    assert.deepEqual(
      skipHere.edits,
      [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, newText: '# check=skip=SecretsUsedInArgOrEnv\n' }],
      'BuildKit reads it above the ARG',
    );
    const skipInFile = actions[2].edit?.documentChanges?.[0] as TextDocumentEdit;
    assert.deepEqual(
      skipInFile.edits,
      [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '# check=skip=SecretsUsedInArgOrEnv\n' }],
      'a check directive on the first line',
    );
    assert.equal(actions[0].kind, 'quickfix');
    assert.equal(actions[0].isPreferred, false);
    assert.equal(actions[0].edit, undefined, 'the edit is computed in codeAction/resolve');
    const resolved = await client.connection.sendRequest(CodeActionResolveRequest.type, actions[0]);
    assert.deepEqual(
      resolved.command,
      {
        title: 'Record the secret sources for builds',
        command: 'layerlens.recordSecrets',
        arguments: [{ uri: URI, secrets: [{ id: 'npm_token', source: { env: 'NPM_TOKEN' } }] }],
      },
      'once applied, the build is told to read the secret from the variable that held it',
    );
    const change = resolved.edit?.documentChanges?.[0] as TextDocumentEdit;
    assert.deepEqual(change.textDocument, { uri: URI, version: 1 });
    const fixed = TextDocument.applyEdits(document, change.edits as TextEdit[]);
    assert.equal(
      fixed,
      TEXT.replace('ARG NPM_TOKEN\n', '').replace(
        'RUN echo',
        'RUN --mount=type=secret,id=npm_token,required=true export NPM_TOKEN="$(cat /run/secrets/npm_token)" && echo',
      ),
    );

    document = TextDocument.update(document, [{ text: fixed }], 2);
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: URI, version: 2 },
      contentChanges: [{ text: fixed }],
    });
    assert.deepEqual(await client.diagnostics(URI), [], 'the fixed text has no such finding');
  });

  test('source.fixAll.layerlens applies the safe fixes of the whole document in one edit', async () => {
    const uri = 'file:///work/fixall/Dockerfile';
    const text = 'from alpine\nMAINTAINER me\nEXPOSE 80/TCP\n';
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'dockerfile', version: 3, text },
    });
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    })) as CodeAction[];
    assert.deepEqual(
      actions.map((a) => [a.title, a.kind]),
      [['Fix all safe Layerlens findings', 'source.fixAll.layerlens']],
    );
    const change = actions[0].edit?.documentChanges?.[0] as TextDocumentEdit;
    assert.deepEqual(change.textDocument, { uri, version: 3 });
    assert.equal(
      TextDocument.applyEdits(TextDocument.create(uri, 'dockerfile', 3, text), change.edits as TextEdit[]),
      'FROM alpine\nLABEL org.opencontainers.image.authors="me"\nEXPOSE 80/tcp\n',
    );
    const quickFixesOnly = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['quickfix'] },
    })) as CodeAction[];
    assert.deepEqual(
      quickFixesOnly.map((a) => [a.title, a.kind]),
      [
        ["Write 'FROM'", 'quickfix'],
        ['Skip ConsistentInstructionCasing on this line', 'quickfix'],
        ['Skip ConsistentInstructionCasing in this file', 'quickfix'],
      ],
      'quick fixes, never the fix-all',
    );
    await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  });

  test('Convert to a multi-stage build: offered as refactor.rewrite on a single-stage file, its edit made in resolve', async () => {
    const uri = 'file:///work/convert/Dockerfile';
    const text = 'FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\nCMD ["node", "dist/main.js"]\n';
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'dockerfile', version: 4, text },
    });
    const whole = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: whole,
      context: { diagnostics: [], only: ['refactor'] },
    })) as CodeAction[];
    assert.deepEqual(
      actions.map((a) => [a.title, a.kind, a.edit]),
      [['Convert to a multi-stage build (unsafe: review the change)', 'refactor.rewrite', undefined]],
    );
    const resolved = await client.connection.sendRequest(CodeActionResolveRequest.type, actions[0]);
    const change = resolved.edit?.documentChanges?.[0] as TextDocumentEdit;
    assert.deepEqual(change.textDocument, { uri, version: 4 });
    const converted = TextDocument.applyEdits(TextDocument.create(uri, 'dockerfile', 4, text), change.edits as TextEdit[]);
    assert.equal(
      converted,
      'FROM node:20 AS build\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\nRUN npm prune --omit=dev\n\nFROM node:20-slim\nWORKDIR /app\nCOPY --from=build /app /app\nCMD ["node", "dist/main.js"]\n',
    );
    await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  });

  /** A project whose `docker/api.Dockerfile` is kept apart from its context: the folder, with `files` in it. */
  const apartFromContext = (text: string, files: Record<string, string>) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlens-project-'));
    fs.mkdirSync(path.join(dir, 'docker'));
    fs.writeFileSync(path.join(dir, 'docker', 'api.Dockerfile'), text);
    for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content);
    return { dir, uri: pathToFileURL(path.join(dir, 'docker', 'api.Dockerfile')).toString() };
  };

  /** The first quick fix of the document's SecretFileCopied finding, resolved. */
  const secretFileFix = async (uri: string) => {
    const diagnostics = await client.diagnostics(uri, 'SecretFileCopied');
    const [action] = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: diagnostics[0].range,
      context: { diagnostics, only: ['quickfix'] },
    })) as CodeAction[];
    return client.connection.sendRequest(CodeActionResolveRequest.type, action);
  };

  test('the SecretFileCopied fix resolves into a workspace edit that also creates .dockerignore', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlens-secret-file-'));
    const text = 'FROM node:22\nCOPY .npmrc ./\nRUN npm ci\n';
    fs.writeFileSync(path.join(dir, 'Dockerfile'), text);
    fs.writeFileSync(path.join(dir, '.npmrc'), '//registry.npmjs.org/:_authToken=5f2b1c9e-8d4a-4e7b-9c3d-2a1b0c9d8e7f\n');
    // Off by default (docs/precision.md): turned on as a user would.
    await client.changeSettings({ rules: { SecretFileCopied: 'warning' } });
    const uri = pathToFileURL(path.join(dir, 'Dockerfile')).toString();
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'dockerfile', version: 1, text },
    });
    const resolved = await secretFileFix(uri);
    const changes = resolved.edit?.documentChanges ?? [];
    const ignore = pathToFileURL(path.join(dir, '.dockerignore')).toString();
    assert.deepEqual(changes.slice(1), [
      { kind: 'create', uri: ignore, options: { ignoreIfExists: true } },
      {
        textDocument: { uri: ignore, version: null },
        edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '.npmrc\n' }],
      },
    ]);
    await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    await client.changeSettings({});
    fs.rmSync(dir, { recursive: true });
  });

  test('a context .layerlens.json names elsewhere: the COPY hover counts its files, the secret fix writes its .dockerignore', async () => {
    const text = 'FROM node:22\nCOPY .npmrc package.json ./\nRUN npm ci\n';
    const { dir, uri } = apartFromContext(text, {
      '.npmrc': '//registry.npmjs.org/:_authToken=5f2b1c9e-8d4a-4e7b-9c3d-2a1b0c9d8e7f\n',
      'package.json': '{}',
      '.layerlens.json': JSON.stringify({ rules: { SecretFileCopied: 'warning' }, contexts: { 'docker/api.Dockerfile': '.' } }),
    });
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'dockerfile', version: 1, text },
    });
    const hover = (await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri },
      position: { line: 1, character: 1 },
    })) as Hover;
    assert.match((hover.contents as MarkupContent).value.split('\n')[0], /the content or mode of the 2 context files it copies changes/);
    const resolved = await secretFileFix(uri);
    const ignore = pathToFileURL(path.join(dir, '.dockerignore')).toString();
    assert.deepEqual((resolved.edit?.documentChanges ?? []).slice(1, 2), [
      { kind: 'create', uri: ignore, options: { ignoreIfExists: true } },
    ]);
    assert.deepEqual(
      resolved.command?.arguments,
      [{ uri, secrets: [{ id: 'npmrc', source: { src: path.join('..', '.npmrc') } }] }],
      "the secret's file as builds read it, from the Dockerfile's folder",
    );
    await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    fs.rmSync(dir, { recursive: true });
  });

  test('on a RUN that installs with npm, a refactor mounts the registry credentials as a secret, computed in resolve', async () => {
    const uri = 'file:///work/credentials/Dockerfile';
    const text = 'FROM node:22 AS deps\nRUN npm ci\nFROM node:22-slim\nCOPY --from=deps /node_modules /node_modules\n';
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'dockerfile', version: 2, text },
    });
    const at = { start: { line: 1, character: 5 }, end: { line: 1, character: 5 } };
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: at,
      context: { diagnostics: [], only: ['refactor.rewrite'] },
    })) as CodeAction[];
    assert.deepEqual(
      actions.map((a) => [a.title, a.edit]),
      [
        [
          'Add secret mount: npm reads its registry credentials (.npmrc) from secret "npmrc" (--secret id=npmrc,src=…) (unsafe: review the change)',
          undefined,
        ],
      ],
    );
    const resolved = await client.connection.sendRequest(CodeActionResolveRequest.type, actions[0]);
    const change = resolved.edit?.documentChanges?.[0] as TextDocumentEdit;
    assert.equal(
      TextDocument.applyEdits(TextDocument.create(uri, 'dockerfile', 2, text), change.edits as TextEdit[]),
      'FROM node:22 AS deps\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci\nFROM node:22-slim\nCOPY --from=deps /node_modules /node_modules\n',
    );
    await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  });

  test('a code action resolved against a stale version carries no edit', async () => {
    const stale: CodeAction = {
      title: 'x',
      data: {
        uri: URI,
        version: 0,
        fix: {
          title: 'x',
          safety: 'unsafe',
          edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: 'BROKEN' }],
        },
      },
    };
    const resolved = await client.connection.sendRequest(CodeActionResolveRequest.type, stale);
    assert.equal(resolved.edit, undefined);
  });

  test('settings are read per document, re-read after a change with a diagnostics refresh: a rule off, then an error, then all disabled', async () => {
    const uri = 'file:///work/other/Dockerfile';
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'dockerfile', version: 1, text: TEXT },
    });
    assert.equal((await client.diagnostics(uri)).length, 1);
    const asked = client.configurationRequests;
    assert.equal((await client.diagnostics(uri)).length, 1);
    assert.equal(client.configurationRequests, asked, 'settings are cached per document');

    await client.changeSettings({ rules: { SecretsUsedInArgOrEnv: 'off' } });
    assert.deepEqual(await client.diagnostics(uri), []);

    await client.changeSettings({ rules: { SecretsUsedInArgOrEnv: 'error' } });
    assert.equal((await client.diagnostics(uri))[0].severity, 1);

    await client.changeSettings({ enable: false });
    assert.deepEqual(await client.diagnostics(uri), []);
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 4, character: 1 } });
    assert.equal(hover, null);
    await client.changeSettings({});
    await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  });

  test("a saved Dockerfile's build context is listed from disk, and re-read when the client reports a created file", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlens-lsp-'));
    fs.writeFileSync(path.join(dir, '.env'), 'API_TOKEN=5f2b1c9e8d4a4e7b9c3d\n');
    await client.changeSettings({ rules: { SecretFileCopied: 'warning' } });
    fs.writeFileSync(path.join(dir, 'main.sh'), 'echo hi\n');
    const uri = pathToFileURL(path.join(dir, 'Dockerfile')).toString();
    const text = 'FROM alpine\nCOPY . /srv\n';
    fs.writeFileSync(path.join(dir, 'Dockerfile'), text);
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'dockerfile', version: 1, text },
    });
    const [sent] = await client.diagnostics(uri, 'SecretFileCopied');
    assert.match(
      typeof sent.message === 'string' ? sent.message : sent.message.value,
      /^The build context holds \.env, with credentials in it/,
    );
    assert.deepEqual(await client.diagnostics(uri, 'BroadContextCopy'), [], 'no .git and no node_modules in this context');

    const ignore = path.join(dir, '.dockerignore');
    fs.writeFileSync(ignore, '.env\n');
    await client.untilRefreshed(() =>
      client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
        changes: [{ uri: pathToFileURL(ignore).toString(), type: FileChangeType.Created }],
      }),
    );
    assert.deepEqual(await client.diagnostics(uri, 'SecretFileCopied'), []);
    await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    await client.changeSettings({});
    fs.rmSync(dir, { recursive: true });
  });

  test("a Dockerfile whose folder is gone has an unknown build context, as an unsaved one's, not an empty one", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlens-gone-'));
    const uri = pathToFileURL(path.join(dir, 'Dockerfile')).toString();
    const text = 'FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm ci\n';
    fs.writeFileSync(path.join(dir, 'Dockerfile'), text);
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'dockerfile', version: 1, text },
    });
    const reruns = async () => {
      const hover = (await client.connection.sendRequest(HoverRequest.type, {
        textDocument: { uri },
        position: { line: 2, character: 1 },
      })) as Hover;
      return (hover.contents as MarkupContent).value.split('\n')[0];
    };
    assert.match(await reruns(), /the content or mode of the 1 context file it copies changes/, 'the folder is listed: the Dockerfile');
    fs.rmSync(dir, { recursive: true });
    await client.untilRefreshed(() =>
      client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
        changes: [{ uri, type: FileChangeType.Deleted }],
      }),
    );
    assert.match(
      await reruns(),
      /the content or mode of `\.` in the build context changes/,
      'with the folder gone, what the COPY sends is unknown: not "the 0 context files"',
    );
    await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  });

  test('.layerlens.json above a Dockerfile gives it the rules and the context `layerlens check` reads, again when it changes', async () => {
    const text = 'FROM alpine\nARG API_TOKEN\nCOPY . /srv\n';
    const { dir, uri } = apartFromContext(text, { '.env': 'TOKEN=5f2b1c9e8d4a4e7b9c3d\n' });
    const file = path.join(dir, 'docker', 'api.Dockerfile');
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'dockerfile', version: 1, text },
    });
    const editorRules = async () => {
      const report = await client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
      return report.kind === 'full' ? report.items.map((d) => String(d.code)).sort() : [];
    };
    const cliRules = () => {
      const checked = spawnSync(process.execPath, [path.join(repoRoot, 'dist', 'cli.js'), 'check', '--format', 'json', file], {
        encoding: 'utf8',
      });
      return JSON.parse(checked.stdout)
        .files[0].findings.map((f: { rule: string }) => f.rule)
        .sort();
    };
    assert.deepEqual(await editorRules(), ['SecretsUsedInArgOrEnv']);
    assert.deepEqual(await editorRules(), cliRules());

    const config = path.join(dir, '.layerlens.json');
    fs.writeFileSync(
      config,
      JSON.stringify({ rules: { SecretsUsedInArgOrEnv: 'off', SecretFileCopied: 'warning' }, contexts: { 'docker/api.Dockerfile': '.' } }),
    );
    await client.untilRefreshed(() =>
      client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
        changes: [{ uri: pathToFileURL(config).toString(), type: FileChangeType.Created }],
      }),
    );
    assert.deepEqual(await editorRules(), ['SecretFileCopied'], 'its rules, and the .env of the context it names');
    assert.deepEqual(await editorRules(), cliRules());

    fs.writeFileSync(config, JSON.stringify({ rules: { SecretsUsedInArgOrEnv: 'error' } }));
    await client.untilRefreshed(() =>
      client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
        changes: [{ uri: pathToFileURL(config).toString(), type: FileChangeType.Changed }],
      }),
    );
    assert.deepEqual(await editorRules(), ['SecretsUsedInArgOrEnv'], 'changed: read again');
    assert.deepEqual(await editorRules(), cliRules());
    await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    fs.rmSync(dir, { recursive: true });
  });

  test('the engine version the client reports, then the setting, decide what FrontendFeatureWithoutSyntax reports', async () => {
    const uri = 'file:///tmp/layerlens-engine-version/Dockerfile';
    const text =
      'FROM alpine\nADD --checksum=sha256:0000000000000000000000000000000000000000000000000000000000000000 https://example.com/a /a\n';
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'dockerfile', version: 1, text },
    });
    assert.deepEqual(
      await client.diagnostics(uri, 'FrontendFeatureWithoutSyntax'),
      [],
      'Docker 28 builds ADD --checksum without a syntax line',
    );
    await client.untilRefreshed(() => client.connection.sendNotification(ENGINE_VERSION, { version: '24.0.7' }));
    const [reported] = await client.diagnostics(uri, 'FrontendFeatureWithoutSyntax');
    assert.match(
      typeof reported?.message === 'object' ? reported.message.value : String(reported?.message),
      /^ADD --checksum needs Dockerfile frontend 1\.6 or newer: the frontend built into Docker 24\.0\.7 \(Dockerfile 1\.5\)/,
    );
    await client.changeSettings({ engineVersion: '25.0' });
    assert.deepEqual(await client.diagnostics(uri, 'FrontendFeatureWithoutSyntax'), [], 'the setting wins over the detected engine');
    await client.changeSettings({});
    await client.untilRefreshed(() => client.connection.sendNotification(ENGINE_VERSION, { version: '28.5.2' }));
    assert.deepEqual(await client.diagnostics(uri, 'FrontendFeatureWithoutSyntax'), []);
    await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  });

  test('the image store the client reports decides what the hover of a COPY --link says a change below it does', async () => {
    const uri = 'file:///tmp/layerlens-image-store/Dockerfile';
    const text = 'FROM alpine\nCOPY dep.txt /dep/\nCOPY --link app.txt /app/\n';
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'dockerfile', version: 1, text },
    });
    const hover = async () =>
      (
        ((await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 2, character: 1 } })) as Hover)
          .contents as MarkupContent
      ).value;
    assert.match(
      await hover(),
      /that depends on the image store: the containerd store then reuses the linked copy/,
      'before docker info answered',
    );
    // Notifications and requests are handled in order: the hover after it sees the store.
    await client.connection.sendNotification(ENGINE_VERSION, { version: '28.5.2', imageStore: 'containerd' });
    assert.match(await hover(), /only to merge it: this engine's containerd image store reuses the linked copy/);
    await client.connection.sendNotification(ENGINE_VERSION, { version: '28.5.2', imageStore: 'classic' });
    assert.match(await hover(), /on this engine's classic image store `--link` does not help: it copies again/);
    await client.connection.sendNotification(ENGINE_VERSION, { version: '28.5.2' });
    await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  });

  test("forecast CodeLens of a Dockerfile whose context .layerlens.json names elsewhere: that folder's files are compared", async () => {
    const text = 'FROM alpine\nCOPY app.txt /app.txt\nRUN cat /app.txt\n';
    const { dir, uri } = apartFromContext(text, {
      'app.txt': 'one\n',
      '.layerlens.json': JSON.stringify({ contexts: { 'docker/api.Dockerfile': '.' } }),
    });
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'dockerfile', version: 1, text },
    });
    await client.untilLensesRefreshed(() => client.connection.sendNotification(BUILD_STARTED, { uri, buildArgs: {} }));
    assert.deepEqual(await client.lenses(uri), ['1: cached', '2: cached', '3: cached']);
    fs.writeFileSync(path.join(dir, 'app.txt'), 'two\n');
    await client.untilLensesRefreshed(() =>
      client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
        changes: [{ uri: pathToFileURL(path.join(dir, 'app.txt')).toString(), type: FileChangeType.Changed }],
      }),
    );
    assert.deepEqual(await client.lenses(uri), ['1: cached', '2: re-runs: app.txt changed', '3: re-runs: the step at line 2 re-ran']);
    await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    fs.rmSync(dir, { recursive: true });
  });

  test('forecast CodeLens and stage graph: against the build the client recorded, then after a file changes', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlens-forecast-lsp-'));
    const text = 'FROM alpine AS build\nCOPY app.txt /app.txt\nRUN cat /app.txt > /out\nFROM alpine\nCOPY --from=build /out /out\n';
    fs.writeFileSync(path.join(dir, 'Dockerfile'), text);
    fs.writeFileSync(path.join(dir, 'app.txt'), 'one\n');
    fs.writeFileSync(path.join(dir, '.dockerignore'), 'Dockerfile\n');
    const uri = pathToFileURL(path.join(dir, 'Dockerfile')).toString();
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'dockerfile', version: 1, text },
    });
    assert.deepEqual(
      await client.lenses(uri),
      ['1: Build stage build'],
      'no build on record and no git repository: nothing to compare with, only the stage to build',
    );

    await client.untilLensesRefreshed(() => client.connection.sendNotification(BUILD_STARTED, { uri, buildArgs: {} }));
    assert.deepEqual(await client.lenses(uri), ['1: Build stage build', '1: cached', '2: cached', '3: cached', '4: cached', '5: cached']);
    assert.ok(fs.existsSync(path.join(STORAGE, 'builds.json')), 'the build is kept in the storage folder the client named');

    fs.utimesSync(path.join(dir, 'app.txt'), new Date(), new Date(Date.now() + 60_000));
    const changed = {
      changes: [{ uri: pathToFileURL(path.join(dir, 'app.txt')).toString(), type: FileChangeType.Changed as FileChangeType }],
    };
    await client.untilLensesRefreshed(() => client.connection.sendNotification(DidChangeWatchedFilesNotification.type, changed));
    assert.deepEqual(
      await client.lenses(uri),
      ['1: Build stage build', '1: cached', '2: cached', '3: cached', '4: cached', '5: cached'],
      'a new modification time alone changes nothing',
    );

    fs.writeFileSync(path.join(dir, 'app.txt'), 'two\n');
    await client.untilLensesRefreshed(() => client.connection.sendNotification(DidChangeWatchedFilesNotification.type, changed));
    assert.deepEqual(await client.lenses(uri), [
      '1: Build stage build',
      '1: cached',
      '2: re-runs: app.txt changed',
      '3: re-runs: the step at line 2 re-ran',
      '4: cached',
      '5: may re-run: /out in stage build may change: the RUN at line 3 re-runs, and this step stays cached only if it writes the same bytes there',
    ]);

    const graph = (await client.connection.sendRequest(STAGE_GRAPH, { uri })) as StageGraph;
    assert.deepEqual(
      graph.nodes.map((n) => [n.name ?? n.index, n.needed, n.target, n.rebuildFrom]),
      [
        ['build', true, false, 2],
        [1, true, true, 5],
      ],
    );
    assert.deepEqual(graph.edges, [{ from: 0, to: 1, kind: 'copy', line: 5 }]);
    assert.match(graph.basis ?? '', /^the Layerlens build of /);

    await client.changeSettings({ forecast: { codeLens: false } });
    assert.deepEqual(await client.lenses(uri), ['1: Build stage build'], 'the setting turns the forecast lenses off');
    await client.changeSettings({ forecast: { codeLens: false }, build: { codeLens: false } });
    assert.deepEqual(await client.lenses(uri), [], 'and its own setting the stage lenses');
    await client.changeSettings({});
    await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    // From the Explorer's context menu the graph may be asked for before the file is open: it is read from disk.
    const closed = (await client.connection.sendRequest(STAGE_GRAPH, { uri })) as StageGraph;
    assert.deepEqual(
      closed.nodes.map((n) => [n.name ?? n.index, n.target]),
      [
        ['build', false],
        [1, true],
      ],
    );
    assert.equal(
      await client.connection.sendRequest(STAGE_GRAPH, { uri: pathToFileURL(path.join(dir, 'nowhere', 'Dockerfile')).toString() }),
      null,
    );
    fs.rmSync(dir, { recursive: true });
  });

  test('forecast CodeLens with no build on record: the changes against git HEAD', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlens-forecast-git-'));
    const text = 'FROM alpine\nCOPY src/ /src/\nRUN ls /src\n';
    fs.mkdirSync(path.join(dir, 'src'));
    fs.writeFileSync(path.join(dir, 'Dockerfile'), text);
    fs.writeFileSync(path.join(dir, 'src', 'main.py'), 'print(1)\n');
    const git = (...args: string[]) =>
      assert.equal(
        spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: dir }).status,
        0,
        `git ${args.join(' ')}`,
      );
    git('init', '-q');
    git('add', '.');
    git('commit', '-q', '-m', 'first');
    fs.writeFileSync(path.join(dir, 'src', 'main.py'), 'print(2)\n');
    const uri = pathToFileURL(path.join(dir, 'Dockerfile')).toString();
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'dockerfile', version: 1, text },
    });
    assert.deepEqual(await client.lenses(uri), ['1: cached', '2: re-runs: src/main.py changed', '3: re-runs: the step at line 2 re-ran']);
    await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    fs.rmSync(dir, { recursive: true });
  });

  test('build inputs and results: the stages and secrets a build needs; the result of each step on its line, and in the hover', async () => {
    const text =
      [
        'FROM alpine AS deps',
        'RUN --mount=type=secret,id=npmrc,target=/root/.npmrc --mount=type=secret,id=token,required=true echo',
        'FROM deps AS build',
        'WORKDIR /src',
        'COPY app.txt .',
        'FROM alpine',
        'COPY --from=build /src/app.txt /app.txt',
      ].join('\n') + '\n';
    const uri = 'file:///work/built/Dockerfile';
    const inputs = (await client.connection.sendRequest(BUILD_INPUTS, { uri, text })) as BuildInputs;
    assert.deepEqual(inputs, {
      stages: [
        { index: 0, name: 'deps', line: 0 },
        { index: 1, name: 'build', line: 2 },
        { index: 2, line: 5 },
      ],
      cacheStages: ['deps', 'build'],
      secrets: [
        { id: 'npmrc', required: false, line: 1 },
        { id: 'token', required: true, line: 1 },
      ],
    });
    assert.equal(
      await client.connection.sendRequest(BUILD_INPUTS, { uri: 'file:///never/there/Dockerfile' }),
      null,
      'a file that cannot be read has no inputs',
    );

    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'dockerfile', version: 1, text },
    });
    const progress = new BuildProgress();
    progress.push(
      '#4 [deps 2/2] RUN echo\n#4 CACHED\n#5 [build 2/3] WORKDIR /src\n#5 CACHED\n#6 [build 3/3] COPY app.txt .\n#6 DONE 0.3s\n#7 [stage-2 2/2] COPY --from=build /src/app.txt /app.txt\n#7 ERROR: failed to copy\n',
    );
    const lines = await client.connection.sendRequest(BUILD_RESULTS, { uri, steps: progress.steps });
    assert.deepEqual(lines, [
      { line: 1, status: 'cached', text: 'cached' },
      { line: 3, status: 'cached', text: 'cached' },
      { line: 4, status: 'ran', text: 're-ran (0.3 s)' },
      { line: 6, status: 'failed', text: 'failed: failed to copy' },
    ]);
    const hover = async (line: number) =>
      cardOf(
        (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character: 1 } })) as Hover,
      );
    // The result stands right under the summary, before what the step's re-run sets off.
    assert.match(await hover(4), /^\*\*Re-runs when\*\*[^\n]*\n\n\*\*Last build:\*\* re-ran \(0\.3 s\)\n/);
    assert.match(await hover(1), /^\*\*[^\n]*\n\n\*\*Last build:\*\* cached\n/);
    const edited = text.replace('COPY app.txt .', 'COPY app.txt ./');
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 2 },
      contentChanges: [{ text: edited }],
    });
    assert.doesNotMatch(await hover(4), /Last build/, 'an edited line no longer shows the old result');
    assert.match(await hover(1), /\*\*Last build:\*\* cached\n/, 'the lines not edited keep theirs');
    await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  });

  test("image layers: after a build the sizes from the image's history are on their lines (CodeLens, hover), the image's size comes back, and a size rule cites what it points at", async () => {
    const text =
      ['FROM alpine:3.20', 'RUN apk add curl', 'COPY app /srv/app', 'RUN rm -rf /var/cache/apk', 'CMD ["app"]'].join('\n') + '\n';
    const uri = 'file:///work/sized/Dockerfile';
    // The size rules are off by default (docs/precision.md); a user who turns one on sees the measured size.
    await client.changeSettings({ rules: { ApkCacheNotDisabled: 'warning' } });
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'dockerfile', version: 1, text },
    });
    const before = await client.diagnostics(uri, 'ApkCacheNotDisabled');
    assert.equal(before.length, 1);
    assert.doesNotMatch(before[0].message as string, /measured/, 'nothing is cited before a build');
    const row = (createdBy: string, size = 0) => ({ createdBy, size, comment: 'buildkit.dockerfile.v0' });
    const rows = [
      row('CMD ["app"]'),
      row('RUN /bin/sh -c rm -rf /var/cache/apk # buildkit'),
      row('COPY app /srv/app # buildkit', 142_000_000),
      row('RUN /bin/sh -c apk add curl # buildkit', 3_500_000),
      { createdBy: '', size: 8_000_000, comment: 'Imported from -' },
    ];
    const measured = await client.connection.sendRequest(IMAGE_LAYERS, { uri, rows });
    assert.deepEqual(measured, {
      lines: [
        { line: 1, text: '+3.50 MB' },
        { line: 2, text: '+142 MB' },
        { line: 3, text: '+0 B: deleting here does not shrink the image; the files stay in the layer that added them' },
        { line: 0, text: 'base image 8.00 MB' },
      ],
      image: '154 MB',
    });
    assert.deepEqual(
      (await client.lenses(uri)).filter((l) => /^\d+: (\+|base image)/.test(l)),
      [
        '2: +3.50 MB',
        '3: +142 MB',
        '4: +0 B: deleting here does not shrink the image; the files stay in the layer that added them',
        '1: base image 8.00 MB',
      ],
    );
    const hover = async (line: number) =>
      cardOf(
        (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character: 1 } })) as Hover,
      );
    assert.match(await hover(2), /\*\*Size:\*\* \+142 MB/);
    const [cited] = await client.diagnostics(uri, 'ApkCacheNotDisabled');
    assert.match(cited.message as string, /The last build measured this layer at 3\.50 MB\.$/);
    // An edit to the measured line: its size is no longer claimed anywhere.
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 2 },
      contentChanges: [{ text: text.replace('apk add curl', 'apk add curl git') }],
    });
    assert.doesNotMatch((await client.diagnostics(uri, 'ApkCacheNotDisabled'))[0].message as string, /measured/);
    assert.doesNotMatch(await hover(1), /Size/);
    assert.ok((await client.lenses(uri)).includes('3: +142 MB'), 'the lines not edited keep theirs');
    await client.changeSettings({});
    await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  });

  test('requests for a document that is not open get empty answers, not errors', async () => {
    assert.deepEqual(await client.diagnostics('file:///never/opened/Dockerfile'), []);
    assert.equal(
      await client.connection.sendRequest(HoverRequest.type, {
        textDocument: { uri: 'file:///never/opened/Dockerfile' },
        position: { line: 0, character: 0 },
      }),
      null,
    );
  });

  test('shutdown and exit end the process with code 0', async () => {
    const exited = new Promise<number | null>((resolve) => client.process.once('exit', resolve));
    await client.connection.sendRequest(ShutdownRequest.type);
    await client.connection.sendNotification(ExitNotification.type);
    assert.equal(await exited, 0);
    assert.equal(client.stderr, '');
  });
});

describe('brief hovers, for a client that runs "Show Cache Details" (the VS Code extension)', () => {
  let client: Client;
  const hoverValue = async (line: number, character: number) =>
    (
      ((await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: URI }, position: { line, character } })) as Hover)
        .contents as MarkupContent
    ).value;

  before(async () => {
    client = new Client();
    await client.initialize(
      {
        workspace: { configuration: true, diagnostics: { refreshSupport: true } },
        textDocument: { diagnostic: { dynamicRegistration: false }, hover: { contentFormat: ['markdown'] } },
      },
      { cacheDetailsCommand: true },
    );
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: URI, languageId: 'dockerfile', version: 1, text: TEXT },
    });
  });

  after(() => {
    if (client.process.exitCode === null) client.process.kill();
  });

  test('a RUN hover says what re-runs it and what re-runs after it in at most 8 lines; its link opens the rest', async () => {
    const value = await hoverValue(4, 1);
    const lines = value.split('\n').filter((l) => l.trim() !== '');
    assert.ok(lines.length <= 8, `${lines.length} lines:\n${value}`);
    assert.match(lines[0], /^\*\*Re-runs when\*\* its command/);
    assert.match(value, /When this step re-runs, so does:\n- every later step of this stage: line 6/);
    assert.doesNotMatch(value, /The cache key depends on|Not part of the key|Execute any commands/);
    const link = /^_BuildKit cache: RUN step, line 5_ · \[Show cache details\]\(command:layerlens\.showCacheDetails\?([^)]+)\)$/.exec(
      lines[lines.length - 1],
    );
    assert.ok(link, lines[lines.length - 1]);
    const [args] = JSON.parse(decodeURIComponent(link[1])) as [{ uri: string; line: number; character: number }];
    assert.deepEqual(args, { uri: URI, line: 4, character: 1 });
    const details = await client.connection.sendRequest(CACHE_DETAILS, args);
    assert.equal(details?.title, 'BuildKit cache: RUN step, line 5');
    for (const part of [
      /^\*\*Re-runs when\*\*/,
      /When this step re-runs, so does:/,
      /\n---\n\nThe cache key depends on:\n[^]*ARG `NPM_TOKEN`/,
      /Not part of the key:/,
      /\n---\n\n[^]*Execute any commands/,
    ]) {
      assert.match(details?.markdown ?? '', part);
    }
    assert.doesNotMatch(details?.markdown ?? '', /command:/, 'the details need no link');
    assert.notEqual(await client.connection.sendRequest(CACHE_DETAILS, { uri: URI, line: 0, character: 0 }), null, 'FROM has a card');
    assert.equal(await client.connection.sendRequest(CACHE_DETAILS, { uri: 'file:///nowhere/Dockerfile', line: 0, character: 0 }), null);
  });

  test('layerlens.hover.detail "full" puts everything in the hover, the details below a rule', async () => {
    await client.changeSettings({ hover: { detail: 'full' } });
    const value = await hoverValue(4, 1);
    assert.doesNotMatch(value, /command:/);
    assert.match(
      value,
      /^\*\*Re-runs when\*\*[^]*When this step re-runs, so does:[^]*\n---\n\nThe cache key depends on:[^]*_BuildKit cache: RUN step, line 5_\n\n---\n\n[^]*Execute any commands/,
    );
    await client.changeSettings({});
  });
});

describe('language server with a client that takes snippet edits', () => {
  test('Convert to a multi-stage build leaves the JRE version a choice when the image does not name one', async () => {
    const client = new Client();
    try {
      await client.initialize({ workspace: { configuration: true, workspaceEdit: { documentChanges: true, snippetEditSupport: true } } });
      const uri = 'file:///work/java/Dockerfile';
      const text = 'FROM maven:3.9\nWORKDIR /build\nCOPY . .\nRUN mvn -B package\nCMD ["java", "-jar", "target/app.jar"]\n';
      await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri, languageId: 'dockerfile', version: 1, text },
      });
      const whole = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
      const [action] = (await client.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri },
        range: whole,
        context: { diagnostics: [], only: ['refactor.rewrite'] },
      })) as CodeAction[];
      const resolved = await client.connection.sendRequest(CodeActionResolveRequest.type, action);
      const edits = (resolved.edit?.documentChanges?.[0] as TextDocumentEdit).edits;
      assert.deepEqual(
        edits.map((e) => ('snippet' in e ? e.snippet : e.newText)),
        [
          ' AS build',
          {
            kind: 'snippet',
            value: '\nFROM eclipse-temurin:${1|21,17,11|}-jre\nWORKDIR /build\nCOPY --from=build /build/target /build/target\n',
          },
        ],
      );
    } finally {
      client.process.kill();
    }
  });
});
