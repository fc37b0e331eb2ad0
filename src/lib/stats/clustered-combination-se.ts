/** One mean in a weighted sum of means: its per-question scores, their clusters and its weight. */
export interface WeightedMeanPart {
  /** Per-question scores sᵢ (0/1 correctness or any real score). */
  scores: ArrayLike<number>;
  /** Each question's cluster id (null: its own cluster); null when no question has one. Same length as scores. */
  clusters: readonly (string | null)[] | null;
  /** The mean's weight w in the sum. */
  weight: number;
}

/** The standard error of Σₖ wₖ·s̄ₖ, naive and clustered. */
export interface CombinationStandardError {
  /** Σₖ wₖ·s̄ₖ. */
  estimate: number;
  /** Questions over all parts. */
  questions: number;
  /** Distinct cluster ids (null ids not counted). */
  clusters: number;
  /** Questions that share their cluster with at least one other question (of any part). */
  clustered_questions: number;
  /** √(Σₖ wₖ²·SEₖ²), every question independent; null when a part has fewer than 2 questions. */
  se: number | null;
  /** SE with the covariance of questions in one cluster added, within and across parts; null as `se`. */
  clustered_se: number | null;
  /** clustered_se / se; null when se is 0 or null. */
  ratio: number | null;
}

/**
 * The standard error of a weighted sum of mean scores, Σₖ wₖ·s̄ₖ, when the questions behind the means come
 * in clusters that may span the means — e.g. a model's score averaged over MedResEval's tasks, whose
 * questions are variants of the same MedQA items (Miller 2024, "Adding Error Bars to Evals", arXiv
 * 2411.00640 §3, clustered SE, applied to a linear combination). With uᵢ = wₖ(sᵢ − s̄ₖ)/nₖ for question i of
 * part k (its contribution to the estimate's error):
 *
 *   SE² = Σₖ wₖ²·Σ_{i∈k}(sᵢ − s̄ₖ)²/(nₖ(nₖ − 1))            (CLT per mean, means independent)
 *   SE_c² = SE² + Σ_c Σ_{i≠j ∈ c} uᵢuⱼ                       (i, j from any part)
 *
 * With one part of weight 1 this is {@link clusteredStandardError}'s formula; with one question per cluster
 * SE_c = SE. The cross terms are (Σ_{i∈c} uᵢ)² − Σ_{i∈c} uᵢ², so the cost is linear. SE_c² is clamped at 0
 * (negative within-cluster covariance can exceed SE² only by rounding or in tiny samples).
 *
 * @param parts the means, each with its scores, clusters and weight
 * @throws {RangeError} when a part's clusters differ in length from its scores, or a score or weight is
 *   not finite
 * @example
 * // Two tasks answering the same two source questions identically, each weighted ½:
 * clusteredCombinationSe([
 *   {scores: [1, 0, 1, 0], clusters: ["a", "b", "c", "d"], weight: 0.5},
 *   {scores: [1, 0, 1, 0], clusters: ["a", "b", "c", "d"], weight: 0.5}
 * ]) // {estimate: 0.5, se: √(1/24) = 0.2041…, clustered_se: √(7/96) = 0.2700…, ratio: √(7/4) = 1.3229…, …}
 */
export function clusteredCombinationSe(parts: readonly WeightedMeanPart[]): CombinationStandardError {
  let estimate = 0;
  let questions = 0;
  let naive = 0;
  let tooSmall = false;
  let ownSquares = 0;
  const sums = new Map<string, {sum: number; count: number}>();
  for (const [k, {scores, clusters, weight}] of parts.entries()) {
    const n = scores.length;
    if (clusters !== null && clusters.length !== n)
      throw new RangeError(
        `clusteredCombinationSe: part ${k} has ${n} scores but ${clusters.length} cluster ids`
      );
    if (!Number.isFinite(weight))
      throw new RangeError(`clusteredCombinationSe: part ${k} has weight ${weight}, not a finite number`);
    let total = 0;
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(scores[i]))
        throw new RangeError(
          `clusteredCombinationSe: part ${k}, score ${i} is ${scores[i]}, not a finite number`
        );
      total += scores[i];
    }
    questions += n;
    if (n < 2) {
      tooSmall = true;
      estimate += n === 0 ? NaN : weight * total;
      continue;
    }
    const mean = total / n;
    estimate += weight * mean;
    let squares = 0;
    for (let i = 0; i < n; i++) {
      const e = scores[i] - mean;
      squares += e * e;
      const id = clusters?.[i] ?? null;
      if (id === null) continue;
      const u = (weight * e) / n;
      ownSquares += u * u;
      const s = sums.get(id);
      if (s) {
        s.sum += u;
        s.count++;
      } else sums.set(id, {sum: u, count: 1});
    }
    naive += (weight * weight * squares) / (n * (n - 1));
  }
  let clusteredQuestions = 0;
  let clusterSquares = 0;
  for (const {sum, count} of sums.values()) {
    clusterSquares += sum * sum;
    if (count > 1) clusteredQuestions += count;
  }
  const base = {estimate, questions, clusters: sums.size, clustered_questions: clusteredQuestions};
  if (tooSmall || parts.length === 0) return {...base, se: null, clustered_se: null, ratio: null};
  const se = Math.sqrt(naive);
  const clusteredSe = Math.sqrt(Math.max(0, naive + clusterSquares - ownSquares));
  return {...base, se, clustered_se: clusteredSe, ratio: se > 0 ? clusteredSe / se : null};
}
