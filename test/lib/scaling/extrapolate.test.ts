import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {
  errorReductionRatio,
  extrapolate,
  extrapolateFromPublished,
  extrapolationBounds,
  tokensToMatch,
  tokensToMatchBounds
} from "../../../src/lib/scaling/extrapolate.js";
import {fitStudy, type PowerLawFit} from "../../../src/lib/scaling/power-law-fit.js";
import {parseStudy} from "../../../src/lib/scaling/study.js";
import {medresevalModels} from "../../fixtures/study/medreseval-registry.js";
import {table1Rows, table4Runs} from "../../fixtures/study/medreseval-table4.js";

describe("tokensToMatch", () => {
  it("solves hand-checkable cases exactly (tolerance 1e-12)", () => {
    // Target error 0.5·4^−0.5 = 0.25; 1·D^−0.5 = 0.25 → D = 16.
    expect(tokensToMatch({alpha: 0.5, coefficient: 1}, {alpha: 0.5, coefficient: 0.5}, 4)).toBeCloseTo(
      16,
      12
    );
    // Target 1·2^−2 = 0.25; 2·D^−1 = 0.25 → D = 8.
    expect(tokensToMatch({alpha: 1, coefficient: 2}, {alpha: 2, coefficient: 1}, 2)).toBeCloseTo(8, 12);
    // Same law on both sides: D = D₀.
    expect(tokensToMatch({alpha: 0.3, coefficient: 0.8}, {alpha: 0.3, coefficient: 0.8}, 5)).toBeCloseTo(
      5,
      12
    );
    expect(errorReductionRatio({alpha: 1}, {alpha: 2})).toBe(2);
  });

  it("is Infinity when the `from` error does not fall with data", () => {
    expect(tokensToMatch({alpha: 0, coefficient: 1}, {alpha: 0.5, coefficient: 0.5}, 5)).toBe(Infinity);
    expect(tokensToMatch({alpha: -0.1, coefficient: 1}, {alpha: 0.5, coefficient: 0.5}, 5)).toBe(Infinity);
    // α = 0 with the `from` error already below the target: dividing by α would give e^−∞ = 0.
    expect(tokensToMatch({alpha: 0, coefficient: 0.01}, {alpha: 0.5, coefficient: 0.5}, 5)).toBe(Infinity);
  });
});

