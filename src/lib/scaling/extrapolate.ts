import {fitPowerLaw, type Interval, type PowerLawFit, type PowerLawPoint} from "./power-law-fit.js";
import {DEFAULT_TO_TRAIN_TOKENS_T, fitId, type ExtrapolationQuestion, type Study} from "./study.js";

/** The parameters of one fitted law, P = 1 − coefficient · D^−α. */
export interface LawParameters {
  alpha: number;
  coefficient: number;
}

/** One extrapolation question answered. The shape of an `extrapolations.json` entry. */
export interface Extrapolation {
  group: string;
  from_size_class: string;
  to_size_class: string;
  to_train_tokens_t: number;
  /** Tokens (T) the `from` class needs to reach the `to` class's error at to_train_tokens_t. */
  tokens_t: number | null;
  /** P of the `to` class at to_train_tokens_t: the score to match. */
  target_p: number | null;
  /** Error-reduction ratio α(to) / α(from) (MedResEval abstract: 1.3× simple, 2× complex). */
  alpha_ratio: number | null;
  interval: Interval | null;
  alpha_ratio_interval: Interval | null;
  /** Fit ids used (or Table 1 rows, for published coefficients). */
  from_fit: string;
  to_fit: string;
  source: "fits" | "published";
  /** Why tokens_t is null. */
  reason: string | null;
}

/**
 * Training tokens D (T) at which the `from` law reaches the error the `to` law has at D₀:
 * solves coefficient_from · D^−α_from = coefficient_to · D₀^−α_to, i.e.
 * D = (coefficient_from / (coefficient_to · D₀^−α_to))^(1/α_from). MedResEval §5.1 asks it with
 * from = ~7B, to = ~70B, D₀ = 5T. When α_from ≤ 0 the `from` error never falls with more data, and
 * the answer is Infinity.
 *
 * @example
 * tokensToMatch({alpha: 0.5, coefficient: 1}, {alpha: 0.5, coefficient: 0.5}, 4) // 16
 */
export function tokensToMatch(from: LawParameters, to: LawParameters, toTrainTokensT: number): number {
  if (!(from.alpha > 0)) return Infinity;
  const lnTarget = Math.log(to.coefficient) - to.alpha * Math.log(toTrainTokensT);
  return Math.exp((Math.log(from.coefficient) - lnTarget) / from.alpha);
}

/** α(to) / α(from): how many times faster the `to` class's error falls per x-fold more data. */
export function errorReductionRatio(from: {alpha: number}, to: {alpha: number}): number {
  return to.alpha / from.alpha;
}

function answer(
  q: ExtrapolationQuestion,
  from: {alpha: number | null; coefficient: number | null; id: string} | undefined,
  to: {alpha: number | null; coefficient: number | null; id: string} | undefined,
  source: "fits" | "published",
  fromId: string,
  toId: string
): Extrapolation {
  const base = {
    group: q.group,
    from_size_class: q.from,
    to_size_class: q.to,
    to_train_tokens_t: q.to_train_tokens_t,
    interval: null,
    alpha_ratio_interval: null,
    from_fit: fromId,
    to_fit: toId,
    source
  };
  const missing = [from, to].flatMap((f, i) =>
    !f
      ? [`no fit ${i ? toId : fromId}`]
      : f.alpha === null || f.coefficient === null
        ? [`fit ${f.id} has no estimate`]
        : []
  );
  if (missing.length || !from || !to) {
    return {...base, tokens_t: null, target_p: null, alpha_ratio: null, reason: missing.join("; ")};
  }
  const f = {alpha: from.alpha!, coefficient: from.coefficient!};
  const t = {alpha: to.alpha!, coefficient: to.coefficient!};
  const tokens = tokensToMatch(f, t, q.to_train_tokens_t);
  return {
    ...base,
    tokens_t: Number.isFinite(tokens) ? tokens : null,
    target_p: 1 - t.coefficient * Math.pow(q.to_train_tokens_t, -t.alpha),
    alpha_ratio: errorReductionRatio(f, t),
    reason: Number.isFinite(tokens)
      ? null
      : `α(${q.from}) = ${f.alpha} ≤ 0: the ${q.from} error does not fall with more data, no finite D`
  };
}

/**
 * Answers a study's extrapolation questions from its fits ({@link fitStudy}); a question whose
 * fits have no estimate gets `tokens_t: null` and the reason. Intervals are filled by the bootstrap.
 *
 * @example
 * extrapolate(fits, study) // [{group: "simple", from_size_class: "~7B", to_size_class: "~70B", tokens_t: 54.5…, …}]
 */
export function extrapolate(
  fits: readonly PowerLawFit[],
  study: Pick<Study, "extrapolations">
): Extrapolation[] {
  const byId = new Map(fits.map((f) => [f.id, f]));
  return study.extrapolations.map((q) => {
    const fromId = fitId(q.group, q.from);
    const toId = fitId(q.group, q.to);
    return answer(q, byId.get(fromId), byId.get(toId), "fits", fromId, toId);
  });
}

/** A row of the paper's Table 1 (reference/medreseval_table1_fits.csv). */
export interface PublishedFitRow {
  task_type: string;
  model_params: string;
  coefficient: number | string;
  alpha: number | string;
}

