/** The standard error of a mean score, naive and clustered. */
export interface ClusteredStandardError {
  /** Questions. */
  n: number;
  /** Distinct clusters. */
  clusters: number;
  /** s̄, the mean score. */
  mean: number;
  /** CLT SE = √(Σ(sᵢ − s̄)²/(n(n − 1))), as if the questions were independent; null when n < 2. */
  se: number | null;
  /** SE with the within-cluster covariance added; null when n < 2. */
  clustered_se: number | null;
  /** clustered_se / se, how much wider clustering makes the error bar; null when se is 0 or null. */
  ratio: number | null;
}

/**
 * The standard error of a mean score when questions come in clusters — several variants of one
 * source question, several questions on one passage — whose scores are correlated (Miller 2024,
 * "Adding Error Bars to Evals", arXiv 2411.00640 §3):
 *
 *   SE² = Σᵢ(sᵢ − s̄)² / (n(n − 1))                                   (CLT, §2)
 *   SE_c² = SE² + (1/n²)·Σ_c Σ_{i≠j ∈ c} (sᵢ − s̄)(sⱼ − s̄)             (clustered, §3)
 *
 * The cross terms are computed as (Σ_{i∈c} eᵢ)² − Σ_{i∈c} eᵢ² with eᵢ = sᵢ − s̄, so the cost is
 * O(n). SE_c² ≥ 0 always: it equals Σ_c(Σ_{i∈c} eᵢ)²/n² + Σeᵢ²·(1/(n(n−1)) − 1/n²). With one
 * question per cluster SE_c = SE; positively correlated clusters widen it, and the ratio says by
 * how much (Miller reports up to ~3× on real benchmarks).
 *
 * @param scores per-question scores sᵢ (0/1 correctness or any real score)
 * @param clusters the cluster of each question (any string or number id), same length
 * @throws {RangeError} when the lengths differ or a score is not finite
 * @example
 * clusteredStandardError([1, 0, 1, 1, 0, 0], ["a", "a", "b", "b", "c", "c"])
 * // {n: 6, clusters: 3, mean: 0.5, se: √(1/20) = 0.2236…, clustered_se: √(23/360) = 0.2528…, ratio: √(23/18) = 1.1304…}
 */
export function clusteredStandardError(
  scores: ArrayLike<number>,
  clusters: readonly (string | number)[]
): ClusteredStandardError {
  if (scores.length !== clusters.length) {
    throw new RangeError(
      `clusteredStandardError: ${scores.length} scores but ${clusters.length} cluster ids`
    );
  }
  const n = scores.length;
  let total = 0;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(scores[i])) {
      throw new RangeError(`clusteredStandardError: score ${i} is ${scores[i]}, not a finite number`);
    }
    total += scores[i];
  }
  const mean = n > 0 ? total / n : NaN;
  const sums = new Map<string | number, number>();
  let squares = 0;
  for (let i = 0; i < n; i++) {
    const e = scores[i] - mean;
    squares += e * e;
    sums.set(clusters[i], (sums.get(clusters[i]) ?? 0) + e);
  }
  if (n < 2) return {n, clusters: sums.size, mean, se: null, clustered_se: null, ratio: null};
  let clusterSquares = 0;
  for (const s of sums.values()) clusterSquares += s * s;
  const naive = squares / (n * (n - 1));
  const crossTerms = clusterSquares - squares;
  const clustered = Math.max(0, naive + crossTerms / (n * n));
  const se = Math.sqrt(naive);
  const clusteredSe = Math.sqrt(clustered);
  return {
    n,
    clusters: sums.size,
    mean,
    se,
    clustered_se: clusteredSe,
    ratio: se > 0 ? clusteredSe / se : null
  };
}
