import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {boundedFits, r2Range, ratioRange} from "../../../src/lib/scaling/bounded-fits.js";
import {extrapolate, extrapolationBounds} from "../../../src/lib/scaling/extrapolate.js";
import {
  fitPowerLaw,
  fitStudy,
  powerLawFitBounds,
  type PowerLawFit
} from "../../../src/lib/scaling/power-law-fit.js";
import {parseStudy} from "../../../src/lib/scaling/study.js";
import {medresevalModels} from "../../fixtures/study/medreseval-registry.js";
import {table4Runs} from "../../fixtures/study/medreseval-table4.js";

const pt = (model: string, train_tokens_t: number, p: number) => ({model, train_tokens_t, p});
const three = [pt("a", 1, 0.5), pt("b", 2, 0.75), pt("c", 4, 0.85)];

describe("r2Range", () => {
  it("is [R², R²] with no uncertainty, and contains R² otherwise", () => {
    const r2 = fitPowerLaw(three).r2!;
    const [lo0, hi0] = r2Range(three, 0)!;
    expect(lo0).toBeCloseTo(r2, 12);
    expect(hi0).toBeCloseTo(r2, 12);
    const [lo, hi] = r2Range(three, 0.0005)!;
    expect(lo).toBeLessThan(r2);
    expect(hi).toBeGreaterThan(r2);
    expect(lo).toBeCloseTo(0.99168, 5);
    expect(hi).toBeCloseTo(0.99311, 5);
  });

  it("is exactly 1 for two points (a line through both)", () => {
    expect(r2Range([pt("a", 1, 0.5), pt("b", 2, 0.75)], 0.01)).toEqual([1, 1]);
  });

  it("is null for too few or too many points, or a corner at P ≥ 1", () => {
    expect(r2Range([], 0.001)).toBeNull();
    expect(r2Range([pt("a", 1, 0.5)], 0.001)).toBeNull();
    // 17 points on a noisy law (each corner would have an R²): 2^17 corners is over the limit.
    expect(
      r2Range(
        Array.from({length: 17}, (_, i) => pt(`m${i}`, i + 1, 0.3 + 0.02 * i + 0.01 * (i % 3))),
        0.001
      )
    ).toBeNull();
    expect(r2Range([pt("a", 1, 0.5), pt("b", 2, 0.9996)], 0.0005)).toBeNull();
    // 0.75 + 0.25 = 1 exactly: no law through that corner.
    expect(r2Range([pt("a", 1, 0.2), pt("b", 2, 0.75)], 0.25)).toBeNull();
  });
});

describe("ratioRange", () => {
  it("divides the ends crosswise", () => {
    expect(ratioRange([1, 2], [3, 4])).toEqual([1.5, 4]);
  });
  it("is null when α(from) may be 0 or negative", () => {
    expect(ratioRange([0, 2], [3, 4])).toBeNull();
    expect(ratioRange([-0.1, 2], [3, 4])).toBeNull();
  });
});

const studyPath = new URL(
  "../../../data-loaders/studies/medreseval/reference/paper-study.json",
  import.meta.url
);

