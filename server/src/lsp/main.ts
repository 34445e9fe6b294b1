import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

// The transport comes from the command line: --stdio for other editors and the tests,
// --node-ipc when VS Code's client forks the server.
startServer(createConnection(ProposedFeatures.all));
