/** One row of a built image's history, newest first, as `docker image history` lists it. */
export interface HistoryRow {
  createdBy: string;
  /** Bytes the layer adds; 0 for instructions that only change the image's configuration. */
  size: number;
  /** `buildkit.dockerfile.v0` for the rows BuildKit's Dockerfile frontend wrote. */
  comment: string;
}

/** The arguments that list an image's history as `readImageHistory` reads it: sizes in bytes, nothing cut. */
export const imageHistoryArgs = (image: string): string[] => [
  'image',
  'history',
  '--no-trunc',
  '--human=false',
  '--format',
  '{{json .}}',
  image,
];

/**
 * Reads the output of `imageHistoryArgs`: one JSON object per line. A line that is not one (a
 * warning docker printed) is skipped; sizes docker could not give (`N/A`) count as 0.
 */
export function readImageHistory(stdout: string): HistoryRow[] {
  const rows: HistoryRow[] = [];
  for (const line of stdout.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const row = JSON.parse(line) as { CreatedBy?: unknown; Size?: unknown; Comment?: unknown };
      const size = Number(row.Size);
      rows.push({
        createdBy: typeof row.CreatedBy === 'string' ? row.CreatedBy : '',
        size: Number.isFinite(size) ? size : 0,
        comment: typeof row.Comment === 'string' ? row.Comment : '',
      });
    } catch {
      // Not a row of the history; docker's other output is not ours to read.
    }
  }
  return rows;
}
