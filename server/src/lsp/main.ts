import { Connection, createConnection, ErrorCodes, ProposedFeatures, ResponseMessage, StreamMessageReader } from './languageServer';
import { startServer } from './server';
import { StdioMessageWriter } from './stdioWriter';

/**
 * Over stdio (other editors, the tests) the server reads the message framing itself, because
 * vscode-languageserver's own reader neither answers a message whose body is not JSON nor recovers
 * from a broken header: after `Content-Length: abc` it waited forever. A body that is not JSON
 * still arrives whole, so the stream stays in step and the client gets a parse error; a broken
 * header leaves no way to find the next message, so the server says why and exits, and the
 * client can start a fresh one. Its answers go out one write each (`StdioMessageWriter`).
 */
function stdioConnection(): Connection {
  const reader = new StreamMessageReader(process.stdin);
  const writer = new StdioMessageWriter(process.stdout);
  reader.onError((error) => {
    if (error instanceof SyntaxError) {
      process.stderr.write(`layerlens: a message was not JSON and was ignored (${error.message})\n`);
      const response: ResponseMessage = {
        jsonrpc: '2.0',
        id: null,
        error: { code: ErrorCodes.ParseError, message: `Parse error: ${error.message}` },
      };
      void writer.write(response);
      return;
    }
    process.stderr.write(`layerlens: the client's message stream is broken (${error.message}); exiting\n`);
    process.exit(1);
  });
  const connection = createConnection(ProposedFeatures.all, reader, writer);
  // Anything else on stdout would corrupt the stream: stray console output goes to stderr.
  for (const level of ['log', 'info', 'warn', 'debug'] as const) console[level] = console.error;
  // A client that goes away closes its end: exit as vscode-languageserver does for its own stdio.
  let shutdown = false;
  connection.onShutdown(() => {
    shutdown = true;
  });
  for (const event of ['end', 'close']) process.stdin.on(event, () => process.exit(shutdown ? 0 : 1));
  return connection;
}

// The transport comes from the command line: --stdio for other editors and the tests,
// --node-ipc when VS Code's client forks the server.
startServer(process.argv.includes('--stdio') ? stdioConnection() : createConnection(ProposedFeatures.all));
