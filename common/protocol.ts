/**
 * Layerlens' own messages between the client and the server, beside the standard LSP ones: typed
 * message objects, so that both sides and the tests share one spelling, and a change to a message's
 * parameters or result is a type error wherever it is sent or handled.
 */
import { NotificationType, RequestType, RequestType0 } from 'vscode-jsonrpc';
import type { BuildInputs } from './buildPlan';
import type { ImageStore } from './imageStore';
import type { BuildStep, StepStatus } from './buildProgress';
import type { HistoryRow } from './imageHistory';

/** Client → server notification: a build of this Dockerfile was started with these options. */
export const BUILD_STARTED = new NotificationType<BuildStartedParams>('layerlens/buildStarted');
export interface BuildStartedParams {
  uri: string;
  buildArgs: Record<string, string>;
  target?: string;
}

/**
 * Client → server notification: the version of the Docker Engine the local `docker` talks to
 * (`28.5.2`), asked once per server start in a trusted workspace; undefined when there is none.
 */
export const ENGINE_VERSION = new NotificationType<EngineVersionParams>('layerlens/engineVersion');
export interface EngineVersionParams {
  version?: string;
  /** From `docker info`: what a `COPY --link` after a re-run step costs. */
  imageStore?: ImageStore;
}

/**
 * Client → server request: everything the cache hover at a position knows (the key, what is left
 * out of it, the instruction's documentation), for "Show cache details"; null where no card is.
 */
export const CACHE_DETAILS = new RequestType<CacheDetailsParams, CacheDetails | null, void>('layerlens/cacheDetails');
export interface CacheDetailsParams {
  uri: string;
  line: number;
  character: number;
}
export interface CacheDetails {
  title: string;
  markdown: string;
}

/** Client → server request: the stages of a Dockerfile, their edges and the forecast's first re-run per stage. */
export const STAGE_GRAPH = new RequestType<StageGraphParams, StageGraph | null, void>('layerlens/stageGraph');
export interface StageGraphParams {
  uri: string;
  target?: string;
}
export interface StageGraphNode {
  index: number;
  name?: string;
  line: number;
  base: string;
  /** The target needs it: BuildKit builds it. */
  needed: boolean;
  target: boolean;
  /** The line of the stage's first step the forecast expects to re-run, when it has one. */
  rebuildFrom?: number;
}
export interface StageGraphEdge {
  from: number;
  to: number;
  kind: 'from' | 'copy' | 'mount';
  line: number;
}
export interface StageGraph {
  nodes: StageGraphNode[];
  edges: StageGraphEdge[];
  /** What the forecast compares with: the last Layerlens build, or the last commit. */
  basis?: string;
}

/** Client → server request: what the build commands need to know of a Dockerfile (stages, secret ids). */
export const BUILD_INPUTS = new RequestType<BuildInputsParams, BuildInputs | null, void>('layerlens/buildInputs');
export interface BuildInputsParams {
  uri: string;
  /** The file's text when it is not open in the editor. */
  text?: string;
}

/**
 * Client → server request: the steps a build's progress reported; the server puts them on their
 * lines, keeps them for the hover, and answers with the lines for the editor's decorations.
 */
export const BUILD_RESULTS = new RequestType<BuildResultsParams, BuildLineResult[], void>('layerlens/buildResults');
export interface BuildResultsParams {
  uri: string;
  steps: BuildStep[];
}
export interface BuildLineResult {
  line: number;
  status: StepStatus;
  /** How it reads: `cached`, `re-ran (12.3 s)`, `failed: …`. */
  text: string;
}

/**
 * Client → server request: the history of the image a build produced (`target` as built); the
 * server puts each layer's size on its line for the CodeLens, the hover and the size rules'
 * messages, and answers with what the editor shows.
 */
export const IMAGE_LAYERS = new RequestType<ImageLayersParams, ImageLayersResult, void>('layerlens/imageLayers');
export interface ImageLayersParams {
  uri: string;
  target?: string;
  rows: HistoryRow[];
}
export interface ImageLayersResult {
  /** Each mapped line and how its size reads (`+142 MB`). */
  lines: { line: number; text: string }[];
  /** The whole image (`142 MB`), for the status bar. */
  image: string;
}

/**
 * Client → server request: what the server holds, to diagnose its memory (the tests check that
 * closing documents frees their analyses). The heap figure follows a collection when the server
 * runs with --expose-gc, and is comparable between calls only then.
 */
export const SERVER_STATUS = new RequestType0<ServerStatus, void>('layerlens/serverStatus');
export interface ServerStatus {
  openDocuments: number;
  /** Parsed versions and their findings. */
  analyses: number;
  /** Listed build contexts, settings asked of the client, and file fingerprints kept for the forecast. */
  contexts: number;
  settings: number;
  fingerprints: number;
  heapUsed: number;
}
