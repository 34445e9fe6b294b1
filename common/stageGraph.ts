// dagre's type declarations import their own files without extensions from an ES module, which
// node16 resolution rejects, so they type nothing here; the part of its API this file calls is
// declared below instead. The value is the package's CommonJS build, which esbuild bundles.
interface DagreBox {
  x: number;
  y: number;
  width?: number;
  height?: number;
}
interface DagreGraph {
  setGraph(label: { rankdir: string; nodesep: number; edgesep: number; ranksep: number; marginx: number; marginy: number }): void;
  setDefaultEdgeLabel(label: () => object): void;
  setNode(name: string, label: { width: number; height: number }): void;
  setEdge(from: string, to: string, label: { width: number; height: number; labelpos: 'c' }, name: string): void;
  graph(): { width?: number; height?: number };
  node(name: string): DagreBox;
  edge(edge: { v: string; w: string; name: string }): Partial<DagreBox> & { points?: { x: number; y: number }[] };
}
interface Dagre {
  Graph: new (options: { multigraph: boolean }) => DagreGraph;
  layout: (graph: DagreGraph) => void;
}
import type { StageGraph, StageGraphEdge, StageGraphNode } from './protocol';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- see above: a typed require of the CommonJS build.
const { Graph, layout } = require('@dagrejs/dagre') as Dagre;

/**
 * The stage graph as SVG: dagre lays it out left to right, from the stage depended upon to its
 * dependants, with every edge label given a place of its own, so that no label sits on a box or on
 * another label. Colours are the editor theme's CSS variables, so the picture follows light, dark
 * and high-contrast themes inside a webview.
 */
const NODE_WIDTH = 220;
const NODE_HEIGHT = 74;
const LABEL_HEIGHT = 16;
const MARGIN = 16;
/** A generous width per character of the 11px edge labels, so that a label's box holds its text in any UI font. */
const LABEL_CHAR_WIDTH = 7;

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface StageGraphLayout {
  width: number;
  height: number;
  nodes: { node: StageGraphNode; box: Box }[];
  edges: { edge: StageGraphEdge; label: string; labelBox: Box; points: { x: number; y: number }[] }[];
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export function nodeLabel(node: StageGraphNode): string {
  return node.name ?? `stage ${node.index}`;
}

export function edgeLabel(edge: StageGraphEdge): string {
  return `${edge.kind === 'from' ? 'FROM' : edge.kind === 'copy' ? 'COPY --from' : 'RUN --mount'} (line ${edge.line})`;
}

/** Places the stages and the edges' labels; boxes are given by their top-left corner. */
export function layoutStageGraph(graph: StageGraph): StageGraphLayout {
  // A multigraph: a stage can be both the base of another and copied from by it.
  const g = new Graph({ multigraph: true });
  g.setGraph({ rankdir: 'LR', nodesep: 24, edgesep: 12, ranksep: 56, marginx: MARGIN, marginy: MARGIN });
  g.setDefaultEdgeLabel(() => ({}));
  for (const node of graph.nodes) g.setNode(String(node.index), { width: NODE_WIDTH, height: NODE_HEIGHT });
  const known = new Set(graph.nodes.map((n) => n.index));
  const edges = graph.edges.filter((e) => known.has(e.from) && known.has(e.to));
  edges.forEach((edge, i) => {
    const label = edgeLabel(edge);
    g.setEdge(
      String(edge.from),
      String(edge.to),
      { width: label.length * LABEL_CHAR_WIDTH, height: LABEL_HEIGHT, labelpos: 'c' },
      String(i),
    );
  });
  layout(g);
  const size = g.graph();
  return {
    width: Math.ceil(size.width ?? 0),
    height: Math.ceil(size.height ?? 0),
    nodes: graph.nodes.map((node) => {
      const placed = g.node(String(node.index));
      return { node, box: { x: placed.x - NODE_WIDTH / 2, y: placed.y - NODE_HEIGHT / 2, width: NODE_WIDTH, height: NODE_HEIGHT } };
    }),
    edges: edges.map((edge, i) => {
      const placed = g.edge({ v: String(edge.from), w: String(edge.to), name: String(i) });
      const width = placed.width ?? 0;
      return {
        edge,
        label: edgeLabel(edge),
        labelBox: { x: (placed.x ?? 0) - width / 2, y: (placed.y ?? 0) - LABEL_HEIGHT / 2, width, height: LABEL_HEIGHT },
        points: placed.points ?? [],
      };
    }),
  };
}

export function renderStageGraphSvg(graph: StageGraph): string {
  const placed = layoutStageGraph(graph);
  const edges = placed.edges
    .map(({ edge, label, labelBox, points }) => {
      const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');
      return (
        `<g class="edge ${edge.kind}"><path d="${path}" marker-end="url(#arrow)"/>` +
        `<text x="${(labelBox.x + labelBox.width / 2).toFixed(1)}" y="${(labelBox.y + 12).toFixed(1)}" text-anchor="middle">${label}</text></g>`
      );
    })
    .join('');
  const nodes = placed.nodes
    .map(({ node, box }) => {
      const { x, y } = box;
      const classes = [
        'stage',
        node.needed ? 'needed' : 'skipped',
        node.target ? 'target' : '',
        node.rebuildFrom !== undefined ? 'rebuilds' : '',
      ]
        .filter(Boolean)
        .join(' ');
      const status = !node.needed
        ? 'not built for this target'
        : node.rebuildFrom !== undefined
          ? `re-runs from line ${node.rebuildFrom}`
          : 'cached';
      return (
        `<g class="${classes}" data-line="${node.line}" tabindex="0" role="button" aria-label="${escape(nodeLabel(node))}, line ${node.line}">` +
        `<rect x="${x}" y="${y}" width="${NODE_WIDTH}" height="${NODE_HEIGHT}" rx="6"/>` +
        `<text class="name" x="${x + 10}" y="${y + 22}">${escape(clip(nodeLabel(node), 26))}${node.target ? ' (target)' : ''}</text>` +
        `<text class="base" x="${x + 10}" y="${y + 42}">FROM ${escape(clip(node.base, 28))} · line ${node.line}</text>` +
        `<text class="status" x="${x + 10}" y="${y + 62}">${status}</text></g>`
      );
    })
    .join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${placed.width}" height="${placed.height}" viewBox="0 0 ${placed.width} ${placed.height}" role="img" aria-label="Stage graph">` +
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z"/></marker></defs>' +
    `<g id="view">${edges}${nodes}</g></svg>`
  );
}

