/**
 * The rows behind the MedResEval figures, shaped from `report.json` (per-run scores and group means).
 * Pure functions: the pages call them, download their output as CSV, and pass it to the charts.
 */
import type {ReportMean, ReportRun} from "../contracts/medreseval.js";

/** A bar of Fig. 4 / Fig. 7: one base model's normalized score (percent) on one panel. */
export interface SizeTokenBar {
  panel: string;
  model: string;
  size_class: string;
  train_tokens_t: number;
  value: number;
  run_ids: string[];
}

const isLlama = (family: string | null) => /^llama/i.test(family ?? "");
const compared = (size: string | null): size is "~7B" | "~70B" => size === "~7B" || size === "~70B";
const bySizeThenTokens = (a: SizeTokenBar, b: SizeTokenBar) =>
  (a.size_class === b.size_class ? 0 : a.size_class === "~7B" ? -1 : 1) ||
  a.train_tokens_t - b.train_tokens_t ||
  (a.model < b.model ? -1 : 1);

/**
 * Fig. 4: per group (`groups`, with display labels) every base ~7B / ~70B model with known tokens and
 * a complete group mean, in percent, ~7B first, then by training tokens.
 *
 * @example
 * sizeTokenBars(means, [["simple", "Reasoning-simple"], ["complex", "Reasoning-complex"]])
 */
export function sizeTokenBars(
  means: readonly ReportMean[],
  groups: readonly [string, string][]
): SizeTokenBar[] {
  return groups.flatMap(([group, label]) =>
    means
      .filter(
        (m) =>
          m.group === group &&
          !m.instruct &&
          compared(m.size_class) &&
          m.mean !== null &&
          m.train_tokens_t !== null
      )
      .map((m) => ({
        panel: label,
        model: m.model,
        size_class: m.size_class!,
        train_tokens_t: m.train_tokens_t!,
        value: 100 * m.mean!,
        run_ids: m.run_ids
      }))
      .sort(bySizeThenTokens)
  );
}

/** Fig. 7: the same bars for one task (the diagnosis simulation), from the runs. */
export function taskBars(runs: readonly ReportRun[], task: string, label: string): SizeTokenBar[] {
  return runs
    .filter((r) => r.task === task && !r.instruct && compared(r.size_class) && r.train_tokens_t !== null)
    .map((r) => ({
      panel: label,
      model: r.model,
      size_class: r.size_class!,
      train_tokens_t: r.train_tokens_t!,
      value: 100 * r.normalized,
      run_ids: [r.run_id]
    }))
    .sort(bySizeThenTokens);
}

/** A point of Fig. 1(b): one Llama model's score (percent) on one task level. */
export interface LevelPoint {
  model: string;
  size_class: string | null;
  train_tokens_t: number | null;
  level: string;
  value: number;
}

/**
 * Fig. 1(b): every base Llama model (family llama*) on increasingly demanding levels — `levels` are
 * [label, task or group id, "task" | "group"] in display order.
 */
export function llamaLevels(
  runs: readonly ReportRun[],
  means: readonly ReportMean[],
  levels: readonly [label: string, id: string, kind: "task" | "group"][]
): LevelPoint[] {
  const models = [
    ...new Map(runs.filter((r) => isLlama(r.family) && !r.instruct).map((r) => [r.model, r])).values()
  ];
  return models.flatMap((m) =>
    levels.flatMap(([level, id, kind]) => {
      const value =
        kind === "task"
          ? runs.find((r) => r.model === m.model && r.task === id)?.normalized
          : (means.find((x) => x.model === m.model && x.group === id)?.mean ?? undefined);
      return value === undefined || value === null
        ? []
        : [
            {
              model: m.model,
              size_class: m.size_class,
              train_tokens_t: m.train_tokens_t,
              level,
              value: 100 * value
            }
          ];
    })
  );
}

/** A bar of Fig. 5: the mean score (percent) of a Llama size × data group on one task. */
export interface LlamaGroupBar {
  task: string;
  group: string;
  size_class: "~7B" | "~70B";
  more_data: boolean;
  value: number;
  models: string[];
}

/**
 * Fig. 5 (MedResEval §5.1): base Llama models in four groups — ~7B / ~70B × less data (under
 * `splitT` trillion tokens; the paper's 1.4T and 2T) / more data (15T) — and the mean normalized
 * score of each group on each of `tasks`.
 *
 * @example
 * llamaGroups(runs, ["origin", "semvar"]) // [{task: "origin", group: "~7B · 1.4T, 2T", value: 10.7, …}, …]
 */
export function llamaGroups(
  runs: readonly ReportRun[],
  tasks: readonly string[],
  splitT = 10
): LlamaGroupBar[] {
  const out: LlamaGroupBar[] = [];
  for (const task of tasks) {
    for (const size of ["~7B", "~70B"] as const) {
      for (const more of [false, true]) {
        const rows = runs.filter(
          (r) =>
            r.task === task &&
            isLlama(r.family) &&
            !r.instruct &&
            r.size_class === size &&
            r.train_tokens_t !== null &&
            r.train_tokens_t >= splitT === more
        );
        if (rows.length === 0) continue;
        const tokens = [...new Set(rows.map((r) => r.train_tokens_t!))].sort((a, b) => a - b);
        out.push({
          task,
          group: `${size} · ${tokens.map((t) => `${t}T`).join(", ")}`,
          size_class: size,
          more_data: more,
          value: rows.reduce((s, r) => s + 100 * r.normalized, 0) / rows.length,
          models: rows.map((r) => r.model)
        });
      }
    }
  }
  return out;
}

/** A point of Fig. 6: a model's normalized error 1 − P at D, in or out of its fit. */
export interface ErrorPoint {
  group: string;
  size_class: string;
  model: string;
  train_tokens_t: number;
  error: number;
  in_fit: boolean;
}

/** A fitted law for Fig. 6. */
export interface ErrorLaw {
  group: string;
  size_class: string;
  alpha: number;
  coefficient: number;
  source: string;
}

/**
 * Fig. 6 points: for each fit (group × size class), its models (in_fit) and the other base models
 * of that group and class with a complete mean and known D (out of the fit, e.g. Llama 3 in the
 * complex fits), error = 1 − P.
 */
export function errorPoints(
  means: readonly ReportMean[],
  fits: readonly {group: string; size_class: string; models: string[]}[],
  groupLabel: (group: string) => string = (g) => g
): ErrorPoint[] {
  return fits.flatMap((fit) =>
    means
      .filter(
        (m) =>
          m.group === fit.group &&
          m.size_class === fit.size_class &&
          !m.instruct &&
          m.mean !== null &&
          m.train_tokens_t !== null &&
          m.train_tokens_t > 0
      )
      .map((m) => ({
        group: groupLabel(fit.group),
        size_class: fit.size_class,
        model: m.model,
        train_tokens_t: m.train_tokens_t!,
        error: 1 - m.mean!,
        in_fit: fit.models.includes(m.model)
      }))
  );
}

/** Points along each law's curve, log-spaced over [from, to] trillion tokens (for dashed lines). */
export function lawCurves(
  laws: readonly ErrorLaw[],
  [from, to]: [number, number],
  steps = 40
): (ErrorLaw & {train_tokens_t: number; error: number})[] {
  return laws.flatMap((law) =>
    Array.from({length: steps + 1}, (_, i) => {
      const d = from * (to / from) ** (i / steps);
      return {...law, train_tokens_t: d, error: law.coefficient * d ** -law.alpha};
    })
  );
}
