import * as vscode from 'vscode';
import { CloseAction, CloseHandlerResult, ErrorAction, ErrorHandler, ErrorHandlerResult } from 'vscode-languageclient/node';
import { COMMANDS } from '../../common/commands';

/** Restarts allowed within the window before the server is left stopped rather than crash-looping. */
const MAX_RESTARTS = 4;
const WINDOW_MS = 3 * 60 * 1000;

/**
 * What happens when the language server's process dies. The library's default handler shuts the
 * client down on an error without a count (one the reader of a dead process's channel may raise
 * before the channel's close is seen), and a client that is shutting down is never restarted; so
 * here an error never decides: the close that always follows a dead process does. The user is told
 * once per window that the server was restarted, and when the limit is reached the message offers
 * the restart command.
 */
export class ServerRestarts implements ErrorHandler {
  private restarts: number[] = [];
  private told = false;

  error(): ErrorHandlerResult {
    return { action: ErrorAction.Continue, handled: true };
  }

  closed(): CloseHandlerResult {
    const now = Date.now();
    this.restarts = this.restarts.filter((at) => now - at < WINDOW_MS);
    if (this.restarts.length >= MAX_RESTARTS) {
      void vscode.window
        .showErrorMessage(
          `The Layerlens server stopped ${MAX_RESTARTS + 1} times in three minutes and was left stopped; the Layerlens output shows why.`,
          'Restart Layerlens Server',
        )
        .then((choice) => {
          if (choice) void vscode.commands.executeCommand(COMMANDS.restartServer);
        });
      return { action: CloseAction.DoNotRestart, handled: true };
    }
    this.restarts.push(now);
    if (!this.told) {
      this.told = true;
      void vscode.window.showInformationMessage('The Layerlens server stopped unexpectedly and was restarted.');
    }
    return { action: CloseAction.Restart, handled: true };
  }

  /** A restart the user asked for starts a fresh window. */
  reset(): void {
    this.restarts = [];
    this.told = false;
  }
}
