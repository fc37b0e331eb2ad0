/**
 * The least-squares fit of y = ln(1 − P) on x = ln D written out term by term, as a reader would do
 * it by hand: means, centred sums, slope, intercept, residual and total sums of squares, R². The
 * audit pages show these beside the library's result (simple-statistics), which must agree.
 */
export interface RegressionSteps {
  n: number;
  mean_x: number;
  mean_y: number;
  /** Σ (x − x̄)². */
  sxx: number;
  /** Σ (x − x̄)(y − ȳ). */
  sxy: number;
  /** sxy / sxx. */
  slope: number;
  /** ȳ − slope · x̄. */
  intercept: number;
  /** Σ (y − ŷ)². */
  ss_res: number;
  /** Σ (y − ȳ)². */
  ss_tot: number;
  /** 1 − ss_res / ss_tot (null when ss_tot = 0). */
  r2: number | null;
}

/**
 * @example
 * regressionSteps([{ln_d: 0, ln_error: Math.log(0.5)}, {ln_d: Math.log(4), ln_error: Math.log(0.25)}]).slope // −0.5
 */
export function regressionSteps(points: readonly {ln_d: number; ln_error: number}[]): RegressionSteps | null {
  const n = points.length;
  const mean_x = points.reduce((s, p) => s + p.ln_d, 0) / n;
  const mean_y = points.reduce((s, p) => s + p.ln_error, 0) / n;
  let sxx = 0;
  let sxy = 0;
  let ss_tot = 0;
  for (const p of points) {
    sxx += (p.ln_d - mean_x) ** 2;
    // Stryker disable next-line ArithmeticOperator: Σ(x − x̄) = Σ(y − ȳ) = 0, so x + x̄ or y + ȳ in one factor leaves Sxy unchanged
    sxy += (p.ln_d - mean_x) * (p.ln_error - mean_y);
    ss_tot += (p.ln_error - mean_y) ** 2;
  }
  // Fewer than 2 points, or all at one D, leave Sxx = 0 (or 0/0 = NaN for none): no slope.
  if (!(sxx > 0)) return null;
  const slope = sxy / sxx;
  const intercept = mean_y - slope * mean_x;
  let ss_res = 0;
  for (const p of points) ss_res += (p.ln_error - (intercept + slope * p.ln_d)) ** 2;
  return {
    n,
    mean_x,
    mean_y,
    sxx,
    sxy,
    slope,
    intercept,
    ss_res,
    ss_tot,
    r2: ss_tot > 0 ? 1 - ss_res / ss_tot : null
  };
}
