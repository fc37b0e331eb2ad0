/**
 * O1 Replication Journey Part 3 against the logs: every number of Table 1 and of §3.3 (gains over
 * vanilla, majority voting) beside the value reproduced from a root, with its tolerance, and a
 * granularity check of each printed accuracy. The published values come from reference/ only. Pure.
 */
import type {ComparisonRow} from "../../../src/contracts/comparison.js";
import type {MajAtKRow, O1Benchmark, RunInfoRow, Table1Cell} from "../../../src/contracts/o1journey.js";
import {strategyGains} from "../../../src/lib/inference/strategy-gains.js";
import {granularityCheck} from "../../../src/lib/stats/granularity.js";
import {
  O1_BENCHMARKS,
  O1_GAIN_CLAIMS,
  O1_MAJORITY_CLAIMS,
  O1_STRATEGY_LABELS,
  type PublishedTable1Row
} from "./reference/published.js";
import {readPublishedTable1} from "./reference/table1.js";
import {benchmarkLabel, indexMajAtK, table1Cells} from "./table1.js";

const PRINT = 0.005; // half a unit of the printed second decimal

function fmt(x: number, digits = 2): string {
  return x.toFixed(digits);
}

/** Whether a printed two-decimal value is the truncation or the rounding of x. */
function printedFrom(x: number, printed: number): {truncates: boolean; rounds: boolean} {
  const P = Math.round(printed * 100);
  return {truncates: Math.floor(x * 100 + 1e-9) === P, rounds: Math.round(x * 100) === P};
}

function compare(
  item: string,
  published: number,
  reproduced: number | null,
  tolerance: number,
  agreed: string,
  missing: string,
  runIds: readonly (string | null | undefined)[] = []
): ComparisonRow {
  const ids = runIds.filter((id): id is string => typeof id === "string");
  const withRuns = ids.length > 0 ? {run_ids: ids} : {};
  if (reproduced === null)
    return {
      paper: "O1 Journey",
      item,
      published,
      reproduced: null,
      tolerance,
      flagged: true,
      reason: missing,
      ...withRuns
    };
  const difference = reproduced - published;
  const flagged = !(Math.abs(difference) <= tolerance);
  return {
    paper: "O1 Journey",
    item,
    published,
    reproduced,
    tolerance,
    flagged,
    ...withRuns,
    reason: `${agreed}; reproduced − published = ${difference >= 0 ? "+" : ""}${fmt(difference, 3)} ${
      flagged ? `exceeds` : "within"
    } ±${fmt(tolerance, 3)}`
  };
}

/** Inputs of {@link o1journeyComparison}: what read.ts returns for a root. */
export interface O1ComparisonInput {
  runs: readonly RunInfoRow[];
  majAtK: readonly MajAtKRow[];
  /** Defaults to the transcription in reference/o1journey-table1.csv. */
  published?: readonly PublishedTable1Row[];
}

/**
 * Rows of comparison.json for O1 Journey:
 * - every accuracy and token count of Table 1 vs the run's single-sample accuracy (tolerance: half a
 *   question, 50/n points, plus print rounding 0.005) and mean output tokens (±0.5: printed as integers);
 * - each Mean Acc. recomputed from the row's printed accuracies and sizes (must truncate or round to the
 *   printed value) and from the logs (pooled accuracy; tolerance half a question per benchmark, pooled);
 * - the §3.3 gains over vanilla, from the logs and from the printed accuracies;
 * - the §3.3 majority-voting points (exact maj@k of the model's 32-sample MedQA runs);
 * - a granularity check of every printed accuracy and majority-voting point against its benchmark's
 *   question count (can some k/n give the printed value under rounding or truncation?).
 * A row is flagged when the values disagree beyond its tolerance, a run is missing, or the check fails;
 * `reason` says which.
 */
