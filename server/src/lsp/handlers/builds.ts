import * as fs from 'fs';
import { fileURLToPath } from 'url';
import { buildInputs, describeResult, formatBytes, reachableStages, targetStage } from '../../engine';
import { BUILD_INPUTS, BUILD_RESULTS, BUILD_STARTED, ENGINE_VERSION, IMAGE_LAYERS, STAGE_GRAPH } from '../../../../common/protocol';
import type { ServerState } from '../state';

/**
 * What the client's builds need and report: the user's engine, a build started (the forecast's new
 * baseline), a Dockerfile's stages and secrets, each step's result and each layer's size on its
 * line, and the stage graph.
 */
export function registerBuilds(state: ServerState): void {
  const { connection, documents, contexts, settings, lastBuilds } = state;

  connection.onNotification(ENGINE_VERSION, (params) => {
    if (params.imageStore !== state.detectedStore) {
      state.detectedStore = params.imageStore;
      state.refreshCodeLenses();
    }
    if (params.version === state.detectedEngine) return;
    state.detectedEngine = params.version;
    state.refreshDiagnostics();
  });

  connection.onNotification(BUILD_STARTED, (params) => {
    if (!params.uri.startsWith('file:')) return;
    // The build reads the context as it is now, so the record must not use a listing from before.
    contexts.forget(params.uri);
    const context = contexts.get(params.uri);
    const folder = contexts.folderOf(params.uri);
    const text = documents.get(params.uri)?.getText() ?? fs.readFileSync(fileURLToPath(params.uri), 'utf8');
    if (context && folder) state.forecasts.record(params.uri, text, context, folder, params.buildArgs, params.target);
    // A Dockerfile built from a task without being open keeps nothing here.
    if (!documents.get(params.uri)) {
      contexts.forget(params.uri);
      state.forecasts.forget(folder);
    }
    state.refreshCodeLenses();
  });

  connection.onRequest(BUILD_INPUTS, (params) => {
    const model = state.modelOf(params.uri, params.text);
    return model ? buildInputs(model) : null;
  });

  connection.onRequest(BUILD_RESULTS, (params) => {
    const model = state.modelOf(params.uri);
    if (!model) return [];
    return lastBuilds.record(params.uri, model, params.steps).map((r) => ({ line: r.line, status: r.status, text: describeResult(r) }));
  });

  connection.onRequest(IMAGE_LAYERS, (params) => {
    const model = state.modelOf(params.uri);
    if (!model) return { lines: [], image: formatBytes(params.rows.reduce((sum, row) => sum + row.size, 0)) };
    const recorded = lastBuilds.recordLayers(params.uri, model, params.rows, params.target);
    state.refreshDiagnostics();
    state.refreshCodeLenses();
    return recorded;
  });

  connection.onRequest(STAGE_GRAPH, async (params) => {
    // A file asked for from the Explorer may not be open here yet: its text is read from disk then.
    const model = state.modelOf(params.uri);
    if (!model) return null;
    const needed = reachableStages(model, params.target);
    const target = targetStage(model, params.target);
    const context = contexts.get(params.uri);
    const folder = contexts.folderOf(params.uri);
    const current = await settings.get(params.uri);
    const forecast =
      context && folder ? state.forecasts.forecast(params.uri, model, context, folder, current.build.args, state.detectedStore) : undefined;
    return {
      nodes: model.stages.map((stage) => {
        const firstRun = forecast?.steps.find((s) => s.stage === stage.index && !s.skipped && s.forecast === 'runs');
        return {
          index: stage.index,
          name: stage.name,
          line: stage.from.range.start.line + 1,
          base: stage.resolvedBase || stage.base,
          needed: needed.has(stage.index),
          target: stage.index === target,
          ...(firstRun ? { rebuildFrom: firstRun.instruction.range.start.line + 1 } : {}),
        };
      }),
      edges: model.dependencies
        .filter((d) => d.target !== undefined)
        .map((d) => ({ from: d.target as number, to: d.stage, kind: d.kind, line: d.instruction.range.start.line + 1 })),
      basis: forecast?.basis,
    };
  });
}
