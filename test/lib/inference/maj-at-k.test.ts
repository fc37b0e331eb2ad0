import {describe, expect, it} from "vitest";
import {majAtK, majAtKCurve} from "../../../src/lib/inference/maj-at-k.js";
import {randomInt, seededRandom} from "../../../src/lib/stats/random.js";

/** Reward of one subset by the definition: plurality, nulls do not vote, gold among t leaders → 1/t. */
function subsetReward(subset: readonly (string | null)[], gold: string): number {
  const counts = new Map<string, number>();
  for (const a of subset) if (a !== null) counts.set(a, (counts.get(a) ?? 0) + 1);
  if (counts.size === 0) return 0;
  const top = Math.max(...counts.values());
  const leaders = [...counts].filter(([, c]) => c === top).map(([a]) => a);
  return leaders.includes(gold) ? 1 / leaders.length : 0;
}

/** maj@k by enumerating every k-subset (bitmasks; n ≤ 12). */
function bruteForce(answers: readonly (string | null)[], gold: string, k: number): number {
  const n = answers.length;
  let total = 0;
  let subsets = 0;
  for (let mask = 0; mask < 1 << n; mask++) {
    const subset = answers.filter((_, i) => mask & (1 << i));
    if (subset.length !== k) continue;
    total += subsetReward(subset, gold);
    subsets++;
  }
  return total / subsets;
}

function bigBinomial(n: number, k: number): bigint {
  if (k < 0 || k > n) return 0n;
  let r = 1n;
  for (let i = 1; i <= k; i++) r = (r * BigInt(n - k + i)) / BigInt(i);
  return r;
}

/**
 * Exact maj@k for all k by enumerating multiplicity vectors (one count per answer class) in BigInt:
 * an independent route (no DP, no doubles until the final division).
 */
function exactByMultiplicities(gold: number, others: number[], nulls: number): number[] {
  const n = gold + others.reduce((a, b) => a + b, 0) + nulls;
  const scale = 60n; // lcm(1..5): tie shares 1/t stay integral for up to 5 leaders
  if (others.length > 4) throw new Error("test helper handles ≤ 4 other classes");
  const numerators = new Array<bigint>(n + 1).fill(0n);
  const classes = [gold, ...others, nulls];
  const take = new Array<number>(classes.length).fill(0);
  const visit = (i: number): void => {
    if (i === classes.length) {
      const k = take.reduce((a, b) => a + b, 0);
      const g = take[0];
      const otherTakes = take.slice(1, -1);
      const top = Math.max(g, ...otherTakes);
      if (g === 0 || g < top) return;
      const t = 1 + otherTakes.filter((x) => x === g).length;
      let ways = 1n;
      take.forEach((x, c) => (ways *= bigBinomial(classes[c], x)));
      numerators[k] += (ways * scale) / BigInt(t);
      return;
    }
    for (let x = 0; x <= classes[i]; x++) {
      take[i] = x;
      visit(i + 1);
    }
    take[i] = 0;
  };
  visit(0);
  return numerators.slice(1).map((num, i) => Number(num) / Number(bigBinomial(n, i + 1) * scale));
}

function build(counts: Record<string, number>, nulls: number): (string | null)[] {
  const answers: (string | null)[] = [];
  for (const [answer, count] of Object.entries(counts)) for (let i = 0; i < count; i++) answers.push(answer);
  for (let i = 0; i < nulls; i++) answers.push(null);
  return answers;
}

describe("majAtK: hand-computed cases", () => {
  it("two golds and one other", () => {
    // k=2: {A,A} wins, {A,B} twice ties → 1/2 each: (1 + 1/2 + 1/2)/3.
    expect(majAtKCurve(["A", "A", "B"], "A")).toEqual([2 / 3, 2 / 3, 1]);
  });

  it("three-way ties and an unparsable sample", () => {
    // k=2 of {A,B,C,∅}: AB ½, AC ½, A∅ 1, BC 0, B∅ 0, C∅ 0 → 2/6.
    // k=3: ABC ⅓, AB∅ ½, AC∅ ½, BC∅ 0 → (4/3)/4. k=4: ABC∅ → ⅓.
    const curve = majAtKCurve(["A", "B", "C", null], "A");
    expect(curve[0]).toBeCloseTo(1 / 4, 15);
    expect(curve[1]).toBeCloseTo(1 / 3, 15);
    expect(curve[2]).toBeCloseTo(1 / 3, 15);
    expect(curve[3]).toBeCloseTo(1 / 3, 15);
  });

  it("a subset with no votes earns 0", () => {
    // k=1: A → 1, ∅ → 0, ∅ → 0. k=2: A∅ ×2 → 1, ∅∅ → 0 → 2/3.
    expect(majAtKCurve(["A", null, null], "A")).toEqual([1 / 3, 2 / 3, 1]);
    expect(majAtKCurve([null, null], "A")).toEqual([0, 0]);
  });

  it("gold absent, gold everywhere, empty", () => {
    expect(majAtKCurve(["B", "C", "B"], "A")).toEqual([0, 0, 0]);
    expect(majAtKCurve(["A", "A", "A", "A"], "A")).toEqual([1, 1, 1, 1]);
    expect(majAtKCurve([], "A")).toEqual([]);
  });

  it("differs from voting over the first k samples", () => {
    // First sample is wrong, so first-1 voting scores 0; a random single sample is right 2/3 of the time.
    expect(majAtK(["B", "A", "A"], "A", 1)).toBeCloseTo(2 / 3, 15);
  });

  it("rejects bad k and bad answers", () => {
    expect(() => majAtK(["A"], "A", 0)).toThrow(/k must be an integer in \[1, 1\]/);
    expect(() => majAtK(["A"], "A", 2)).toThrow(RangeError);
    expect(() => majAtK(["A"], "A", 1.5)).toThrow(RangeError);
    expect(() => majAtKCurve(["A", 3 as unknown as string], "A")).toThrow(
      /answer 1 must be a string or null/
    );
  });
});

