import { CodeLens } from '../languageServer';
import { COMMANDS } from '../../../../common/commands';
import { describeMeasured } from '../lastBuilds';
import { ServerState, unlessCancelled } from '../state';

/** CodeLenses: "Build stage" on named stages, the last build's layer sizes, and the cache forecast per step. */
export function registerCodeLenses(state: ServerState): void {
  const { connection, documents, settings, analyses, contexts, lastBuilds } = state;
  connection.onCodeLens(async (params, token): Promise<CodeLens[]> => {
    const document = documents.get(params.textDocument.uri);
    const context = document && contexts.get(document.uri);
    if (!document) return [];
    const current = await settings.get(document.uri);
    if (!current.enable) return [];
    await unlessCancelled(token);
    const model = analyses.model(document);
    // "Build stage" above each named stage of a multi-stage file: `--target` needs a name.
    const stageLenses: CodeLens[] =
      !current.build.codeLens || model.stages.length < 2
        ? []
        : model.stages
            .filter((s) => s.name)
            .map((stage) => ({
              range: {
                start: { line: stage.from.range.start.line, character: 0 },
                end: { line: stage.from.range.start.line, character: 0 },
              },
              command: {
                title: `Build stage ${stage.name}`,
                command: COMMANDS.buildStage,
                arguments: [{ uri: document.uri, target: stage.name }],
              },
            }));
    // The last build's layer sizes; a lens without a command reads as plain text.
    const layerLenses: CodeLens[] = !current.build.codeLens
      ? []
      : lastBuilds.layersOf(document.uri, model).map(([line, m]) => ({
          range: { start: { line, character: 0 }, end: { line, character: 0 } },
          command: { title: describeMeasured(m), command: '' },
        }));
    const folder = contexts.folderOf(document.uri);
    const forecast =
      context && folder && current.forecast.codeLens
        ? state.forecasts.forecast(document.uri, model, context, folder, current.build.args, state.detectedStore)
        : undefined;
    if (!forecast) return [...stageLenses, ...layerLenses];
    return [
      ...stageLenses,
      ...layerLenses,
      ...forecast.steps
        .filter((s) => !s.skipped)
        .map((step) => {
          const line = step.instruction.range.start.line;
          const verdict = step.forecast === 'cached' ? 'cached' : step.certain ? 're-runs' : 'may re-run';
          const title = step.reasons.length > 0 ? `${verdict}: ${step.reasons[0]}` : verdict;
          return {
            range: { start: { line, character: 0 }, end: { line, character: 0 } },
            command: {
              title: title.replace(/`/g, ''),
              command: COMMANDS.showForecast,
              arguments: [{ line: line + 1, verdict, reasons: step.reasons, basis: forecast.basis }],
            },
          };
        }),
    ];
  });
}
