import type { HistoryRow } from '../../../../common/imageHistory';
import { fromChain, programWords, targetStage } from '../model';
import type { DockerfileModel, Instruction } from '../model';

export interface LayerSize {
  /** Zero-based line of the instruction the layer came from. */
  line: number;
  bytes: number;
  /** A RUN that deletes files and adds nothing: the files stay in the layers that added them. */
  deletesOnly?: boolean;
}

export interface ImageLayers {
  /** The instructions' layers, in file order. */
  layers: LayerSize[];
  /** The base image under the first mapped stage, on its FROM line; absent when the mapping stopped early. */
  base?: LayerSize;
  /** The whole image, every row of its history. */
  totalBytes: number;
}

/** The comment BuildKit's Dockerfile frontend writes on every history row it records. */
const BUILDKIT_ROW = 'buildkit.dockerfile.v0';

/** A deleted file leaves a whiteout entry in the layer; anything this small added no content. */
const EMPTY_LAYER_BYTES = 1024;

/**
 * Puts the history of a built image back on the Dockerfile's lines. BuildKit writes one history
 * row per instruction of the built stage except ONBUILD, newest first, then the rows of the stage
 * it is based on, down to the base image's own rows. The walk goes back from the target stage
 * through the stages it is built FROM and stops at the first row that the instruction it would
 * land on did not write (the file changed since the build): a size is left out, never misplaced.
 */
export function layerSizes(model: DockerfileModel, rows: readonly HistoryRow[], target?: string): ImageLayers {
  const totalBytes = rows.reduce((sum, row) => sum + row.size, 0);
  const layers: LayerSize[] = [];
  let next = 0;
  for (const stage of fromChain(model, targetStage(model, target))) {
    for (const instruction of [...stage.instructions].reverse()) {
      if (instruction.keyword === 'FROM' || instruction.keyword === 'ONBUILD') continue;
      const row = rows[next];
      if (!row || row.comment !== BUILDKIT_ROW || !recordedAs(instruction, row.createdBy)) return { layers: layers.reverse(), totalBytes };
      next++;
      layers.push({
        line: instruction.range.start.line,
        bytes: row.size,
        ...(deletesOnly(instruction, row.size) ? { deletesOnly: true } : {}),
      });
    }
    if (stage.baseStage === undefined) {
      const baseBytes = rows.slice(next).reduce((sum, row) => sum + row.size, 0);
      return { layers: layers.reverse(), base: { line: stage.from.range.start.line, bytes: baseBytes }, totalBytes };
    }
  }
  return { layers: layers.reverse(), totalBytes };
}

const normalized = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * Whether a history row is the one this instruction wrote. BuildKit records its keyword first; a
 * shell-form RUN's row ends with its command (`RUN |1 X=2 /bin/sh -c rm /blob # buildkit`), and a
 * COPY's or ADD's names its destination as written, so that a line inserted or edited since the
 * build does not take the size of the row that used to be there.
 */
function recordedAs(instruction: Instruction, createdBy: string): boolean {
  if (!createdBy.toUpperCase().startsWith(instruction.keyword)) return false;
  const recorded = normalized(createdBy.replace(/ # buildkit$/, ''));
  if (instruction.run?.form === 'shell' && instruction.heredocs.length === 0)
    return recorded.endsWith(` ${normalized(instruction.run.command)}`);
  const destination = instruction.copy?.destination?.value;
  if (destination && !destination.includes('$')) return recorded.endsWith(` ${destination}`);
  return true;
}

function deletesOnly(instruction: Instruction, bytes: number): boolean {
  return bytes < EMPTY_LAYER_BYTES && (instruction.run?.commands.some((c) => programWords(c)[0] === 'rm') ?? false);
}

/** `142 MB`, as docker prints sizes: powers of 1000, three significant digits. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return unit === 0 ? `${bytes} B` : `${value >= 100 ? value.toFixed(0) : value.toPrecision(3)} ${units[unit]}`;
}

/** How a layer reads on its line and in its hover: `+142 MB`, or what a deleting step does not do. */
export function describeLayer(layer: LayerSize): string {
  if (layer.deletesOnly)
    return `+${formatBytes(layer.bytes)}: deleting here does not shrink the image; the files stay in the layer that added them`;
  return `+${formatBytes(layer.bytes)}`;
}