describe("extrapolate", () => {
  const fit = (id: string, alpha: number | null, coefficient: number | null): PowerLawFit =>
    ({id, alpha, coefficient}) as PowerLawFit;
  const questions = {
    extrapolations: [
      {group: "g", from: "~7B", to: "~70B", to_train_tokens_t: 4},
      {group: "h", from: "~7B", to: "~70B", to_train_tokens_t: 5},
      {group: "k", from: "~7B", to: "~70B", to_train_tokens_t: 5}
    ]
  };

  it("answers each question from the fits, or says why not", () => {
    const out = extrapolate(
      [
        fit("g.~7B", 0.5, 1),
        fit("g.~70B", 0.5, 0.5),
        fit("h.~7B", null, null),
        fit("h.~70B", 0.2, 0.8),
        fit("k.~7B", -0.1, 1),
        fit("k.~70B", 0.2, 0.8)
      ],
      questions
    );
    expect(out[0]).toEqual({
      group: "g",
      from_size_class: "~7B",
      to_size_class: "~70B",
      to_train_tokens_t: 4,
      tokens_t: expect.closeTo(16, 12),
      target_p: expect.closeTo(0.75, 12),
      alpha_ratio: 1,
      interval: null,
      alpha_ratio_interval: null,
      from_fit: "g.~7B",
      to_fit: "g.~70B",
      source: "fits",
      reason: null
    });
    expect(out[1]).toMatchObject({tokens_t: null, alpha_ratio: null, reason: "fit h.~7B has no estimate"});
    expect(out[2]).toMatchObject({tokens_t: null, alpha_ratio: -2, reason: expect.stringMatching(/≤ 0/)});
    expect(extrapolate([], questions)[0].reason).toBe("no fit g.~7B; no fit g.~70B");
    // Either estimate missing is enough. h: 1·D^−0.5 = 0.5·5^−0.5 → D = 5/0.25 = 20.
    const halfMissing = extrapolate(
      [fit("g.~7B", 0.5, null), fit("g.~70B", null, 0.5), fit("h.~7B", 0.5, 1), fit("h.~70B", 0.5, 0.5)],
      questions
    );
    expect(halfMissing.map((e) => [e.tokens_t, e.reason])).toEqual([
      [null, "fit g.~7B has no estimate; fit g.~70B has no estimate"],
      [expect.closeTo(20, 9), null],
      [null, "no fit k.~7B; no fit k.~70B"]
    ]);
  });

  it("recomputes from published coefficients and rejects non-numbers", () => {
    const rows = [
      {task_type: "g", model_params: "~7B", coefficient: "2", alpha: "1"},
      {task_type: "g", model_params: "~70B", coefficient: 1, alpha: 2}
    ];
    const [e] = extrapolateFromPublished(rows, [{group: "g", from: "~7B", to: "~70B", to_train_tokens_t: 2}]);
    expect(e.tokens_t).toBeCloseTo(8, 12);
    expect(e.source).toBe("published");
    expect(extrapolateFromPublished(rows)[0].to_train_tokens_t).toBe(5);
    expect(() => extrapolateFromPublished([{...rows[0], alpha: ""}])).toThrow(/row 1 \(g ~7B\)/);
    // Number(" ") is 0 and Number("abc") NaN: neither is a published α; a coefficient must be > 0.
    for (const bad of [
      {alpha: " "},
      {alpha: "abc"},
      {coefficient: 0},
      {coefficient: -1},
      {coefficient: "x"}
    ]) {
      expect(() => extrapolateFromPublished([rows[1], {...rows[0], ...bad}])).toThrow(
        `published fits row 2 (g ~7B): alpha ${JSON.stringify(bad.alpha ?? "1")} and coefficient ` +
          `${JSON.stringify(bad.coefficient ?? "2")} must be numbers (coefficient > 0)`
      );
    }
  });

  it("published-parameter bounds hold the centre and widen with the rounding", () => {
    const from = {alpha: 1, coefficient: 2};
    const to = {alpha: 2, coefficient: 1};
    const [lo, hi] = tokensToMatchBounds(from, to, 2, 0.01);
    expect(lo).toBeLessThan(8);
    expect(hi).toBeGreaterThan(8);
    const [lo0, hi0] = tokensToMatchBounds(from, to, 2, 0);
    expect(lo0).toBeCloseTo(8, 12);
    expect(hi0).toBeCloseTo(8, 12);
  });

  it("bounds under rounding contain every corner and the centre", () => {
    const from = [
      {model: "a", train_tokens_t: 1, p: 0.2},
      {model: "b", train_tokens_t: 4, p: 0.4}
    ];
    const to = [
      {model: "c", train_tokens_t: 1, p: 0.4},
      {model: "d", train_tokens_t: 4, p: 0.7}
    ];
    // Centre: from α = −ln(0.6/0.8)/ln 4, c = 0.8; to α = −ln(0.3/0.6)/ln 4 = 0.5, c = 0.6.
    const aF = -Math.log(0.6 / 0.8) / Math.log(4);
    const centre = Math.exp((Math.log(0.8) - Math.log(0.6) + 0.5 * Math.log(5)) / aF);
    const [lo, hi] = extrapolationBounds(from, to, 5, 0.01)!;
    expect(lo).toBeLessThan(centre);
    expect(hi).toBeGreaterThan(centre);
    expect(extrapolationBounds(from, to, 5, 0)![0]).toBeCloseTo(centre, 9);
  });

  /** Two-point law in closed form: α = −Δln(1 − P)/Δln D, A = ln(1 − P₁) + α·ln D₁. */
  const twoPoint = (a: {train_tokens_t: number; p: number}, b: {train_tokens_t: number; p: number}) => {
    const alpha = -(Math.log(1 - b.p) - Math.log(1 - a.p)) / Math.log(b.train_tokens_t / a.train_tokens_t);
    return {alpha, coefficient: Math.exp(Math.log(1 - a.p) + alpha * Math.log(a.train_tokens_t))};
  };
  const pts = (...ps: [number, number][]) => ps.map(([d, p], i) => ({model: `m${i}`, train_tokens_t: d, p}));

  it("bounds are the extremes over all 16 corners of two 2-point fits (closed form, 1e-9)", () => {
    const from = pts([1, 0.2], [4, 0.4]);
    const to = pts([1, 0.4], [4, 0.6]);
    const h = 0.05;
    const ds: number[] = [];
    for (const s of [-h, h].flatMap((a) =>
      [-h, h].flatMap((b) => [-h, h].flatMap((c) => [-h, h].map((d) => [a, b, c, d])))
    ))
      ds.push(
        tokensToMatch(
          twoPoint({...from[0], p: from[0].p + s[0]}, {...from[1], p: from[1].p + s[1]}),
          twoPoint({...to[0], p: to[0].p + s[2]}, {...to[1], p: to[1].p + s[3]}),
          5
        )
      );
    const [lo, hi] = extrapolationBounds(from, to, 5, h)!;
    expect(lo).toBeCloseTo(Math.min(...ds), 9);
    expect(hi).toBeCloseTo(Math.max(...ds), 9);
  });

  it("bounds are unbounded above when a corner reaches P = 1, and the lower bound skips that corner", () => {
    const from = pts([1, 0.2], [4, 0.4]);
    // 0.75 + 0.25 = 1 exactly: that corner has no error left to match.
    const to = pts([1, 0.4], [4, 0.75]);
    const h = 0.25;
    const ds: number[] = [];
    for (const s of [-h, h].flatMap((a) => [-h, h].flatMap((b) => [-h, h].map((c) => [a, b, c]))))
      ds.push(
        tokensToMatch(
          twoPoint({...from[0], p: from[0].p + s[0]}, {...from[1], p: from[1].p + s[1]}),
          twoPoint({...to[0], p: to[0].p + s[2]}, {...to[1], p: to[1].p - h}),
          5
        )
      );
    const [lo, hi] = extrapolationBounds(from, to, 5, h)!;
    expect(hi).toBe(Infinity);
    expect(lo).toBeCloseTo(Math.min(...ds), 9);
  });

  it("bounds need 2 points per fit, at most 20 points, and a fit on each side", () => {
    const two = pts([1, 0.2], [4, 0.4]);
    // One point at P = 1 would leave every corner unbounded; with one point there is no law at all.
    expect(extrapolationBounds(pts([1, 1]), two, 5, 0)).toBeNull();
    expect(extrapolationBounds(two, pts([1, 1]), 5, 0)).toBeNull();
    // Twenty points is allowed; all `from` points at one D give no fit, so the first corner returns.
    const oneD = pts(...Array.from({length: 10}, (): [number, number] => [1, 0.3]));
    expect(extrapolationBounds(oneD, [...oneD], 5, 0.01)).toBeNull();
    expect(() => extrapolationBounds(oneD, [...oneD, ...two.slice(0, 1)], 5, 0.01)).toThrow(
      new RangeError("extrapolationBounds: 21 points; at most 20 (2^n corners)")
    );
  });
});