export function o1journeyComparison({
  runs,
  majAtK,
  published = readPublishedTable1()
}: O1ComparisonInput): ComparisonRow[] {
  const cells = table1Cells(runs, majAtK, published);
  const maj = indexMajAtK(majAtK);
  const rows: ComparisonRow[] = [];
  const meanTolerance = (cellsOfRow: Table1Cell[]) => {
    const sized = cellsOfRow.filter((c) => c.benchmark !== "mean" && c.questions);
    const total = sized.reduce((s, c) => s + c.questions!, 0);
    return total === 0 ? null : (50 * sized.length) / total + PRINT;
  };

  for (const row of published) {
    const rowCells = cells.filter((c) => c.row === row.row);
    for (const cell of rowCells.filter((c) => c.benchmark !== "mean")) {
      const label = benchmarkLabel(cell.benchmark);
      const where = `${row.model} × ${row.strategy} × ${cell.benchmark}`;
      const tolerance = cell.questions ? 50 / cell.questions + PRINT : PRINT;
      rows.push(
        compare(
          `Table 1 · ${row.row} · ${label} Acc. (%)`,
          cell.published_acc,
          cell.reproduced_acc,
          tolerance,
          `run ${cell.run_id}: single-sample accuracy${cell.samples && cell.samples > 1 ? ` (maj@1 of ${cell.samples} samples)` : ""} over ${cell.questions} questions`,
          `no run of ${where} in the logs`,
          [cell.run_id]
        )
      );
      if (cell.published_tokens !== null) {
        rows.push(
          compare(
            `Table 1 · ${row.row} · ${label} #Avg. Token`,
            cell.published_tokens,
            cell.reproduced_tokens,
            0.5,
            `run ${cell.run_id}: mean output tokens per sample (printed as an integer)`,
            cell.run_id === null
              ? `no run of ${where} in the logs`
              : `run ${cell.run_id} has no token counts`,
            [cell.run_id]
          )
        );
      }
    }
    const mean = rowCells.find((c) => c.benchmark === "mean")!;
    const recomputed = mean.recomputed_acc!;
    const {truncates, rounds} = printedFrom(recomputed, row.mean_acc);
    rows.push({
      paper: "O1 Journey",
      item: `Table 1 · ${row.row} · Mean Acc. recomputed from its printed accuracies`,
      published: row.mean_acc,
      reproduced: recomputed,
      tolerance: 0.01,
      flagged: !truncates && !rounds,
      reason:
        `Σ acc·n / ${O1_BENCHMARKS.reduce((s, b) => s + b.questions, 0)} (n = ${O1_BENCHMARKS.map((b) => b.questions).join(", ")}) = ${fmt(recomputed, 4)}: ` +
        (truncates || rounds
          ? `${truncates ? "truncates" : "rounds"} to the printed ${fmt(row.mean_acc)}`
          : `neither truncates nor rounds to the printed ${fmt(row.mean_acc)} — the printed Mean Acc. is not the size-weighted mean of the row's printed accuracies`)
    });
    const tolerance = meanTolerance(rowCells) ?? PRINT;
    const fromLogs = compare(
      `Table 1 · ${row.row} · Mean Acc. from the logs`,
      row.mean_acc,
      mean.reproduced_acc,
      tolerance,
      `size-weighted mean of the row's three runs (pooled over ${mean.questions} questions)`,
      `the logs lack a run of ${row.model} × ${row.strategy} on some benchmark`,
      rowCells.map((c) => c.run_id)
    );
    if (fromLogs.flagged && !truncates && !rounds)
      fromLogs.reason += `; the printed accuracies themselves give ${fmt(recomputed, 2)}`;
    rows.push(fromLogs);
  }

  // §3.3 gains over vanilla in Mean Acc.
  const means = cells.filter((c) => c.benchmark === "mean");
  const reproducedGains = strategyGains(
    means
      .filter((c) => c.reproduced_acc !== null)
      .map((c) => ({model: c.model, strategy: c.strategy, accuracy: c.reproduced_acc!}))
  );
  const recomputedGains = strategyGains(
    means.map((c) => ({model: c.model, strategy: c.strategy, accuracy: c.recomputed_acc!}))
  );
  const printedGains = strategyGains(
    published.map((r) => ({model: r.model, strategy: r.strategy, accuracy: r.mean_acc}))
  );
  for (const claim of O1_GAIN_CLAIMS) {
    for (const [strategy, value] of Object.entries(claim.gains)) {
      const label = O1_STRATEGY_LABELS[strategy] ?? strategy;
      const find = (list: typeof reproducedGains) =>
        list.find((g) => g.model === claim.model && g.strategy === strategy)?.gain ?? null;
      const logRow = means.find((c) => c.model === claim.model && c.strategy === strategy);
      const baseRow = means.find((c) => c.model === claim.model && c.strategy === "vanilla");
      const tolerance =
        (baseRow && logRow ? (meanTolerance(cells.filter((c) => c.row === logRow.row)) ?? PRINT) : PRINT) * 2;
      rows.push(
        compare(
          `§3.3 · ${claim.model}: ${label} gain over Vanilla (Mean Acc., points), from the logs`,
          value,
          find(reproducedGains),
          tolerance,
          "difference of the pooled accuracies of the two rows' runs",
          `the logs lack the runs of ${claim.model} × ${strategy} or × vanilla`,
          cells
            .filter((c) => c.model === claim.model && (c.strategy === strategy || c.strategy === "vanilla"))
            .map((c) => c.run_id)
        )
      );
      const printed = find(printedGains);
      const recomputedRow = compare(
        `§3.3 · ${claim.model}: ${label} gain over Vanilla (points), from Table 1's printed accuracies`,
        value,
        find(recomputedGains),
        0.01 + 1e-9,
        `difference of the size-weighted means of the two rows' printed accuracies; from the printed Mean Acc.: ${printed === null ? "–" : fmt(printed)}`,
        `Table 1 has no row for ${claim.model} × ${strategy}`
      );
      rows.push(recomputedRow);
    }
  }

  // §3.3 majority voting.
  const {model, benchmark, ks} = O1_MAJORITY_CLAIMS;
  for (const claim of O1_MAJORITY_CLAIMS.points) {
    const label = `${model}-${O1_STRATEGY_LABELS[claim.strategy] ?? claim.strategy}`;
    const run = runs
      .filter(
        (r) =>
          r.model === model && r.strategy === claim.strategy && r.benchmark === benchmark && r.max_round === 0
      )
      .sort((a, b) => b.samples - a.samples || (a.run_id < b.run_id ? -1 : 1))[0];
    const curve = run ? maj.get(run.run_id) : undefined;
    const at = (k: number) => curve?.[k - 1]?.accuracy;
    const tolerance = run ? 50 / run.questions + PRINT : PRINT;
    const missing = `no run of ${model} × ${claim.strategy} × ${benchmark} with 32 samples in the logs`;
    const exact = `run ${run?.run_id}: exact maj@k (expected plurality vote over uniformly random k-subsets of its ${run?.samples} samples)`;
    const has32 = at(32) !== undefined;
    switch (claim.kind) {
      case "at-1":
      case "at-32": {
        const k = claim.kind === "at-1" ? 1 : 32;
        rows.push(
          compare(
            `§3.3 · ${label}, MedQA: ${k === 1 ? "single sample (maj@1)" : "majority of 32 samples (maj@32)"} (%)`,
            claim.value,
            at(k) === undefined ? null : 100 * at(k)!,
            tolerance,
            exact,
            missing,
            [run?.run_id]
          )
        );
        break;
      }
      case "peak": {
        const points = ks.filter((k) => at(k) !== undefined).map((k) => ({k, value: 100 * at(k)!}));
        const best = points.reduce<{k: number; value: number} | null>(
          (m, p) => (m === null || p.value > m.value ? p : m),
          null
        );
        const all = (curve ?? []).map((r, i) => ({k: i + 1, value: 100 * r.accuracy}));
        const top = all.reduce<{k: number; value: number} | null>(
          (m, p) => (m === null || p.value > m.value ? p : m),
          null
        );
        rows.push(
          compare(
            `§3.3 · ${label}, MedQA: peak over ${ks.join(", ")} samples (%)`,
            claim.value,
            has32 && best ? best.value : null,
            tolerance,
            `${exact}; highest at k = ${best?.k}${top && best && top.k !== best.k ? ` (over every k = 1…${all.length}: ${fmt(top.value, 3)} at k = ${top.k})` : ""}`,
            missing,
            [run?.run_id]
          )
        );
        break;
      }
      case "gain-32":
        rows.push(
          compare(
            `§3.3 · ${label}, MedQA: gain from majority voting, maj@32 − maj@1 (points)`,
            claim.value,
            has32 ? 100 * (at(32)! - at(1)!) : null,
            2 * tolerance,
            exact,
            missing,
            [run?.run_id]
          )
        );
        break;
    }
  }

  // Granularity of every printed accuracy and majority-voting point.
  const sizes = Object.fromEntries(O1_BENCHMARKS.map((b) => [b.id, b.questions])) as Record<
    O1Benchmark,
    number
  >;
  const granularity = (item: string, value: number, n: number, note = "") => {
    const result = granularityCheck(value, n, 2);
    rows.push({
      paper: "O1 Journey",
      item,
      published: value,
      reproduced: result.nearest_value,
      tolerance: null,
      flagged: !result.ok,
      reason: result.reason + (result.ok ? ` (modes: ${result.modes.join(", ")})` : "") + note
    });
  };
  for (const row of published)
    for (const b of O1_BENCHMARKS)
      granularity(
        `granularity · Table 1 · ${row.row} · ${b.label} ${fmt(row.acc[b.id])}`,
        row.acc[b.id],
        b.questions
      );
  const table = (strategy: string) =>
    published.find((r) => r.model === model && r.strategy === strategy)?.acc[benchmark];
  for (const claim of O1_MAJORITY_CLAIMS.points) {
    const start = table(claim.strategy);
    const value =
      claim.kind === "gain-32"
        ? start === undefined
          ? null
          : Math.round((start + claim.value) * 100) / 100
        : claim.value;
    if (value === null) continue;
    granularity(
      `granularity · §3.3 · ${model}-${O1_STRATEGY_LABELS[claim.strategy]} MedQA ${claim.kind === "gain-32" ? `maj@32 implied (${fmt(start!)} + ${fmt(claim.value)})` : claim.kind} ${fmt(value)}`,
      value,
      sizes[benchmark],
      "; a vote over one fixed set of samples is some k/n, while exact maj@k is an expectation and need not be"
    );
  }
  // How the paper printed each number: two decimals, token counts as integers.
  for (const row of rows)
    if (typeof row.published === "number")
      row.printed = row.published.toFixed(row.item.endsWith("#Avg. Token") ? 0 : 2);
  return rows;
}
