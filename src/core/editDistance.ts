/** Rows of the distance table, reused across calls: the rules compare every unknown key with every known one. */
let rows: Int32Array[] = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions: "onwer" is one edit from "owner"). Stops early past `limit`. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  if (a === b) return 0;
  const cols = b.length + 1;
  if ((rows[0] as Int32Array).length < cols) rows = [new Int32Array(cols), new Int32Array(cols), new Int32Array(cols)];
  let [previous2, previous, current] = rows as [Int32Array, Int32Array, Int32Array];
  for (let j = 0; j < cols; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j < cols; j++) {
      const bj = b.charCodeAt(j - 1);
      let value = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) value = Math.min(value, (previous2[j - 2] as number) + 1);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return limit + 1;
    const done = previous2;
    previous2 = previous;
    previous = current;
    current = done;
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
  if (limit === 0) return [];
  const lower = word.toLowerCase();
  return candidates
    .filter((candidate) => Math.abs(candidate.length - word.length) <= limit)
    .map((candidate) => ({ candidate, distance: editDistance(lower, candidate.toLowerCase(), limit) }))
    .filter(({ distance, candidate }) => distance <= limit && candidate !== word)
    .sort((x, y) => x.distance - y.distance)
    .map(({ candidate }) => candidate);
}
