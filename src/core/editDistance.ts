/** Optimal string alignment distance (Levenshtein plus adjacent transpositions: "onwer" is one edit from "owner"). Stops early past `limit`. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const rows = a.length + 1;
  const cols = b.length + 1;
  let previous2 = new Array<number>(cols).fill(0);
  let previous = Array.from({ length: cols }, (_, j) => j);
  let current = new Array<number>(cols).fill(0);
  for (let i = 1; i < rows; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, (previous2[j - 2] as number) + 1);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return limit + 1;
    [previous2, previous, current] = [previous, current, previous2];
  }
  return previous[cols - 1] as number;
}

/**
 * Candidates within `maxDistance` of `word`, closest first. Short words get a tighter limit
 * (none up to three letters, one edit up to five), so that a team's own `who` is not taken
 * for a typo of `why`, while `onwer` still is one of `owner`.
 */
export function closestMatches(word: string, candidates: readonly string[], maxDistance: number): string[] {
  const limit = Math.min(maxDistance, word.length <= 3 ? 0 : word.length <= 5 ? 1 : 2);
  const lower = word.toLowerCase();
  return candidates
    .map((candidate) => ({ candidate, distance: editDistance(lower, candidate.toLowerCase(), limit) }))
    .filter(({ distance, candidate }) => limit > 0 && distance <= limit && candidate !== word)
    .sort((x, y) => x.distance - y.distance)
    .map(({ candidate }) => candidate);
}
