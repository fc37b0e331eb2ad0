/** One accuracy of one model under one strategy, optionally on one benchmark. */
export interface StrategyScore {
  model: string;
  strategy: string;
  /** Leave undefined for scores pooled over benchmarks (e.g. Mean Acc.). */
  benchmark?: string;
  accuracy: number;
}

/** A strategy's gain over the baseline strategy of the same model (and benchmark). */
export interface StrategyGain {
  model: string;
  benchmark?: string;
  strategy: string;
  baseline: string;
  accuracy: number;
  /** null when the model (on that benchmark) has no baseline score. */
  baseline_accuracy: number | null;
  /** accuracy − baseline_accuracy, in the unit of the input; null without a baseline. */
  gain: number | null;
}

/**
 * Gains of every strategy over a baseline strategy, per model (and per benchmark when rows carry
 * one): gain = accuracy(strategy) − accuracy(baseline). O1 Journey Fig. 2 / §3.3 quotes these for
 * Mean Acc. over vanilla, e.g. Qwen2.5-72B: +3.28 (vanilla CoT), +5.12, +9.69, +11.36.
 *
 * Rows of the baseline itself are not returned. A model without a baseline score keeps its rows,
 * with `gain: null`, so nothing disappears silently. Two rows for the same (model, benchmark,
 * strategy) are an error. Output follows input order.
 *
 * Reference: O1 Journey Part 3 §3.3, Fig. 2.
 *
 * @param rows accuracies (percent or proportion, used as given)
 * @param options.baseline the strategy to subtract (default "vanilla")
 * @example
 * strategyGains([
 *   {model: "Qwen2.5-72B", strategy: "vanilla", accuracy: 65.82},
 *   {model: "Qwen2.5-72B", strategy: "longmonolog", accuracy: 77.18}
 * ]) // [{model: "Qwen2.5-72B", strategy: "longmonolog", baseline: "vanilla", accuracy: 77.18,
 *    //   baseline_accuracy: 65.82, gain: 11.36 (±1 ulp)}]
 */
export function strategyGains(
  rows: readonly StrategyScore[],
  {baseline = "vanilla"}: {baseline?: string} = {}
): StrategyGain[] {
  const seen = new Set<string>();
  const baselines = new Map<string, number>();
  rows.forEach((row, index) => {
    if (!Number.isFinite(row.accuracy)) {
      throw new RangeError(`strategyGains: row ${index} (${describe(row)}) has a non-finite accuracy`);
    }
    const key = JSON.stringify([row.model, row.benchmark ?? null, row.strategy]);
    if (seen.has(key)) throw new Error(`strategyGains: row ${index} duplicates ${describe(row)}`);
    seen.add(key);
    if (row.strategy === baseline) baselines.set(groupKey(row), row.accuracy);
  });
  return rows
    .filter((row) => row.strategy !== baseline)
    .map((row) => {
      const base = baselines.get(groupKey(row)) ?? null;
      const gain: StrategyGain = {
        model: row.model,
        strategy: row.strategy,
        baseline,
        accuracy: row.accuracy,
        baseline_accuracy: base,
        gain: base === null ? null : row.accuracy - base
      };
      if (row.benchmark !== undefined) gain.benchmark = row.benchmark;
      return gain;
    });
}

/**
 * CoT benefit per model and benchmark: accuracy with vanilla CoT prompting minus vanilla accuracy
 * (O1 Journey Fig. 4, plotted against parameters). Only the CoT rows are returned; `gain` is null
 * when the model has no vanilla score on that benchmark.
 *
 * @param rows per-benchmark accuracies of any strategies (others are ignored)
 * @param options.cot the CoT strategy name (default "vanilla-cot"); options.base (default "vanilla")
 * @example
 * cotBenefit([
 *   {model: "Qwen2.5-7B", benchmark: "jama", strategy: "vanilla", accuracy: 42.41},
 *   {model: "Qwen2.5-7B", benchmark: "jama", strategy: "vanilla-cot", accuracy: 40.40}
 * ])[0].gain // −2.01 (±1 ulp)
 */
export function cotBenefit(
  rows: readonly StrategyScore[],
  {cot = "vanilla-cot", base = "vanilla"}: {cot?: string; base?: string} = {}
): StrategyGain[] {
  const relevant = rows.filter((row) => row.strategy === cot || row.strategy === base);
  return strategyGains(relevant, {baseline: base});
}

function groupKey(row: StrategyScore): string {
  return JSON.stringify([row.model, row.benchmark ?? null]);
}

function describe(row: StrategyScore): string {
  return `model ${row.model}${row.benchmark === undefined ? "" : `, benchmark ${row.benchmark}`}, strategy ${row.strategy}`;
}
