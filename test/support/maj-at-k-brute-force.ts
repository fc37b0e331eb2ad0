/**
 * An independent oracle for maj@k rows (src/lib/inference/maj-at-k-rows.ts): enumerate every k-subset of
 * each question's samples (bitmasks), shared by the tests of the pure function and of the reader.
 */
import {expect} from "vitest";
import type {MajAtKRow} from "../../src/lib/inference/maj-at-k-rows.js";

/** Reward of one subset by the definition: plurality, nulls do not vote, gold among t leaders → 1/t. */
export function subsetReward(subset: readonly (string | null)[], gold: string): number {
  const counts = new Map<string, number>();
  for (const a of subset) if (a !== null) counts.set(a, (counts.get(a) ?? 0) + 1);
  if (counts.size === 0) return 0;
  const top = Math.max(...counts.values());
  const leaders = [...counts].filter(([, c]) => c === top).map(([a]) => a);
  return leaders.includes(gold) ? 1 / leaders.length : 0;
}

/** maj@k and expected tokens of one question by enumerating every k-subset (bitmasks). */
export function bruteForce(
  answers: readonly (string | null)[],
  gold: string,
  tokens: readonly (number | null)[],
  k: number
) {
  const n = answers.length;
  const known = tokens.filter((t): t is number => t !== null);
  // Unknown counts cost the mean of the known ones (the documented rule).
  const filled = tokens.map((t) => (t === null ? known.reduce((a, b) => a + b, 0) / known.length : t));
  let reward = 0;
  let spent = 0;
  let subsets = 0;
  for (let mask = 0; mask < 1 << n; mask++) {
    const chosen = answers.map((_, i) => i).filter((i) => mask & (1 << i));
    if (chosen.length !== k) continue;
    reward += subsetReward(
      chosen.map((i) => answers[i]),
      gold
    );
    spent += chosen.reduce((s, i) => s + filled[i], 0);
    subsets++;
  }
  return {accuracy: reward / subsets, tokens: known.length === 0 ? null : spent / subsets};
}

/** The expected rows of one run, from brute force over its questions. */
export function expectedRows(
  runId: string,
  questions: {answers: (string | null)[]; gold: string; tokens: (number | null)[]}[]
): MajAtKRow[] {
  const maxN = Math.max(...questions.map((q) => q.answers.length));
  const rows: MajAtKRow[] = [];
  for (let k = 1; k <= maxN; k++) {
    const eligible = questions.filter((q) => q.answers.length >= k);
    const results = eligible.map((q) => bruteForce(q.answers, q.gold, q.tokens, k));
    const withTokens = results.filter((r) => r.tokens !== null);
    rows.push({
      run_id: runId,
      k,
      accuracy: results.reduce((s, r) => s + r.accuracy, 0) / results.length,
      mean_output_tokens:
        withTokens.length === 0 ? null : withTokens.reduce((s, r) => s + r.tokens!, 0) / withTokens.length,
      questions: eligible.length
    });
  }
  return rows;
}

export function expectRowsClose(actual: MajAtKRow[], expected: MajAtKRow[]): void {
  expect(actual.map((r) => [r.run_id, r.k, r.questions])).toEqual(
    expected.map((r) => [r.run_id, r.k, r.questions])
  );
  actual.forEach((row, i) => {
    expect(row.accuracy, `${row.run_id} k=${row.k}`).toBeCloseTo(expected[i].accuracy, 12);
    if (expected[i].mean_output_tokens === null) expect(row.mean_output_tokens).toBeNull();
    else
      expect(row.mean_output_tokens!, `${row.run_id} k=${row.k} tokens`).toBeCloseTo(
        expected[i].mean_output_tokens!,
        9
      );
  });
}
