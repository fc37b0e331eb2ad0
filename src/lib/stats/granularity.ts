/** How a fraction k/n could have been turned into the printed percentage. */
export type GranularityMode = "round-half-up" | "round-half-even" | "truncate";

export interface GranularityResult {
  /** Some k/n gives the printed value under some mode. */
  ok: boolean;
  /** The k whose 100·k/n is nearest the printed value, among the k that explain it when ok. */
  nearest_k: number;
  /** 100·nearest_k/n, unrounded (percent). */
  nearest_value: number;
  /** "round" if some k rounds to the value (half-up or half-even), else "truncate" if some k truncates to it. */
  mode: "round" | "truncate" | null;
  /** Every mode under which some k/n gives the printed value. */
  modes: GranularityMode[];
  reason: string;
}

/**
 * Granularity check of a published accuracy: can some k correct out of n questions give the printed
 * percentage with `digits` decimals, under rounding (half-up, or half-to-even "banker's") or under
 * truncation? With n questions accuracies come in steps of 100/n points (0.079 for MedQA's 1273,
 * 0.32 for Medbullets' 308), so a printed value between two steps cannot be a plain accuracy over
 * those n questions — a different question count, an average over runs, or a typo.
 *
 * Exact: the test is done in integers. With P = printed·10^d and D = 100·10^d, k rounds half-up to
 * P iff (2P − 1)·n ≤ 2·D·k < (2P + 1)·n; half-to-even also takes an exact tie at either end when P
 * is even and excludes the lower tie when it is odd; k truncates to P iff P·n ≤ D·k < (P + 1)·n.
 *
 * Reference: O1 Journey Part 3, Table 1 (accuracies printed to two decimals over benchmarks of known size).
 *
 * @param published the printed accuracy, in percent (e.g. 74.31)
 * @param questions n, the benchmark's question count (a positive integer)
 * @param digits decimals printed (e.g. 2)
 * @example
 * granularityCheck(74.31, 1273, 2)
 * // {ok: true, nearest_k: 946, nearest_value: 74.3126…, mode: "round",
 * //  modes: ["round-half-up", "round-half-even"], reason: "946/1273 = 74.3126% rounds to 74.31"}
 */
export function granularityCheck(published: number, questions: number, digits: number): GranularityResult {
  if (!Number.isInteger(questions) || questions <= 0) {
    throw new RangeError(`granularityCheck: questions must be a positive integer, got ${questions}`);
  }
  if (!Number.isInteger(digits) || digits < 0 || digits > 6) {
    throw new RangeError(`granularityCheck: digits must be an integer in [0, 6], got ${digits}`);
  }
  if (!Number.isFinite(published) || published < 0 || published > 100) {
    throw new RangeError(`granularityCheck: published must be a percentage in [0, 100], got ${published}`);
  }
  const scale = 10 ** digits;
  const P = Math.round(published * scale);
  // A value with more decimals than `digits` is a caller error, not a failed check.
  if (Math.abs(published * scale - P) > 1e-6) {
    throw new RangeError(`granularityCheck: ${published} has more than ${digits} decimals`);
  }
  const n = questions;
  const D = 100 * scale;
  if (!Number.isSafeInteger(2 * D * n + 2 * n)) {
    throw new RangeError(`granularityCheck: ${n} questions at ${digits} decimals exceed exact integer range`);
  }
  const matches = new Map<GranularityMode, number[]>([
    ["round-half-up", []],
    ["round-half-even", []],
    ["truncate", []]
  ]);
  // Only k near P·n/D can match; scan a window around it.
  const center = Math.round((P * n) / D);
  for (let k = Math.max(0, center - 2); k <= Math.min(n, center + 2); k++) {
    const twice = 2 * D * k;
    const low = (2 * P - 1) * n;
    const high = (2 * P + 1) * n;
    if (twice >= low && twice < high) matches.get("round-half-up")!.push(k);
    const even = P % 2 === 0;
    if ((twice > low && twice < high) || (even && (twice === low || twice === high))) {
      matches.get("round-half-even")!.push(k);
    }
    if (D * k >= P * n && D * k < (P + 1) * n) matches.get("truncate")!.push(k);
  }
  const modes = [...matches].filter(([, ks]) => ks.length > 0).map(([mode]) => mode);
  const rounding = [...matches.get("round-half-up")!, ...matches.get("round-half-even")!];
  const mode = rounding.length > 0 ? "round" : modes.includes("truncate") ? "truncate" : null;
  const candidates =
    mode === "round" ? rounding : mode === "truncate" ? matches.get("truncate")! : range(n + 1);
  const target = P / scale;
  let nearest = candidates[0];
  for (const k of candidates) {
    if (Math.abs((100 * k) / n - target) < Math.abs((100 * nearest) / n - target)) nearest = k;
  }
  const value = (100 * nearest) / n;
  const printed = target.toFixed(digits);
  const shown = `${nearest}/${n} = ${value.toFixed(digits + 2)}%`;
  let reason: string;
  if (mode === "round") reason = `${shown} rounds to ${printed}`;
  else if (mode === "truncate") reason = `${shown} truncates to ${printed} (no k/${n} rounds to it)`;
  else {
    reason =
      `no k/${n} rounds or truncates to ${printed} (${digits} decimals): nearest ${shown}, ` +
      `${Math.abs(value - target).toFixed(digits + 2)} points away; steps are ${(100 / n).toFixed(digits + 2)} points`;
  }
  return {ok: mode !== null, nearest_k: nearest, nearest_value: value, mode, modes, reason};
}

function range(length: number): number[] {
  return Array.from({length}, (_, i) => i);
}