/**
 * Recomputes extrapolations from published coefficients (MedResEval Table 1) rather than from
 * data, to check whether the paper's 54.7T / 157T follow from its own Table 1. Questions default
 * to: for each task type, ~7B → ~70B at 5T.
 *
 * @throws {Error} for a row whose coefficient or alpha is not a number
 * @example
 * extrapolateFromPublished(table1Rows).map((e) => e.tokens_t) // [54.67…, 157.4…]
 */
export function extrapolateFromPublished(
  rows: readonly PublishedFitRow[],
  questions?: readonly ExtrapolationQuestion[]
): Extrapolation[] {
  const laws = new Map<string, {alpha: number; coefficient: number; id: string}>();
  rows.forEach((row, i) => {
    const alpha = Number(row.alpha);
    const coefficient = Number(row.coefficient);
    if (!Number.isFinite(alpha) || !(coefficient > 0) || String(row.alpha).trim() === "") {
      throw new Error(
        `published fits row ${i + 1} (${row.task_type} ${row.model_params}): alpha ${JSON.stringify(row.alpha)} ` +
          `and coefficient ${JSON.stringify(row.coefficient)} must be numbers (coefficient > 0)`
      );
    }
    const id = fitId(row.task_type, row.model_params);
    laws.set(id, {alpha, coefficient, id});
  });
  const qs =
    questions ??
    [...new Set(rows.map((r) => r.task_type))].map((group) => ({
      group,
      from: "~7B",
      to: "~70B",
      to_train_tokens_t: DEFAULT_TO_TRAIN_TOKENS_T
    }));
  return qs.map((q) => {
    const fromId = fitId(q.group, q.from);
    const toId = fitId(q.group, q.to);
    return answer(q, laws.get(fromId), laws.get(toId), "published", fromId, toId);
  });
}

/**
 * Exact range of the extrapolated tokens when every P of both fits may be off by ±`halfWidth`
 * (e.g. 0.0005 for percentages printed with one decimal). ln D = (A_from − A_to + α_to·ln D₀) /
 * α_from is a ratio of functions linear in the ln(1 − P) values, so over the box of possible P its
 * extremes lie at corners; all 2^n corners are visited (n = points of both fits, at most 20).
 * Returns [lower, upper]; upper is Infinity when some corner makes α_from ≤ 0.
 *
 * @example
 * extrapolationBounds(simple7B.points, simple70B.points, 5, 0.0005) // [53.7…, 55.4…]
 */
export function extrapolationBounds(
  fromPoints: readonly PowerLawPoint[],
  toPoints: readonly PowerLawPoint[],
  toTrainTokensT: number,
  halfWidth: number
): [number, number] | null {
  const all = [...fromPoints, ...toPoints];
  if (fromPoints.length < 2 || toPoints.length < 2) return null;
  if (all.length > 20)
    throw new RangeError(`extrapolationBounds: ${all.length} points; at most 20 (2^n corners)`);
  let lower = Infinity;
  let upper = -Infinity;
  // Stryker disable next-line EqualityOperator: corner 2^n has bits 0…n−1 clear, the same corner as 0
  for (let corner = 0; corner < 2 ** all.length; corner++) {
    // Stryker disable next-line ArithmeticOperator: p − (±h) visits the same set of corners as p + (±h)
    const shifted = all.map((pt, j) => ({...pt, p: pt.p + ((corner >> j) & 1 ? halfWidth : -halfWidth)}));
    if (shifted.some((pt) => pt.p >= 1)) {
      upper = Infinity; // no error left to match, or a law that cannot be fitted: unbounded
      continue;
    }
    const f = fitPowerLaw(shifted.slice(0, fromPoints.length));
    const t = fitPowerLaw(shifted.slice(fromPoints.length));
    if (f.alpha === null || t.alpha === null) return null;
    const d = tokensToMatch(
      {alpha: f.alpha, coefficient: f.coefficient!},
      {alpha: t.alpha, coefficient: t.coefficient!},
      toTrainTokensT
    );
    lower = Math.min(lower, d);
    upper = Math.max(upper, d);
  }
  return [lower, upper];
}

/**
 * Range of {@link tokensToMatch} when each of the four published parameters (α and coefficient of
 * both laws) is only known to ±`halfWidth` (0.0005 for Table 1's three decimals). ln D is monotone
 * in each parameter separately, so the extremes lie among the 16 corners, all of which are tried.
 *
 * @example
 * tokensToMatchBounds({alpha: 0.067, coefficient: 1.052}, {alpha: 0.132, coefficient: 0.927}, 5, 0.0005)
 * // [147.6…, 168.0…]
 */
export function tokensToMatchBounds(
  from: LawParameters,
  to: LawParameters,
  toTrainTokensT: number,
  halfWidth: number
): [number, number] {
  let lower = Infinity;
  let upper = -Infinity;
  // Stryker disable next-line EqualityOperator: corner 16 has bits 0…3 clear, the same corner as 0
  for (let corner = 0; corner < 16; corner++) {
    const s = (bit: number): number => ((corner >> bit) & 1 ? halfWidth : -halfWidth);
    // Stryker disable ArithmeticOperator: x − s(k) visits the same 16 corners as x + s(k)
    const d = tokensToMatch(
      {alpha: from.alpha + s(0), coefficient: from.coefficient + s(1)},
      {alpha: to.alpha + s(2), coefficient: to.coefficient + s(3)},
      toTrainTokensT
    );
    // Stryker restore ArithmeticOperator
    lower = Math.min(lower, d);
    upper = Math.max(upper, d);
  }
  return [lower, upper];
}
