import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CACHE_DETAILS, CacheDetailsParams } from '../../common/protocol';

/** The scheme of the read-only documents "Show Cache Details" opens: nothing to save, nothing to lose. */
export const CACHE_DETAILS_SCHEME = 'layerlens-cache';

/**
 * "Show Cache Details": the whole cache card of a position (the key, what is left out of it, the
 * instruction's documentation), which the brief hover leaves out, as a Markdown preview beside the
 * Dockerfile. From the hover's link it gets the position; from the palette, the cursor's.
 */
export class CacheDetailsView implements vscode.TextDocumentContentProvider {
  private readonly contents = new Map<string, string>();
  private opened = 0;

  constructor(private readonly client: LanguageClient) {}

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? 'These cache details are no longer available: hover the instruction again.';
  }

  /** Opens the details and returns the document's URI, or undefined when there is nothing to show (and says so). */
  async show(args?: CacheDetailsParams): Promise<vscode.Uri | undefined> {
    const editor = vscode.window.activeTextEditor;
    const params =
      args ??
      (editor && editor.document.languageId === 'dockerfile'
        ? { uri: editor.document.uri.toString(), line: editor.selection.active.line, character: editor.selection.active.character }
        : undefined);
    if (!params) {
      void vscode.window.showInformationMessage(
        'Show Cache Details explains the Dockerfile instruction under the cursor: open a Dockerfile first.',
      );
      return undefined;
    }
    const details = await this.client.sendRequest(CACHE_DETAILS, params);
    if (!details) {
      void vscode.window.showInformationMessage(
        'There is no cache card here: put the cursor on a Dockerfile instruction, a stage name or a mount.',
      );
      return undefined;
    }
    // Each view gets its own URI, so that an earlier one stays as it was.
    const uri = vscode.Uri.from({
      scheme: CACHE_DETAILS_SCHEME,
      path: `/${details.title.replace(/[/\\:]/g, ' ')}.md`,
      query: String(++this.opened),
    });
    this.contents.set(uri.toString(), details.markdown);
    try {
      await vscode.commands.executeCommand('markdown.showPreviewToSide', uri);
    } catch {
      // Without VS Code's Markdown extension (disabled, or an editor that lacks it) the text itself is readable.
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), {
        viewColumn: vscode.ViewColumn.Beside,
        preview: true,
      });
    }
    return uri;
  }
}
