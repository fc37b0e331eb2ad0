/** ln(2π). */
const LN_2PI = Math.log(2 * Math.PI);

/**
 * Stirling's error stirlerr(n) = ln n! − [(n + ½)·ln n − n + ½·ln 2π] for an integer n ≥ 1: the
 * series 1/(12n) − 1/(360n³) + … for n > 15 (Loader 2000, with her cut-offs), and the definition
 * with n! exact in doubles (15! < 2^53) below that.
 */
function stirlingError(n: number): number {
  if (n <= 15) {
    let factorial = 1;
    for (let i = 2; i <= n; i++) factorial *= i;
    return Math.log(factorial) - (n + 0.5) * Math.log(n) + n - 0.5 * LN_2PI;
  }
  const nn = n * n;
  const s0 = 1 / 12;
  const s1 = 1 / 360;
  const s2 = 1 / 1260;
  const s3 = 1 / 1680;
  const s4 = 1 / 1188;
  if (n > 500) return (s0 - s1 / nn) / n;
  if (n > 80) return (s0 - (s1 - s2 / nn) / nn) / n;
  if (n > 35) return (s0 - (s1 - (s2 - s3 / nn) / nn) / nn) / n;
  return (s0 - (s1 - (s2 - (s3 - s4 / nn) / nn) / nn) / nn) / n;
}

/**
 * The deviance term bd0(x, m) = x·ln(x/m) + m − x, by its series in v = (x − m)/(x + m) when x is
 * near m (where the direct formula cancels), Loader (2000) §2.
 */
function deviance(x: number, m: number): number {
  if (Math.abs(x - m) < 0.1 * (x + m)) {
    let v = (x - m) / (x + m);
    let sum = (x - m) * v;
    let term = 2 * x * v;
    v *= v;
    for (let j = 1; j < 1000; j++) {
      term *= v;
      const next = sum + term / (2 * j + 1);
      if (next === sum) return next;
      sum = next;
    }
    return sum;
  }
  return x * Math.log(x / m) + m - x;
}

/**
 * P[X = x] for X ~ Binomial(n, ½), by Loader's saddle-point form (no lgamma differences, so
 * relative accuracy stays near 1e-15 even at n = 10,000 where C(n, x) overflows a double).
 */
function binomialHalfPmf(x: number, n: number): number {
  if (x === 0 || x === n) return Math.pow(2, -n);
  const half = n / 2;
  const lc =
    stirlingError(n) - stirlingError(x) - stirlingError(n - x) - deviance(x, half) - deviance(n - x, half);
  const lf = LN_2PI + Math.log(x) + Math.log1p(-x / n);
  return Math.exp(lc - 0.5 * lf);
}

/**
 * Exact (binomial) McNemar test that two runs on the same questions have the same accuracy.
 * Only discordant questions carry information: b = questions A gets right and B wrong, c = the
 * reverse. Under H₀ each discordant question is equally likely to go either way, so
 * b ~ Binomial(b + c, ½), and the two-sided p-value is min(1, 2·P[X ≤ min(b, c)]); 1 when
 * b + c = 0. Exact, so valid for small counts where the χ² version is not.
 *
 * Method: P[X = min(b, c)] by Loader's saddle-point formula, then the lower tail by the recursion
 * P[X = j − 1] = P[X = j]·j/(N − j + 1), summed until terms stop mattering. Relative error
 * below 1e-13 up to b + c = 10,000 (tested against exact BigInt sums), up to about 5e-13 for
 * astronomically small p (< 1e-80, where ln P ≈ −200 carries its rounding); a p-value below the
 * smallest double (≈ 5e-324) is returned as 0.
 *
 * Reference: McNemar (1947), Psychometrika 12(2):153–157; the exact form as in Fagerland, Lydersen
 * & Laake (2013), BMC Med Res Methodol 13:91; C. Loader (2000), "Fast and accurate computation of
 * binomial probabilities". Applied to evals: Miller (2024), arXiv 2411.00640 §5.
 *
 * @param aOnly b: questions run A answers correctly and run B does not (an integer ≥ 0)
 * @param bOnly c: questions run B answers correctly and run A does not (an integer ≥ 0)
 * @returns the two-sided p-value in [0, 1]; symmetric in its arguments
 * @example
 * mcnemarExact(0, 5) // 0.0625 = 2·(1/2)^5
 * mcnemarExact(3, 3) // 1
 */
export function mcnemarExact(aOnly: number, bOnly: number): number {
  for (const [name, value] of [
    ["aOnly", aOnly],
    ["bOnly", bOnly]
  ] as const) {
    if (!Number.isInteger(value) || value < 0) {
      throw new RangeError(`mcnemarExact: ${name} must be a non-negative integer, got ${value}`);
    }
  }
  const n = aOnly + bOnly;
  const k = Math.min(aOnly, bOnly);
  // P[X ≤ n/2] ≥ ½, so equal counts (and n = 0) give p = 1.
  if (2 * k >= n) return 1;
  let term = binomialHalfPmf(k, n);
  let sum = term;
  for (let j = k; j > 0 && term > sum * 1e-17; j--) {
    term *= j / (n - j + 1);
    sum += term;
  }
  return Math.min(1, 2 * sum);
}
