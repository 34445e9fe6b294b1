import { randomBytes } from 'crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { COMMANDS } from '../../common/commands';
import { STAGE_GRAPH, StageGraph } from '../../common/protocol';
import { renderStageGraphSvg, STAGE_GRAPH_CSS, STAGE_GRAPH_LEGEND } from '../../common/stageGraph';

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
/** The Dockerfile the panel shows, whose lines a click on a stage opens. */
let shown: vscode.Uri | undefined;

/** Opens `line` (1-based) of the Dockerfile the stage graph shows, in the editor column it came from. */
export async function openStageLine(line: number): Promise<vscode.TextEditor | undefined> {
  if (!shown || !Number.isInteger(line) || line < 1) return undefined;
  const document = await vscode.workspace.openTextDocument(shown);
  const position = new vscode.Position(Math.min(line, document.lineCount) - 1, 0);
  const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === shown?.toString());
  return vscode.window.showTextDocument(document, {
    viewColumn: editor?.viewColumn ?? vscode.ViewColumn.One,
    selection: new vscode.Range(position, position),
  });
}

/**
 * The webview's own script: drag to pan, the wheel or the buttons to zoom, Fit to see it all, and a
 * click (or Enter) on a stage asks the extension to open its FROM line. Nothing else is sent.
 */
const PAN_ZOOM_SCRIPT = `
const vscode = acquireVsCodeApi();
const canvas = document.getElementById('canvas');
const svg = canvas.querySelector('svg');
const view = svg.getElementById('view');
const width = Number(svg.getAttribute('width')), height = Number(svg.getAttribute('height'));
svg.setAttribute('width', '100%'); svg.setAttribute('height', '100%');
svg.removeAttribute('viewBox');
let scale = 1, x = 0, y = 0, moved = false;
const apply = () => view.setAttribute('transform', 'translate(' + x + ',' + y + ') scale(' + scale + ')');
const fit = () => {
  const box = canvas.getBoundingClientRect();
  // A panel not laid out yet has no size; the observer below fits it once it has one.
  if (!box.width || !box.height) return;
  moved = false;
  scale = Math.min(1, box.width / width, box.height / height);
  x = (box.width - width * scale) / 2; y = Math.max(0, (box.height - height * scale) / 2);
  apply();
};
const zoom = (factor, cx, cy) => {
  moved = true;
  const next = Math.min(4, Math.max(0.1, scale * factor));
  x = cx - (cx - x) * (next / scale); y = cy - (cy - y) * (next / scale); scale = next; apply();
};
canvas.addEventListener('wheel', (e) => { e.preventDefault(); const r = canvas.getBoundingClientRect(); zoom(e.deltaY < 0 ? 1.15 : 1 / 1.15, e.clientX - r.left, e.clientY - r.top); }, { passive: false });
let drag;
canvas.addEventListener('pointerdown', (e) => { if (e.target.closest('.stage')) return; drag = { px: e.clientX, py: e.clientY, x, y }; canvas.classList.add('dragging'); canvas.setPointerCapture(e.pointerId); });
canvas.addEventListener('pointermove', (e) => { if (!drag) return; moved = true; x = drag.x + e.clientX - drag.px; y = drag.y + e.clientY - drag.py; apply(); });
canvas.addEventListener('pointerup', () => { drag = undefined; canvas.classList.remove('dragging'); });
for (const stage of svg.querySelectorAll('.stage')) {
  const open = () => vscode.postMessage({ openLine: Number(stage.getAttribute('data-line')) });
  stage.addEventListener('click', open);
  stage.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') open(); });
}
const center = () => { const r = canvas.getBoundingClientRect(); return [r.width / 2, r.height / 2]; };
document.getElementById('zoom-in').addEventListener('click', () => zoom(1.25, ...center()));
document.getElementById('zoom-out').addEventListener('click', () => zoom(1 / 1.25, ...center()));
document.getElementById('fit').addEventListener('click', fit);
// The graph follows the panel's size (a new layout, a wrapped legend) until the user pans or zooms it.
new ResizeObserver(() => { if (!moved) fit(); }).observe(canvas);
fit();
`;

/** A sample of each mark for the legend, drawn with the picture's own classes. */
function legendMark(kind: string): string {
  if (kind.startsWith('edge')) return `<svg width="34" height="10"><g class="${kind}"><path d="M1,5 L33,5"/></g></svg>`;
  return `<svg width="24" height="16"><g class="stage needed ${kind}"><rect x="1" y="1" width="22" height="14" rx="3"/></g></svg>`;
}

/**
 * Layerlens: Show Stage Graph. Asks the server for the active (or given) Dockerfile's stages and edges and
 * shows them as SVG in a webview beside the editor, refreshed on each call. Returns what it drew.
 */
export async function showStageGraph(client: LanguageClient, uri?: vscode.Uri): Promise<{ graph: StageGraph; svg: string } | undefined> {
  // From the Explorer's context menu the file comes as an argument; it is opened so that the server knows its text.
  const document = uri ? (await vscode.window.showTextDocument(uri, { preview: true })).document : vscode.window.activeTextEditor?.document;
  if (!document || document.languageId !== 'dockerfile') {
    void vscode.window.showErrorMessage('Layerlens: open a Dockerfile to see its stage graph.');
    return undefined;
  }
  const graph = await client.sendRequest(STAGE_GRAPH, { uri: document.uri.toString() });
  if (!graph || graph.nodes.length === 0) {
    void vscode.window.showInformationMessage('Layerlens: this Dockerfile has no stages yet.');
    return undefined;
  }
  const svg = renderStageGraphSvg(graph);
  const title = `Stages: ${vscode.workspace.asRelativePath(document.uri)}`;
  if (!panel) {
    panel = vscode.window.createWebviewPanel('layerlens.stageGraph', title, vscode.ViewColumn.Beside, { enableScripts: true });
    panel.webview.onDidReceiveMessage((message: { openLine?: unknown }) => {
      if (typeof message.openLine === 'number') void vscode.commands.executeCommand(COMMANDS.openStageLine, message.openLine);
    });
    panel.onDidDispose(() => {
      panel = undefined;
    });
  }
  shown = document.uri;
  panel.title = title;
  const nonce = randomBytes(16).toString('base64');
  const basis = graph.basis
    ? `Forecast against ${graph.basis.replace(/[<>&]/g, '')}.`
    : 'No forecast: no Layerlens build is on record and the folder is not a git repository.';
  const legend = STAGE_GRAPH_LEGEND.map(([kind, meaning]) => `<li>${legendMark(kind)}${meaning}</li>`).join('');
  // No remote content: the policy allows the inline styles the picture uses and this one script.
  panel.webview.html = `<!DOCTYPE html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-${nonce}';">
<style>${STAGE_GRAPH_CSS}</style></head><body>
<header><span>${basis} Click a stage to open its FROM line; drag to pan, scroll to zoom.</span>
<button id="zoom-out" title="Zoom out">−</button><button id="zoom-in" title="Zoom in">+</button><button id="fit" title="Fit the graph to the panel">Fit</button>
<ul class="legend">${legend}</ul></header>
<div id="canvas">${svg}</div>
<script nonce="${nonce}">${PAN_ZOOM_SCRIPT}</script></body></html>`;
  panel.reveal(vscode.ViewColumn.Beside, true);
  return { graph, svg };
}
