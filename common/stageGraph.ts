import type { StageGraph, StageGraphNode } from './protocol';

/**
 * The stage graph as SVG: stages in columns by how many stages they depend on, edges from the
 * stage depended upon to its dependant. Colours are the editor theme's CSS variables, so the
 * picture follows light, dark and high-contrast themes inside a webview.
 */
const WIDTH = 220;
const HEIGHT = 74;
const GAP_X = 70;
const GAP_Y = 26;
const PAD = 16;

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export function nodeLabel(node: StageGraphNode): string {
  return node.name ?? `stage ${node.index}`;
}

function columns(graph: StageGraph): Map<number, number> {
  const depth = new Map<number, number>();
  for (const node of [...graph.nodes].sort((a, b) => a.index - b.index)) {
    const parents = graph.edges.filter((e) => e.to === node.index && e.from < node.index).map((e) => (depth.get(e.from) ?? 0) + 1);
    depth.set(node.index, Math.max(0, ...parents));
  }
  return depth;
}

export function renderStageGraphSvg(graph: StageGraph): string {
  const depth = columns(graph);
  const rows = new Map<number, number>();
  const position = new Map<number, { x: number; y: number }>();
  for (const node of [...graph.nodes].sort((a, b) => a.index - b.index)) {
    const column = depth.get(node.index) ?? 0;
    const row = rows.get(column) ?? 0;
    rows.set(column, row + 1);
    position.set(node.index, { x: PAD + column * (WIDTH + GAP_X), y: PAD + row * (HEIGHT + GAP_Y) });
  }
  const width = PAD * 2 + (Math.max(0, ...depth.values()) + 1) * (WIDTH + GAP_X) - GAP_X;
  const height = PAD * 2 + Math.max(1, ...rows.values()) * (HEIGHT + GAP_Y) - GAP_Y;
  const edges = graph.edges.map((edge) => {
    const from = position.get(edge.from);
    const to = position.get(edge.to);
    if (!from || !to) return '';
    const x1 = from.x + WIDTH;
    const y1 = from.y + HEIGHT / 2;
    const x2 = to.x;
    const y2 = to.y + HEIGHT / 2;
    const label = edge.kind === 'from' ? 'FROM' : edge.kind === 'copy' ? 'COPY --from' : 'RUN --mount';
    return `<g class="edge ${edge.kind}"><path d="M${x1},${y1} C${x1 + GAP_X / 2},${y1} ${x2 - GAP_X / 2},${y2} ${x2},${y2}" marker-end="url(#arrow)"/>`
      + `<text x="${(x1 + x2) / 2}" y="${(y1 + y2) / 2 - 4}" text-anchor="middle">${label} (line ${edge.line})</text></g>`;
  }).join('');
  const nodes = graph.nodes.map((node) => {
    const at = position.get(node.index) as { x: number; y: number };
    const classes = ['stage', node.needed ? 'needed' : 'skipped', node.target ? 'target' : '', node.rebuildFrom !== undefined ? 'rebuilds' : ''].filter(Boolean).join(' ');
    const status = !node.needed ? 'not built for this target' : node.rebuildFrom !== undefined ? `re-runs from line ${node.rebuildFrom}` : 'cached';
    return `<g class="${classes}" data-line="${node.line}"><rect x="${at.x}" y="${at.y}" width="${WIDTH}" height="${HEIGHT}" rx="6"/>`
      + `<text class="name" x="${at.x + 10}" y="${at.y + 22}">${escape(clip(nodeLabel(node), 26))}${node.target ? ' (target)' : ''}</text>`
      + `<text class="base" x="${at.x + 10}" y="${at.y + 42}">FROM ${escape(clip(node.base, 28))} · line ${node.line}</text>`
      + `<text class="status" x="${at.x + 10}" y="${at.y + 62}">${status}</text></g>`;
  }).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="Stage graph">`
    + '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z"/></marker></defs>'
    + `${edges}${nodes}</svg>`;
}

/** Theme-aware styles for the SVG, for the webview that shows it. */
export const STAGE_GRAPH_CSS = `
  body { color: var(--vscode-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); }
  svg text { fill: var(--vscode-foreground); font-size: 12px; }
  .stage rect { fill: var(--vscode-editorWidget-background); stroke: var(--vscode-editorWidget-border, var(--vscode-foreground)); stroke-width: 1; }
  .stage.target rect { stroke: var(--vscode-focusBorder); stroke-width: 2.5; }
  .stage.skipped { opacity: 0.45; }
  .stage.skipped rect { stroke-dasharray: 5 4; }
  .stage.rebuilds rect { stroke: var(--vscode-charts-orange); stroke-width: 2.5; }
  .stage.rebuilds .status { fill: var(--vscode-charts-orange); }
  .stage .name { font-weight: bold; font-size: 13px; }
  .stage .base, .edge text { fill: var(--vscode-descriptionForeground); font-size: 11px; }
  .edge path { fill: none; stroke: var(--vscode-descriptionForeground); stroke-width: 1.5; }
  .edge.copy path { stroke-dasharray: 6 3; }
  marker path { fill: var(--vscode-descriptionForeground); }
`;
