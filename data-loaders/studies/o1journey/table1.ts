/**
 * O1 Replication Journey Part 3, Table 1 regenerated from a root: which run stands for each printed
 * cell, and its single-sample accuracy and mean output tokens beside the printed values. Pure.
 */
import type {MajAtKRow, RunInfoRow, Table1Cell} from "../../../src/contracts/o1journey.js";
import {weightedAccuracy} from "../../../src/lib/inference/weighted-accuracy.js";
import {O1_BENCHMARKS, type PublishedTable1Row} from "./reference/published.js";
import {readPublishedTable1} from "./reference/table1.js";

/** The paper's name of a benchmark id (e.g. "jama" → "JAMA"); the id itself when unknown. */
export function benchmarkLabel(id: string): string {
  return O1_BENCHMARKS.find((b) => b.id === id)?.label ?? id;
}

/** maj@k rows by run id, indexed by k − 1. */
export function indexMajAtK(rows: readonly MajAtKRow[]): Map<string, MajAtKRow[]> {
  const byRun = new Map<string, MajAtKRow[]>();
  for (const row of rows) {
    if (!byRun.has(row.run_id)) byRun.set(row.run_id, []);
    byRun.get(row.run_id)![row.k - 1] = row;
  }
  return byRun;
}

/**
 * The run that stands for a Table 1 cell: same model, strategy and benchmark; a single-sample run when
 * there is one, else the one with the fewest samples (its maj@1, the mean single-sample accuracy, is
 * the comparable number); ties by run_id.
 */
export function table1Run(
  runs: readonly RunInfoRow[],
  model: string,
  strategy: string,
  benchmark: string
): RunInfoRow | null {
  const candidates = runs
    .filter(
      (r) => r.model === model && r.strategy === strategy && r.benchmark === benchmark && r.max_round === 0
    )
    .sort((a, b) => a.samples - b.samples || (a.run_id < b.run_id ? -1 : 1));
  return candidates[0] ?? null;
}

/**
 * Table 1 regenerated from a root: for every printed row and benchmark, the run of that model ×
 * strategy × benchmark ({@link table1Run}) and its single-sample accuracy and mean output tokens
 * (maj@1 row of maj_at_k.json); plus a Mean Acc. cell per row, reproduced as the size-weighted mean of
 * the three runs (weights = their question counts, i.e. the pooled accuracy) and recomputed from the
 * printed accuracies with the paper's sizes.
 */
export function table1Cells(
  runs: readonly RunInfoRow[],
  majAtK: readonly MajAtKRow[],
  published: readonly PublishedTable1Row[] = readPublishedTable1()
): Table1Cell[] {
  const maj = indexMajAtK(majAtK);
  const cells: Table1Cell[] = [];
  for (const row of published) {
    const base = {
      row: row.row,
      group: row.group,
      model: row.model,
      params_b: row.params_b,
      strategy: row.strategy
    };
    const perBenchmark = O1_BENCHMARKS.map((b): Table1Cell => {
      const run = table1Run(runs, row.model, row.strategy, b.id);
      const first = run ? maj.get(run.run_id)?.[0] : undefined;
      return {
        ...base,
        benchmark: b.id,
        published_acc: row.acc[b.id],
        reproduced_acc: first ? 100 * first.accuracy : null,
        recomputed_acc: null,
        published_tokens: row.tokens[b.id],
        reproduced_tokens: first?.mean_output_tokens ?? null,
        run_id: run?.run_id ?? null,
        questions: first?.questions ?? null,
        samples: run?.samples ?? null
      };
    });
    const complete = perBenchmark.every((c) => c.reproduced_acc !== null && c.questions);
    cells.push(...perBenchmark, {
      ...base,
      benchmark: "mean",
      published_acc: row.mean_acc,
      reproduced_acc: complete
        ? weightedAccuracy(perBenchmark.map((c) => ({accuracy: c.reproduced_acc!, questions: c.questions!})))
        : null,
      recomputed_acc: weightedAccuracy(
        O1_BENCHMARKS.map((b) => ({accuracy: row.acc[b.id], questions: b.questions}))
      ),
      published_tokens: null,
      reproduced_tokens: null,
      run_id: null,
      questions: complete ? perBenchmark.reduce((sum, c) => sum + c.questions!, 0) : null,
      samples: null
    });
  }
  return cells;
}
