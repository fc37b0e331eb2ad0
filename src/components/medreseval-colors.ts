import {interpolateBlues, interpolateReds} from "d3";

/**
 * MedResEval's figure colours (Fig. 4): ~7B models blue, ~70B models red, the colour deeper the more
 * training tokens; any other size class grey.
 */

/** Colour of a model of `sizeClass` trained on `tokens` T, depth scaled on ln D over `[minD, maxD]`. */
export function sizeTokenColor(
  sizeClass: string | null,
  tokens: number | null,
  [minD, maxD]: [number, number]
): string {
  const t =
    tokens === null || !(maxD > minD)
      ? 0.65
      : 0.35 + (0.6 * (Math.log(tokens) - Math.log(minD))) / (Math.log(maxD) - Math.log(minD));
  if (sizeClass === "~7B") return interpolateBlues(t);
  if (sizeClass === "~70B") return interpolateReds(t);
  return "#999";
}

/** The plain colour of a size class (lines, fitted curves). */
export function sizeColor(sizeClass: string | null): string {
  return sizeClass === "~7B" ? "#2166ac" : sizeClass === "~70B" ? "#b2182b" : "#777";
}

/** [min, max] of the positive training tokens in `rows`, for {@link sizeTokenColor}. */
export function tokenDomain(rows: readonly {train_tokens_t: number | null}[]): [number, number] {
  const ds = rows.map((r) => r.train_tokens_t).filter((d): d is number => d !== null && d > 0);
  return ds.length ? [Math.min(...ds), Math.max(...ds)] : [1, 1];
}
