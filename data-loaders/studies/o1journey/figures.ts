/**
 * The data behind O1 Replication Journey Part 3, Figs. 2–5, from Table 1 regenerated (table1.ts) and
 * the maj@k rows, beside the published values (reference/). Pure.
 */
import type {
  MajAtKRow,
  MajorityVotingRow,
  O1Figures,
  RunInfoRow,
  Table1Cell
} from "../../../src/contracts/o1journey.js";
import {cotBenefit, strategyGains} from "../../../src/lib/inference/strategy-gains.js";
import {
  O1_BENCHMARKS,
  O1_GAIN_CLAIMS,
  O1_MAJORITY_CLAIMS,
  O1_STRATEGY_LABELS
} from "./reference/published.js";
import {benchmarkLabel} from "./table1.js";

/** Shapes Table 1 cells and maj@k rows into the data of Figs. 2–5. */
export function o1journeyFigures(
  cells: readonly Table1Cell[],
  runs: readonly RunInfoRow[],
  majAtK: readonly MajAtKRow[]
): O1Figures {
  const means = cells.filter((c) => c.benchmark === "mean");
  const gainModels = O1_GAIN_CLAIMS.map((c) => c.model);
  const reproducedGains = strategyGains(
    means
      .filter((c) => c.reproduced_acc !== null)
      .map((c) => ({model: c.model, strategy: c.strategy, accuracy: c.reproduced_acc!}))
  );
  const fig2 = means
    .filter((c) => gainModels.includes(c.model))
    .map((c) => ({
      model: c.model,
      strategy: c.strategy,
      label: O1_STRATEGY_LABELS[c.strategy] ?? c.strategy,
      accuracy: c.reproduced_acc,
      published: c.published_acc,
      gain:
        c.strategy === "vanilla"
          ? 0
          : (reproducedGains.find((g) => g.model === c.model && g.strategy === c.strategy)?.gain ?? null),
      published_gain:
        c.strategy === "vanilla"
          ? 0
          : (O1_GAIN_CLAIMS.find((g) => g.model === c.model)?.gains[c.strategy] ?? null)
    }));

  const {model, benchmark, strategies} = O1_MAJORITY_CLAIMS;
  const fig3: MajorityVotingRow[] = [];
  for (const strategy of strategies) {
    const run = runs
      .filter(
        (r) =>
          r.model === model &&
          r.strategy === strategy &&
          r.benchmark === benchmark &&
          r.samples > 1 &&
          r.max_round === 0
      )
      .sort((a, b) => b.samples - a.samples || (a.run_id < b.run_id ? -1 : 1))[0];
    if (!run) continue;
    const claims = O1_MAJORITY_CLAIMS.points.filter((p) => p.strategy === strategy);
    const startPublished =
      cells.find((c) => c.model === model && c.strategy === strategy && c.benchmark === benchmark)
        ?.published_acc ?? null;
    for (const row of majAtK.filter((r) => r.run_id === run.run_id)) {
      let published: number | null = null;
      if (row.k === 1) published = claims.find((c) => c.kind === "at-1")?.value ?? startPublished;
      if (row.k === 32) {
        const end = claims.find((c) => c.kind === "at-32");
        const gain = claims.find((c) => c.kind === "gain-32");
        published = end ? end.value : gain && startPublished !== null ? startPublished + gain.value : null;
      }
      fig3.push({
        run_id: run.run_id,
        strategy,
        label: O1_STRATEGY_LABELS[strategy] ?? strategy,
        k: row.k,
        accuracy: 100 * row.accuracy,
        mean_output_tokens: row.mean_output_tokens,
        published
      });
    }
  }

  const perBenchmark = cells.filter((c) => c.benchmark !== "mean" && c.params_b !== null);
  const reproducedBenefit = cotBenefit(
    perBenchmark
      .filter((c) => c.reproduced_acc !== null)
      .map((c) => ({
        model: c.model,
        strategy: c.strategy,
        benchmark: c.benchmark,
        accuracy: c.reproduced_acc!
      }))
  );
  const publishedBenefit = cotBenefit(
    perBenchmark.map((c) => ({
      model: c.model,
      strategy: c.strategy,
      benchmark: c.benchmark,
      accuracy: c.published_acc
    }))
  );
  const fig4 = publishedBenefit
    .filter((g) => g.gain !== null)
    .map((g) => ({
      model: g.model,
      params_b: perBenchmark.find((c) => c.model === g.model)!.params_b!,
      benchmark: g.benchmark!,
      benchmark_label: benchmarkLabel(g.benchmark!),
      gain: reproducedBenefit.find((r) => r.model === g.model && r.benchmark === g.benchmark)?.gain ?? null,
      published_gain: g.gain!
    }));

  const fig5 = ["vanilla-cot", "longstep", "longmonolog"].flatMap((strategy) =>
    O1_BENCHMARKS.map((b) => {
      const cell = cells.find((c) => c.model === model && c.strategy === strategy && c.benchmark === b.id);
      return {
        strategy,
        label: O1_STRATEGY_LABELS[strategy],
        benchmark: b.id,
        benchmark_label: b.label,
        accuracy: cell?.reproduced_acc ?? null,
        tokens: cell?.reproduced_tokens ?? null,
        published_accuracy: cell?.published_acc ?? NaN,
        published_tokens: cell?.published_tokens ?? null,
        run_id: cell?.run_id ?? null
      };
    })
  );
  return {fig2, fig3, fig4, fig5};
}
