import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { STAGE_GRAPH, StageGraph } from '../../common/protocol';
import { renderStageGraphSvg, STAGE_GRAPH_CSS } from '../../common/stageGraph';

/** What a forecast CodeLens carries to its command. */
export interface ForecastLensArgs {
  line: number;
  verdict: string;
  reasons: string[];
  basis: string;
}

/** Shows why a step is forecast to re-run (or not), with what it was compared to. */
export function showForecast(args: ForecastLensArgs): string {
  const message = `Line ${args.line} ${args.verdict}${args.reasons.length > 0 ? `: ${args.reasons.join('; ')}` : ''}. Compared with ${args.basis}.`;
  void vscode.window.showInformationMessage(message.replace(/`/g, ''));
  return message;
}

let panel: vscode.WebviewPanel | undefined;

/**
 * Layerlens: Show Stage Graph. Asks the server for the active Dockerfile's stages and edges and
 * shows them as SVG in a webview beside the editor, refreshed on each call. Returns what it drew.
 */
export async function showStageGraph(client: LanguageClient): Promise<{ graph: StageGraph; svg: string } | undefined> {
  const document = vscode.window.activeTextEditor?.document;
  if (!document || document.languageId !== 'dockerfile') {
    void vscode.window.showErrorMessage('Layerlens: open a Dockerfile to see its stage graph.');
    return undefined;
  }
  const graph = await client.sendRequest<StageGraph | null>(STAGE_GRAPH, { uri: document.uri.toString() });
  if (!graph || graph.nodes.length === 0) {
    void vscode.window.showInformationMessage('Layerlens: this Dockerfile has no stages yet.');
    return undefined;
  }
  const svg = renderStageGraphSvg(graph);
  const title = `Stages: ${vscode.workspace.asRelativePath(document.uri)}`;
  if (!panel) {
    panel = vscode.window.createWebviewPanel('layerlens.stageGraph', title, vscode.ViewColumn.Beside, { enableScripts: false });
    panel.onDidDispose(() => { panel = undefined; });
  }
  panel.title = title;
  // No scripts and no remote content: the policy allows only the inline styles the picture uses.
  panel.webview.html = `<!DOCTYPE html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline';">
<style>${STAGE_GRAPH_CSS}</style></head><body>
<p>${graph.basis ? `Forecast against ${graph.basis.replace(/[<>&]/g, '')}.` : 'No forecast: no Layerlens build is on record and the folder is not a git repository.'} Solid arrows: FROM; dashed: COPY --from.</p>
${svg}</body></html>`;
  panel.reveal(vscode.ViewColumn.Beside, true);
  return { graph, svg };
}
