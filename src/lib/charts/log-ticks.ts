/**
 * Round ticks for a log axis in the data's own units: the 1–2–5 sequence (…, 0.5, 1, 2, 5, 10, 20, …)
 * inside [min, max]; when the range holds fewer than three of those, 1–2–3–5, then every multiple 1–9
 * of each power of ten. A reader sees D in tokens, not ln D or powers of e.
 *
 * @param min smallest value on the axis (> 0)
 * @param max largest value on the axis (≥ min)
 * @example
 * logTicks(1.4, 18) // [2, 5, 10]
 * logTicks(0.9, 4.9) // [1, 2, 3]
 * logTicks(36, 90) // [40, 50, 60, 70, 80, 90]
 */
export function logTicks(min: number, max: number): number[] {
  if (!(min > 0) || !(max >= min) || !Number.isFinite(max)) return [];
  const inRange = (steps: number[]) => {
    const out: number[] = [];
    for (let e = Math.floor(Math.log10(min)) - 1; e <= Math.ceil(Math.log10(max)); e++)
      for (const s of steps) {
        // Rounded to 12 significant digits so 3 × 0.1 prints as 0.3.
        const v = Number((s * 10 ** e).toPrecision(12));
        if (v >= min * (1 - 1e-9) && v <= max * (1 + 1e-9)) out.push(v);
      }
    return out;
  };
  for (const steps of [
    [1, 2, 5],
    [1, 2, 3, 5]
  ]) {
    const ticks = inRange(steps);
    if (ticks.length >= 3) return ticks;
  }
  return inRange([1, 2, 3, 4, 5, 6, 7, 8, 9]);
}
