/** Edit distance between two names, a swap of neighbours counting as one edit (typo distance). */
export function editDistance(a: string, b: string): number {
  // Three rows of the distance table, for the prefixes of `a` of lengths i - 2, i - 1 and i; every
  // index read is inside the rows, which the fallbacks only tell the type checker.
  let twoBack: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let distance = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) distance = Math.min(distance, (twoBack[j - 2] ?? 0) + 1);
      current.push(distance);
    }
    [twoBack, previous] = [previous, current];
  }
  return previous[b.length] ?? 0;
}

/** A typo's reach: a third of the name's length in edits, at least one. */
export const typoDistance = (name: string) => Math.max(1, Math.floor(name.length / 3));

/**
 * The closest known name to a misspelt one, for a "did you mean": within `maxDistance` edits
 * (a typo's reach by default), nearest first; none when the name itself is known.
 */
export function suggestName(name: string, known: Iterable<string>, maxDistance = typoDistance(name)): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of known) {
    if (candidate === name) return undefined;
    const distance = editDistance(name, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= maxDistance ? best : undefined;
}
