import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  CodeActionRequest,
  CodeLensRequest,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  HoverRequest,
} from 'vscode-languageserver-protocol/node';
import { BUILD_INPUTS, STAGE_GRAPH } from '../../common/protocol';
import { Client } from '../support/lspClient';
import { CANARY, CANARY_BUILD_ARGS, CANARY_DOCKERFILE } from '../support/secretCanaries';

test('the server sends no secret of the file or of the build args: diagnostics and their data, hovers on every word, code actions, lenses, the stage graph', async () => {
  const client = new Client();
  let sent = '';
  client.process.stdout?.on('data', (chunk) => {
    sent += String(chunk);
  });
  try {
    client.settings = { build: { args: CANARY_BUILD_ARGS } };
    await client.initialize({ workspace: { configuration: true } });
    const uri = 'file:///w/canary/Dockerfile';
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'dockerfile', version: 1, text: CANARY_DOCKERFILE },
    });
    const report = await client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
    const diagnostics = report.kind === 'full' ? report.items : [];
    assert.ok(
      diagnostics.some((d) => d.code === 'SecretValueInFile'),
      'the file is reported',
    );
    let hovers = 0;
    for (const [line, text] of CANARY_DOCKERFILE.split('\n').entries()) {
      for (const word of text.matchAll(/\S+/g)) {
        const hover = await client.connection.sendRequest(HoverRequest.type, {
          textDocument: { uri },
          position: { line, character: word.index + 1 },
        });
        if (hover) hovers++;
      }
    }
    assert.ok(hovers > 20, `hovers answered: ${hovers}`);
    for (const diagnostic of diagnostics) {
      await client.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri },
        range: diagnostic.range,
        context: { diagnostics: [diagnostic] },
      });
    }
    await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } });
    await client.connection.sendRequest(STAGE_GRAPH, { uri });
    await client.connection.sendRequest(BUILD_INPUTS, { uri });
    assert.match(sent, /hidden/, 'the scan sees the hovers that quote the secrets');
    const leaks = sent.split(/Content-Length: \d+\r\n\r\n/).filter((message) => message.includes(CANARY));
    assert.deepEqual(leaks, [], 'messages holding a canary');
    assert.ok(!client.stderr.includes(CANARY));
  } finally {
    client.process.kill();
  }
});
