/** Inputs shared by the O1 Journey tests: runs and maj@k rows that reproduce Table 1 faithfully. */
import type {MajAtKRow, RunInfoRow} from "../../../../src/contracts/o1journey.js";
import {
  O1_BENCHMARKS,
  type PublishedTable1Row
} from "../../../../data-loaders/studies/o1journey/reference/published.js";

/** k nearest v% of n by linear search (ties up). */
export function nearest(v: number, n: number): number {
  let best = 0;
  for (let k = 0; k <= n; k++)
    if (Math.abs((100 * k) / n - v) <= Math.abs((100 * best) / n - v) + 1e-12) best = k;
  return best;
}

export function run(
  over: Partial<RunInfoRow> & Pick<RunInfoRow, "run_id" | "model" | "strategy" | "benchmark">
): RunInfoRow {
  return {
    task: over.benchmark!,
    samples: 1,
    thinking_budget: null,
    params_b: null,
    questions: 10,
    max_round: 0,
    ...over
  };
}

/** A faithful single-sample run for every published cell: accuracy the nearest k/n, tokens as printed (else 12). */
export function faithfulInputs(rows: readonly PublishedTable1Row[]) {
  const runs: RunInfoRow[] = [];
  const majAtK: MajAtKRow[] = [];
  for (const row of rows)
    for (const b of O1_BENCHMARKS) {
      const run_id = `${row.model}.${row.strategy}.${b.id}`;
      runs.push(
        run({
          run_id,
          model: row.model,
          strategy: row.strategy,
          benchmark: b.id,
          questions: b.questions,
          params_b: row.params_b
        })
      );
      majAtK.push({
        run_id,
        k: 1,
        accuracy: nearest(row.acc[b.id], b.questions) / b.questions,
        mean_output_tokens: row.tokens[b.id] ?? 12,
        questions: b.questions
      });
    }
  return {runs, majAtK};
}
