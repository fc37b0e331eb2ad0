import {binomialRow, MAX_BINOMIAL_N} from "../stats/binomial.js";

/**
 * Exact maj@k for every k = 1 … n from one question's n sampled answers: the expected correctness of
 * a plurality vote over a uniformly random k-subset (drawn without replacement) of the n samples.
 *
 * Rules:
 * - `null` (unparsable) samples are drawn like any other but do not vote;
 * - if t answers share the top count and the gold answer is one of them, the subset earns 1/t (the
 *   expectation under a uniformly random tie-break); if gold is not among the leaders it earns 0;
 * - a subset in which no sample voted earns 0.
 *
 * This is NOT "vote over the first k samples" (one arbitrary subset, order-dependent), nor the
 * deterministic first-appearance tie rule of `majorityVote` in vote.ts: at k = n the two agree except
 * on ties, which earn 1/t here.
 *
 * Algorithm (no subset enumeration): let G be the gold count, u the null count and c_1 … c_m the
 * counts of the other answers. A k-subset is described by how many it takes from each class, and
 * the number of subsets with those multiplicities is C(G, g)·Π C(c_i, x_i)·C(u, z). For each gold
 * count g ≥ 1, classes with c_i < g can never reach g, so together they contribute C(L, s) ways
 * (Vandermonde; L = their total); for the classes with c_i ≥ g a DP over (other votes s, ties j)
 * takes x_i < g (no tie) or x_i = g (one more tie). Summing C(G, g)·ways/(j + 1) by vote total,
 * then convolving with the nulls and dividing by C(n, k) gives every k at once.
 * Cost: O(Σ_g Σ_{c_i ≥ g} S·m_g·g) for S other votes and m_g classes with c_i ≥ g; measured at
 * n = 64: 0.1–0.4 ms per question for 2–16 answer classes, 2 ms when all 64 answers differ.
 *
 * Precision: all terms are non-negative subset counts (≤ C(n, k)) in doubles, so there is no
 * cancellation; the relative error stays within a few ulps (measured ≤ 7 ulps over every
 * two-answer split at n = 64 against exact BigInt sums; the tests assert < 1e-13). n is limited
 * to 1000 so that C(n, k) fits in a double.
 *
 * Reference: majority voting at k samples, O1 Journey Part 3 §3.3 /
 * Fig. 3, where votes are over 4, 8, 16, 32 samples).
 *
 * @param answers the question's n parsed answers (normalized strings; null = unparsable)
 * @param gold the correct answer, compared by string equality
 * @returns maj@k for k = 1 … n at index k − 1, each in [0, 1]; [] when n = 0
 * @example
 * majAtKCurve(["A", "B", null], "A") // [1/3, 1/2, 1/2]
 * // k = 2: {A,B} tie → 1/2, {A,null} → 1, {B,null} → 0; mean 1/2
 */
export function majAtKCurve(answers: readonly (string | null)[], gold: string): number[] {
  if (typeof gold !== "string") throw new TypeError(`majAtK: gold must be a string, got ${typeof gold}`);
  const n = answers.length;
  if (n > MAX_BINOMIAL_N) throw new RangeError(`majAtK: at most ${MAX_BINOMIAL_N} samples, got ${n}`);
  let goldCount = 0;
  let nullCount = 0;
  const otherCounts = new Map<string, number>();
  answers.forEach((answer, index) => {
    if (answer === null) nullCount++;
    else if (typeof answer !== "string") {
      throw new TypeError(`majAtK: answer ${index} must be a string or null, got ${typeof answer}`);
    } else if (answer === gold) goldCount++;
    else otherCounts.set(answer, (otherCounts.get(answer) ?? 0) + 1);
  });
  const others = [...otherCounts.values()];
  const otherVotes = n - nullCount - goldCount;
  const votes = n - nullCount;

  // byVotes[t]: Σ over vote-subsets of size t of (number of such subsets) × reward.
  const byVotes = new Float64Array(votes + 1);
  const goldRow = binomialRow(goldCount);
  for (let g = 1; g <= goldCount; g++) {
    let small = 0;
    const big: number[] = [];
    for (const c of others) {
      if (c < g) small += c;
      else big.push(c);
    }
    // ways[j][s]: ways to take s other votes with every class ≤ g and exactly j classes at g.
    let ways: Float64Array[] = [Float64Array.from(binomialRow(small))];
    let reach = small; // largest s reachable so far
    for (const c of big) {
      const row = binomialRow(c);
      const next = Array.from({length: ways.length + 1}, () => new Float64Array(reach + g + 1));
      for (let j = 0; j < ways.length; j++) {
        const from = ways[j];
        for (let s = 0; s <= reach; s++) {
          const w = from[s];
          if (w === 0) continue;
          for (let x = 0; x < g; x++) next[j][s + x] += w * row[x];
          next[j + 1][s + g] += w * row[g];
        }
      }
      ways = next;
      reach += g;
    }
    for (let j = 0; j < ways.length; j++) {
      const share = goldRow[g] / (j + 1);
      const from = ways[j];
      for (let s = 0; s <= Math.min(reach, otherVotes); s++) byVotes[g + s] += share * from[s];
    }
  }

  const nullRow = binomialRow(nullCount);
  const totalRow = binomialRow(n);
  const curve = new Array<number>(n);
  for (let k = 1; k <= n; k++) {
    let sum = 0;
    for (let z = Math.max(0, k - votes); z <= Math.min(nullCount, k - 1); z++)
      sum += byVotes[k - z] * nullRow[z];
    // Rounding can overshoot 1 by an ulp when every subset wins; the exact value is in [0, 1].
    curve[k - 1] = Math.min(1, sum / totalRow[k]);
  }
  return curve;
}

/**
 * Exact maj@k of one question at a single k; see {@link majAtKCurve} for the definition, the tie
 * rule (1/t), unparsable samples and precision. Computing the whole curve costs about the same.
 *
 * @param answers the question's n parsed answers (null = unparsable)
 * @param gold the correct answer
 * @param k subset size, an integer in [1, n]
 * @example
 * majAtK(["A", "A", "B"], "A", 2) // 2/3: {A,A} wins, {A,B} ×2 tie → 1/2 each; (1 + 1/2 + 1/2) / 3
 */
export function majAtK(answers: readonly (string | null)[], gold: string, k: number): number {
  if (!Number.isInteger(k) || k < 1 || k > answers.length) {
    throw new RangeError(`majAtK: k must be an integer in [1, ${answers.length}], got ${k}`);
  }
  return majAtKCurve(answers, gold)[k - 1];
}
