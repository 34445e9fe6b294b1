import type { BuildStep } from '../../../common/buildProgress';
import type { HistoryRow } from '../../../common/imageHistory';
import { describeLayer, describeResult, formatBytes, instructionOnLine, layerSizes, stepLines } from '../engine';
import type { DockerfileModel, LayerSize, LineResult } from '../engine';

/** How many Dockerfiles' last build results are kept; the oldest is dropped first. */
const KEPT = 64;

interface Kept<T> {
  result: T;
  /** The instruction's text when it was built: an edited line no longer shows the old result. */
  text: string;
}

/** A measured layer, and whether it is the base image under a FROM line or an instruction's own. */
export interface MeasuredLayer {
  layer: LayerSize;
  base: boolean;
}

/** A layer that added something, or a deleting step that added nothing; `+0 B` on every ENV would be noise. */
const worthShowing = (measured: MeasuredLayer) => measured.layer.bytes > 0 || measured.layer.deletesOnly === true;

/** How a measured layer reads on its line and in its hover: `+142 MB`, or the base image's size on a FROM line. */
export function describeMeasured(measured: MeasuredLayer): string {
  return measured.base ? `base image ${formatBytes(measured.layer.bytes)}` : describeLayer(measured.layer);
}

/**
 * The result of each step of the last build of each Dockerfile, for the hover's cache card, and the
 * size of each layer of the image it made, for the CodeLens, the hover and the size rules' messages.
 */
export class LastBuilds {
  private readonly builds = new Map<string, Map<number, Kept<LineResult>>>();
  private readonly layers = new Map<string, Map<number, Kept<MeasuredLayer>>>();

  record(uri: string, model: DockerfileModel, steps: readonly BuildStep[]): LineResult[] {
    const results = stepLines(model, steps);
    keep(
      this.builds,
      uri,
      model,
      results.map((result) => [result.line, result]),
    );
    return results;
  }

  /** Puts the built image's history on its lines; answers with each line's size as the editor shows it, and the image's size. */
  recordLayers(
    uri: string,
    model: DockerfileModel,
    rows: readonly HistoryRow[],
    target: string | undefined,
  ): { lines: { line: number; text: string }[]; image: string } {
    const image = layerSizes(model, rows, target);
    const measured: [number, MeasuredLayer][] = image.layers.map((layer) => [layer.line, { layer, base: false }]);
    if (image.base) measured.push([image.base.line, { layer: image.base, base: true }]);
    keep(this.layers, uri, model, measured);
    return {
      lines: measured.filter(([, m]) => worthShowing(m)).map(([line, m]) => ({ line, text: describeMeasured(m) })),
      image: formatBytes(image.totalBytes),
    };
  }

  /** The measured layer of the instruction over this line, when the last build made it from the text written now. */
  layerOn(uri: string, model: DockerfileModel, line: number): MeasuredLayer | undefined {
    return current(this.layers.get(uri), model, line);
  }

  /** The measured layers worth a line of their own, of the instructions still written as they were built. */
  layersOf(uri: string, model: DockerfileModel): [number, MeasuredLayer][] {
    return [...(this.layers.get(uri)?.keys() ?? [])].flatMap((line) => {
      const measured = this.layerOn(uri, model, line);
      return measured && worthShowing(measured) ? [[line, measured] as [number, MeasuredLayer]] : [];
    });
  }

  /** `re-ran (12.3 s)` for the instruction over this line, when the last build ran it as it is written now. */
  describe(uri: string, model: DockerfileModel, line: number): string | undefined {
    const kept = current(this.builds.get(uri), model, line);
    return kept && describeResult(kept);
  }
}

/** Replaces a file's kept results, each with its instruction's text; the file kept longest is dropped past KEPT. */
function keep<T>(kept: Map<string, Map<number, Kept<T>>>, uri: string, model: DockerfileModel, results: [number, T][]): void {
  const lines = new Map<number, Kept<T>>();
  for (const [line, result] of results) {
    const instruction = model.instructions.find((i) => i.range.start.line === line);
    if (instruction) lines.set(line, { result, text: instruction.text });
  }
  kept.delete(uri);
  kept.set(uri, lines);
  if (kept.size > KEPT) kept.delete(kept.keys().next().value as string);
}

/** The kept result of the instruction over this line, unless the instruction was edited since. */
function current<T>(lines: Map<number, Kept<T>> | undefined, model: DockerfileModel, line: number): T | undefined {
  const instruction = instructionOnLine(model, line);
  const kept = instruction && lines?.get(instruction.range.start.line);
  return kept && instruction.text === kept.text ? kept.result : undefined;
}