describe("boundedFits on MedResEval Table 4 (±0.0005 of P)", () => {
  // Computed inside each test, not in the describe body: Stryker's per-test coverage sees only code a test runs.
  const setup = () => {
    const study = parseStudy(readFileSync(studyPath, "utf8"), "medreseval.study.json");
    return {study, fits: fitStudy(table4Runs(), medresevalModels, study)};
  };

  it("bounds every fit with powerLawFitBounds and r2Range at its half-width", () => {
    const {study, fits} = setup();
    const {fits: bounded} = boundedFits(fits, study, () => 0.0005);
    expect(bounded.map((b) => b.fit)).toEqual(fits);
    for (const b of bounded) {
      expect(b.half_width).toBe(0.0005);
      expect(b.bounds).toEqual(powerLawFitBounds(b.fit.points, 0.0005));
      expect(b.r2_range).toEqual(r2Range(b.fit.points, 0.0005));
      expect(b.bounds!.alpha[0]).toBeLessThanOrEqual(b.fit.alpha!);
      expect(b.bounds!.alpha[1]).toBeGreaterThanOrEqual(b.fit.alpha!);
    }
  });

  it("answers the study's extrapolations with their ranges (simple: 53.7–55.4T around 54.7T)", () => {
    const {study, fits} = setup();
    const {extrapolations} = boundedFits(fits, study, () => 0.0005);
    const plain = extrapolate(fits, study);
    expect(extrapolations).toHaveLength(plain.length);
    extrapolations.forEach((e, i) => expect(e).toMatchObject(plain[i]));
    const byId = new Map(fits.map((f) => [f.id, f]));
    const [simple] = extrapolations;
    expect(simple.tokens_range).toEqual(
      extrapolationBounds(byId.get("simple.~7B")!.points, byId.get("simple.~70B")!.points, 5, 0.0005)
    );
    expect(simple.tokens_range![0]).toBeCloseTo(53.7, 1);
    expect(simple.tokens_range![1]).toBeCloseTo(55.4, 1);
    const from = powerLawFitBounds(byId.get("simple.~7B")!.points, 0.0005)!;
    const to = powerLawFitBounds(byId.get("simple.~70B")!.points, 0.0005)!;
    expect(simple.ratio_range).toEqual(ratioRange(from.alpha, to.alpha));
    expect(simple.ratio_range![0]).toBeLessThanOrEqual(simple.alpha_ratio!);
    expect(simple.ratio_range![1]).toBeGreaterThanOrEqual(simple.alpha_ratio!);
  });

  it("uses the larger half-width of the two fits of an extrapolation", () => {
    const {study, fits} = setup();
    const {extrapolations: mixed} = boundedFits(fits, study, (f) =>
      f.size_class === "~7B" ? 0.001 : 0.0005
    );
    expect(mixed.map((e) => e.half_width)).toEqual([0.001, 0.001]);
  });

  it("gives no ranges for an extrapolation whose fit failed", () => {
    const {study, fits} = setup();
    const failed = fits.map((f): PowerLawFit => (f.id === "simple.~70B" ? {...f, alpha: null} : f));
    const [simple, complex] = boundedFits(failed, study, () => 0.0005).extrapolations;
    expect(simple).toMatchObject({tokens_range: null, ratio_range: null});
    expect(simple.half_width).toBeNaN();
    expect(complex.tokens_range).not.toBeNull();
    const fromFailed = fits.map((f): PowerLawFit => (f.id === "complex.~7B" ? {...f, alpha: null} : f));
    // Only the complex question: the simple one's bounds were computed above.
    const complexOnly = {...study, extrapolations: study.extrapolations.slice(1)};
    const [complexFailed] = boundedFits(fromFailed, complexOnly, () => 0.0005).extrapolations;
    expect(complexFailed.from_fit).toBe("complex.~7B");
    expect(complexFailed).toMatchObject({tokens_range: null, ratio_range: null});
    expect(complexFailed.half_width).toBeNaN();
  });

  it("gives no token range beyond 20 points in all (2^n corners), but still the ratio range", () => {
    const study = parseStudy(
      {
        version: 1,
        id: "w",
        title: "W",
        groups: [{id: "g", tasks: ["t"]}],
        extrapolations: [{group: "g", from: "~7B", to: "~70B", to_train_tokens_t: 5}]
      },
      "w"
    );
    const law = (size_class: string, n: number, scale: number): PowerLawFit => {
      const points = Array.from({length: n}, (_, i) =>
        pt(`${size_class}-${i}`, i + 1, 1 - scale * (i + 1) ** -0.2 + 0.003 * (i % 2))
      );
      const fit = fitPowerLaw(points);
      return {
        ...fit,
        points: fit.points.map((p) => ({...p, family: "f", tasks: []})),
        id: `g.${size_class}`,
        group: "g",
        size_class,
        models: points.map((p) => p.model),
        excluded: [],
        intervals: null
      };
    };
    // 11 + 10 = 21 points.
    const fits = [law("~7B", 11, 0.9), law("~70B", 10, 0.7)];
    const [e] = boundedFits(fits, study, () => 0.0005).extrapolations;
    expect(e.tokens_range).toBeNull();
    const [from, to] = fits.map((f) => powerLawFitBounds(f.points, 0.0005)!);
    expect(e.ratio_range).toEqual(ratioRange(from.alpha, to.alpha));
  });
});