/** What the picture's marks mean, for the webview beside it. */
export const STAGE_GRAPH_LEGEND = [
  ['target', 'the stage being built (the last one, or the build target)'],
  ['needed', 'a stage the target needs: BuildKit builds it'],
  ['skipped', 'a stage the target does not need: BuildKit skips it'],
  ['rebuilds', 'the forecast expects a step of it to re-run'],
  ['edge from', 'FROM: built on that stage'],
  ['edge copy', 'COPY --from: copies files out of that stage'],
  ['edge mount', 'RUN --mount from: mounts that stage'],
] as const;

/** Theme-aware styles for the SVG and its legend, for the webview that shows them. */
export const STAGE_GRAPH_CSS = `
  body { color: var(--vscode-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); margin: 0; height: 100vh; display: flex; flex-direction: column; }
  header { padding: 6px 12px; display: flex; flex-wrap: wrap; gap: 6px 16px; align-items: center; border-bottom: 1px solid var(--vscode-editorWidget-border, transparent); }
  header button { color: var(--vscode-button-foreground); background: var(--vscode-button-background); border: none; padding: 2px 8px; cursor: pointer; }
  .legend { display: flex; flex-wrap: wrap; gap: 4px 14px; margin: 0; padding: 0; list-style: none; font-size: 12px; }
  .legend svg { vertical-align: middle; margin-right: 4px; }
  #canvas { flex: 1; min-height: 0; overflow: hidden; cursor: grab; }
  #canvas.dragging { cursor: grabbing; }
  svg text { fill: var(--vscode-foreground); font-size: 12px; }
  .stage { cursor: pointer; }
  .stage rect { fill: var(--vscode-editorWidget-background); stroke: var(--vscode-editorWidget-border, var(--vscode-foreground)); stroke-width: 1; }
  .stage:hover rect, .stage:focus rect { stroke: var(--vscode-focusBorder); }
  .stage.target rect { stroke: var(--vscode-focusBorder); stroke-width: 2.5; }
  .stage.skipped { opacity: 0.45; }
  .stage.skipped rect { stroke-dasharray: 5 4; }
  .stage.rebuilds rect { stroke: var(--vscode-charts-orange); stroke-width: 2.5; }
  .stage.rebuilds .status { fill: var(--vscode-charts-orange); }
  .stage .name { font-weight: bold; font-size: 13px; }
  .stage .base, .edge text { fill: var(--vscode-descriptionForeground); font-size: 11px; }
  .edge path { fill: none; stroke: var(--vscode-descriptionForeground); stroke-width: 1.5; }
  .edge.copy path { stroke-dasharray: 6 3; }
  .edge.mount path { stroke-dasharray: 2 3; }
  marker path { fill: var(--vscode-descriptionForeground); }
`;
