import {describe, expect, it} from "vitest";
import {paperAnalysis} from "../../../../data-loaders/studies/medreseval/paper-fits.js";

describe("the paper's own tables", () => {
  it("refits Table 4 like an independent OLS and answers Table 1's questions", () => {
    const paper = paperAnalysis();
    // Independent OLS (closed form) of the complex ~7B points of Table 4: the three complex tasks'
    // mean, without Llama 3 (Appendix E).
    const rows: [number, number[]][] = [
      [1.4, [2.1, 0.5, -11.1]],
      [2, [2.2, -2.1, -2.4]],
      [3, [13.1, -1.4, -1.0]],
      [7, [14.2, 6.0, 3.0]],
      [18, [17.5, 10.6, 14.3]]
    ];
    const x = rows.map(([d]) => Math.log(d));
    const y = rows.map(([, v]) => Math.log(1 - (v[0] + v[1] + v[2]) / 300));
    const mx = x.reduce((s, v) => s + v, 0) / x.length;
    const my = y.reduce((s, v) => s + v, 0) / y.length;
    const slope =
      x.reduce((s, xi, i) => s + (xi - mx) * (y[i] - my), 0) / x.reduce((s, xi) => s + (xi - mx) ** 2, 0);
    const refit = paper.table4_refit.fits.find((b) => b.fit.id === "complex.~7B")!;
    expect(refit.fit.alpha).toBeCloseTo(-slope, 12);
    expect(refit.fit.alpha).toBeCloseTo(0.07, 3);
    expect(refit.bounds!.alpha[0]).toBeLessThan(refit.fit.alpha!);
    expect(refit.bounds!.alpha[1]).toBeGreaterThan(refit.fit.alpha!);
    // Table 1 → tokens, by the closed form D = (c7 / (c70 · 5^−α70))^(1/α7).
    const t1 = paper.table1.extrapolations;
    expect(t1.find((e) => e.group === "simple")!.tokens_t).toBeCloseTo(
      (0.982 / (0.719 * 5 ** -0.224)) ** (1 / 0.168),
      9
    );
    expect(t1.find((e) => e.group === "complex")!.tokens_t).toBeCloseTo(
      (1.052 / (0.927 * 5 ** -0.132)) ** (1 / 0.067),
      9
    );
    const range = t1.find((e) => e.group === "complex")!.tokens_range!;
    expect(range[0]).toBeLessThan(157.4);
    expect(range[1]).toBeGreaterThan(157.4);
  });
});
