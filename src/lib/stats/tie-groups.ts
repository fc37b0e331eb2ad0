/**
 * Tie groups: runs whose ranks the data cannot separate. Runs are ranked by accuracy (highest first); a
 * group starts at the best run not yet grouped and takes every following run whose comparison with that
 * leader is not significant (adjusted p ≥ α). The groups partition the runs in rank order, so a reader
 * sees "these three are indistinguishable" rather than a strict ranking the data do not support.
 *
 * Reference: the request for separable ranks in HELM (stanford-crfm/helm#4336); significance from
 * paired tests adjusted by Benjamini–Hochberg (paired-comparisons.ts).
 *
 * @param runs the runs of one task with their accuracy
 * @param pAdjusted the adjusted p of two runs (either order); `undefined` when they share no question
 * @param alpha significance level (default 0.05)
 * @returns groups of run ids, best group first; ranks inside a group by accuracy
 * @example
 * tieGroups([{run_id: "a", accuracy: 0.9}, {run_id: "b", accuracy: 0.88}, {run_id: "c", accuracy: 0.5}],
 *   (x, y) => (x + y === "ab" || x + y === "ba" ? 0.6 : 0.001))
 * // [["a", "b"], ["c"]]
 */
export function tieGroups(
  runs: readonly {run_id: string; accuracy: number}[],
  pAdjusted: (a: string, b: string) => number | undefined,
  alpha = 0.05
): string[][] {
  const ranked = [...runs].sort((x, y) => y.accuracy - x.accuracy || (x.run_id < y.run_id ? -1 : 1));
  const groups: string[][] = [];
  let i = 0;
  while (i < ranked.length) {
    const leader = ranked[i].run_id;
    const group = [leader];
    let j = i + 1;
    for (; j < ranked.length; j++) {
      const p = pAdjusted(leader, ranked[j].run_id);
      if (p === undefined || p < alpha) break;
      group.push(ranked[j].run_id);
    }
    groups.push(group);
    i = j;
  }
  return groups;
}
