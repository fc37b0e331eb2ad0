const EPS = 1e-9;

/** A printed number: its value and how many decimals were printed. */
export interface PrintedValue {
  value: number;
  decimals: number;
}

export interface NormalizedGranularityResult {
  /** Some whole number k of correct questions prints as the published value. */
  ok: boolean;
  /** Points one question moves the normalized score: 100 / (n · (max − chance)). */
  step: number;
  /** The attainable score at or just below the published one (the printing one when ok; NaN if none). */
  below: number;
  /** The attainable score just above the published one (the printing one when ok; NaN if none). */
  above: number;
}

/**
 * Granularity check of a published normalized score (MedResEval Eq. 4, percent): can some k correct
 * out of n questions, normalized = 100 · (k/n − chance) / (max − chance), print as `published` under
 * half-up, half-away-from-zero or half-to-even rounding? The score moves in steps of
 * 100 / (n · (max − chance)) points, so a printed value between two steps cannot come from n
 * questions at that chance. Unlike `granularityCheck` (src/lib/stats/granularity.ts: plain
 * accuracies k/n, no chance offset, also truncation), the attainable values here are shifted by the
 * chance, can be negative, and a tie counts when any of the three conventions prints it.
 *
 * @param published the printed value (percent) and its number of decimals
 * @param questions n
 * @param chance the task's chance accuracy (proportion)
 * @param max the task's maximum accuracy (default 1)
 * @example
 * normalizedGranularityCheck({value: 30.7, decimals: 1}, 1600, 0.5)
 * // {ok: false, step: 0.125, below: 30.625, above: 30.75}
 */
export function normalizedGranularityCheck(
  published: PrintedValue,
  questions: number,
  chance: number,
  max = 1
): NormalizedGranularityResult {
  const step = 100 / (questions * (max - chance));
  // normalized(k) = 100·(k/n − chance)/(max − chance) = step·k − 100·chance/(max − chance)
  const offset = (100 * chance) / (max - chance);
  const k0 = Math.floor((published.value + offset) / step);
  const scale = 10 ** published.decimals;
  const prints = (v: number) => {
    const x = v * scale;
    const fl = Math.floor(x + EPS);
    const tie = Math.abs(x - fl - 0.5) < 1e-7;
    const target = Math.round(published.value * scale);
    if (!tie) return Math.round(x) === target;
    // Half-up (towards +∞), half away from zero, half to even: a tie prints as either neighbour
    // only when some convention picks it.
    const up = fl + 1;
    const away = x < 0 ? fl : fl + 1;
    const even = fl % 2 === 0 ? fl : fl + 1;
    return [up, away, even].includes(target);
  };
  let below = NaN;
  let above = NaN;
  for (let k = k0 - 2; k <= k0 + 3; k++) {
    if (k < 0 || k > questions) continue;
    const v = step * k - offset;
    if (prints(v)) return {ok: true, step, below: v, above: v};
    if (v <= published.value) below = v;
    else if (Number.isNaN(above)) above = v;
  }
  return {ok: false, step, below, above};
}
