/**
 * The daemon's image store decides what a `COPY --link` after a re-run step costs: the containerd
 * store reuses the copy and merges it onto the new layers, the classic store copies again. It also
 * decides whether the default buildx driver can export a cache.
 */
export type ImageStore = 'classic' | 'containerd';

/**
 * The store from `docker info --format '{{json .DriverStatus}}'`: the containerd store reports a
 * `driver-type` of `io.containerd.snapshotter.v1`, the classic store its graph driver's own
 * status (`Backing Filesystem` …, or none at all for vfs). Anything unparsable is no answer.
 */
export function imageStoreFromDriverStatus(output: string): ImageStore | undefined {
  let status: unknown;
  try {
    status = JSON.parse(output.trim());
  } catch {
    return undefined;
  }
  if (!Array.isArray(status)) return undefined;
  const pairs = status.filter((pair): pair is [string, string] => Array.isArray(pair) && pair.length === 2);
  return pairs.some(([key, value]) => key === 'driver-type' && value.startsWith('io.containerd.snapshotter')) ? 'containerd' : 'classic';
}