describe("MedResEval extrapolations: 54.7T and 157T", () => {
  /** The complex-task law of one size class in Table 1. */
  const published = (size: string) => {
    const row = table1Rows().find((r) => r.task_type === "complex" && r.model_params === size)!;
    return {alpha: row.alpha, coefficient: row.coefficient};
  };
  it("Table 1's own coefficients give 54.7T and 157T (to the printed precision)", () => {
    const [simple, complex] = extrapolateFromPublished(table1Rows());
    console.log(
      `from Table 1: simple ${simple.tokens_t!.toFixed(2)}T (ratio ${simple.alpha_ratio!.toFixed(3)}), ` +
        `complex ${complex.tokens_t!.toFixed(2)}T (ratio ${complex.alpha_ratio!.toFixed(3)})`
    );
    expect(Math.abs(simple.tokens_t! - 54.7)).toBeLessThanOrEqual(0.05);
    expect(Math.abs(complex.tokens_t! - 157)).toBeLessThanOrEqual(0.5);
    expect(simple.alpha_ratio!.toFixed(1)).toBe("1.3");
    expect(complex.alpha_ratio!.toFixed(0)).toBe("2");
    // Table 1's three decimals alone leave the complex answer anywhere in about 148–168T.
    const [lo, hi] = tokensToMatchBounds(published("~7B"), published("~70B"), 5, 0.0005);
    console.log(`Table 1 rounding: complex ${lo.toFixed(1)}–${hi.toFixed(1)}T`);
    expect(lo).toBeLessThan(157);
    expect(hi).toBeGreaterThan(157);
  });

  it("Table 4 refits give the simple number but not the complex one", () => {
    const study = parseStudy(
      readFileSync(
        new URL("../../../data-loaders/studies/medreseval/reference/paper-study.json", import.meta.url),
        "utf8"
      ),
      "medreseval.study.json"
    );
    const fits = fitStudy(table4Runs(), medresevalModels, study);
    const [simple, complex] = extrapolate(fits, study);
    const byId = new Map(fits.map((f) => [f.id, f]));
    const bounds = (group: string) =>
      extrapolationBounds(byId.get(`${group}.~7B`)!.points, byId.get(`${group}.~70B`)!.points, 5, 0.0005)!;
    const [sLo, sHi] = bounds("simple");
    const [cLo, cHi] = bounds("complex");
    console.log(
      `from Table 4: simple ${simple.tokens_t!.toFixed(2)}T [${sLo.toFixed(1)}, ${sHi.toFixed(1)}] ratio ` +
        `${simple.alpha_ratio!.toFixed(3)}; complex ${complex.tokens_t!.toFixed(2)}T [${cLo.toFixed(1)}, ` +
        `${cHi.toFixed(1)}] ratio ${complex.alpha_ratio!.toFixed(3)}`
    );
    expect(sLo <= 54.7 && 54.7 <= sHi).toBe(true);
    expect(cLo <= 157 && 157 <= cHi).toBe(false);
    // Not even within Table 1's own rounding of the complex laws (≈148–168T): the ranges are disjoint.
    const [pLo] = tokensToMatchBounds(published("~7B"), published("~70B"), 5, 0.0005);
    expect(cHi).toBeLessThan(pLo);
    expect(simple.alpha_ratio!.toFixed(1)).toBe("1.3");
  });
});