describe("majAtK: property test against brute-force enumeration", () => {
  it("matches every k-subset enumeration on 400 random cases (n ≤ 10, ties, nulls)", () => {
    const random = seededRandom(20240401);
    const letters = ["A", "B", "C", "D", "E"];
    let checked = 0;
    let withTies = 0;
    for (let trial = 0; trial < 400; trial++) {
      const n = 1 + randomInt(random, 10);
      const alphabet = 1 + randomInt(random, 4); // 1–4 letters: small alphabets force ties
      const nullRate = [0, 0.15, 0.4][randomInt(random, 3)];
      const answers = Array.from({length: n}, () =>
        random() < nullRate ? null : letters[randomInt(random, alphabet)]
      );
      const gold = letters[randomInt(random, alphabet + 1)]; // sometimes a letter nobody answered
      const curve = majAtKCurve(answers, gold);
      expect(curve).toHaveLength(n);
      for (let k = 1; k <= n; k++) {
        const expected = bruteForce(answers, gold, k);
        expect(Math.abs(curve[k - 1] - expected)).toBeLessThan(1e-12);
        expect(majAtK(answers, gold, k)).toBe(curve[k - 1]);
        checked++;
      }
      if (subsetReward(answers, gold) % 1 !== 0) withTies++;
    }
    expect(checked).toBeGreaterThan(1500);
    expect(withTies).toBeGreaterThan(10); // the cases really exercise the 1/t rule
  });
});

describe("majAtK at n = 64", () => {
  it("all gold → 1 and no gold → 0 for every k", () => {
    expect(majAtKCurve(new Array(64).fill("C"), "C")).toEqual(new Array(64).fill(1));
    expect(majAtKCurve(build({B: 40, D: 20}, 4), "C")).toEqual(new Array(64).fill(0));
  });

  it("two answers plus nulls: equals the hypergeometric double sum (exact BigInt)", () => {
    for (const [G, O, u] of [
      [32, 32, 0],
      [30, 28, 6],
      [20, 41, 3],
      [45, 10, 9]
    ]) {
      const answers = build({A: G, B: O}, u);
      const n = G + O + u;
      const curve = majAtKCurve(answers, "A");
      for (let k = 1; k <= n; k++) {
        // Σ_{g > x} ways + ½ Σ_{g = x ≥ 1} ways, over C(G,g) C(O,x) C(u,k−g−x).
        let twice = 0n;
        for (let g = 1; g <= Math.min(G, k); g++) {
          for (let x = 0; x <= Math.min(O, g, k - g); x++) {
            const ways = bigBinomial(G, g) * bigBinomial(O, x) * bigBinomial(u, k - g - x);
            twice += x < g ? 2n * ways : ways;
          }
        }
        const exact = Number(twice) / Number(2n * bigBinomial(n, k));
        expect(Math.abs(curve[k - 1] - exact)).toBeLessThanOrEqual(1e-13 * exact + 1e-300);
      }
    }
  });

  it("five answers plus nulls: equals exact enumeration of multiplicity vectors", () => {
    const answers = build({A: 18, B: 18, C: 14, D: 8, E: 2}, 4);
    const exact = exactByMultiplicities(18, [18, 14, 8, 2], 4);
    const curve = majAtKCurve(answers, "A");
    let worst = 0;
    curve.forEach((value, i) => (worst = Math.max(worst, Math.abs(value - exact[i]) / exact[i])));
    expect(worst).toBeLessThan(1e-13);
  });
});
