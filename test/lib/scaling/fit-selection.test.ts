import {describe, expect, it} from "vitest";
import {
  fitCandidates,
  fitSlug,
  refitSelection,
  studyWithSelection
} from "../../../src/lib/scaling/fit-selection.js";
import {groupMeans} from "../../../src/lib/scaling/group-means.js";
import {fitStudy} from "../../../src/lib/scaling/power-law-fit.js";
import {fitExclusionReason, parseStudy} from "../../../src/lib/scaling/study.js";
import type {ModelInfo} from "../../../src/lib/types.js";

const L = Math.log(2);
const models: ModelInfo[] = [
  {name: "a7", family: "a", params_b: 7, train_tokens_t: 1, instruct: false},
  {name: "c7", family: "x3", params_b: 7, train_tokens_t: 2, instruct: false},
  {name: "b7", family: "b", params_b: 7, train_tokens_t: 4, instruct: false},
  {name: "a70", family: "a", params_b: 70, train_tokens_t: 1, instruct: false},
  {name: "c70", family: "x3", params_b: 70, train_tokens_t: 2, instruct: false},
  {name: "b70", family: "b", params_b: 70, train_tokens_t: 4, instruct: false},
  {name: "i7", family: "a", params_b: 7, train_tokens_t: 4, instruct: true}
];
const study = parseStudy(
  {
    version: 1,
    id: "s",
    title: "S",
    groups: [
      {id: "simple", tasks: ["s1"]},
      {id: "complex", tasks: ["c1"]}
    ],
    exclusions: [{families: ["x3"], reason: "outlier", source: "§E"}]
  },
  "test"
);
// 1 − P: complex a7 1/2, c7 1, b7 1/8; simple all 1/2 at D = 1, 1/4 at 2, 1/8 at 4.
const P: Record<string, [number, number]> = {
  a7: [0.5, 0.5],
  c7: [0.75, 0],
  b7: [0.875, 0.875],
  a70: [0.5, 0.5],
  c70: [0.75, 0.75],
  b70: [0.875, 0.875],
  i7: [0.9, 0.9]
};
const runs = Object.entries(P).flatMap(([model, [s, c]]) => [
  {run_id: `${model}.s1`, model, task: "s1", normalized: s},
  {run_id: `${model}.c1`, model, task: "c1", normalized: c}
]);
const means = groupMeans(runs, models, study);

describe("fit selection (audit toggles)", () => {
  it("names fits for URLs", () => {
    expect(fitSlug("simple.~7B")).toBe("simple-7b");
    expect(fitSlug("complex.~70B")).toBe("complex-70b");
    expect(fitSlug("~7B.")).toBe("7b");
  });

  it("rejects a fit the study does not have", () => {
    expect(() => fitCandidates(means, models, study, "diagnosis.~7B")).toThrow(
      new Error("no fit diagnosis.~7B in study s")
    );
    const unfitted = parseStudy(
      {version: 1, id: "u", title: "U", groups: [{id: "simple", tasks: ["s1"], fit: false}]},
      "u"
    );
    expect(() => refitSelection(means, models, unfitted, "simple.~7B", [])).toThrow(
      new Error("no fit simple.~7B")
    );
  });

  it("takes the candidates' P from the fit's own group, and leaves out a mean of 1", () => {
    expect(
      fitCandidates(means, models, study, "complex.~7B").map((x) => [x.model, x.train_tokens_t, x.p])
    ).toEqual([
      ["a7", 1, 0.5],
      ["c7", 2, 0],
      ["b7", 4, 0.875]
    ]);
    const perfect = means.map((m) => (m.model === "b7" && m.group === "complex" ? {...m, mean: 1} : m));
    expect(fitCandidates(perfect, models, study, "complex.~7B").map((x) => x.model)).toEqual(["a7", "c7"]);
  });

  it("keeps exclusions outside the fit's cell, splits the rest around it, groups the left-out by reason", () => {
    const scoped = parseStudy(
      {
        version: 1,
        id: "s",
        title: "S",
        groups: [
          {id: "simple", tasks: ["s1"]},
          {id: "complex", tasks: ["c1"]}
        ],
        exclusions: [
          {families: ["x3"], groups: ["simple"], reason: "simple only"},
          {models: ["a7"], groups: ["complex"], size_classes: ["~7B"], reason: "this cell only"},
          {families: ["b"], size_classes: ["~7B", "~70B"], reason: "everywhere"}
        ]
      },
      "test"
    );
    const c = fitCandidates(means, models, scoped, "complex.~7B");
    const edited = studyWithSelection(scoped, "complex.~7B", ["a7"], c);
    const where = {source: null};
    expect(edited.exclusions).toEqual([
      {models: [], families: ["x3"], groups: ["simple"], size_classes: null, reason: "simple only", ...where},
      {
        models: [],
        families: ["b"],
        groups: ["simple"],
        size_classes: ["~7B", "~70B"],
        reason: "everywhere",
        ...where
      },
      {
        models: [],
        families: ["b"],
        groups: ["complex"],
        size_classes: ["~70B"],
        reason: "everywhere",
        ...where
      },
      {
        models: ["c7"],
        families: [],
        groups: ["complex"],
        size_classes: ["~7B"],
        reason: "left out on the audit page",
        ...where
      },
      {
        models: ["b7"],
        families: [],
        groups: ["complex"],
        size_classes: ["~7B"],
        reason: "everywhere",
        ...where
      }
    ]);
    const byName = new Map(models.map((m) => [m.name, m]));
    expect(fitExclusionReason(byName.get("c70")!, "complex", "~70B", edited)).toBeNull();
    expect(fitExclusionReason(byName.get("c7")!, "simple", "~7B", edited)).toBe("simple only");
  });

  it("offers the class's base models with D, and says which the study leaves out", () => {
    const c = fitCandidates(means, models, study, "complex.~7B");
    expect(c.map((x) => [x.model, x.study_reason])).toEqual([
      ["a7", null],
      ["c7", "outlier (§E)"],
      ["b7", null]
    ]);
  });

  it("edits the exclusions for one fit only", () => {
    const c = fitCandidates(means, models, study, "complex.~7B");
    const edited = studyWithSelection(study, "complex.~7B", ["a7", "c7"], c);
    const byName = new Map(models.map((m) => [m.name, m]));
    expect(fitExclusionReason(byName.get("c7")!, "complex", "~7B", edited)).toBeNull();
    expect(fitExclusionReason(byName.get("b7")!, "complex", "~7B", edited)).toBe(
      "left out on the audit page"
    );
    // Elsewhere the study's exclusion still holds.
    expect(fitExclusionReason(byName.get("c7")!, "simple", "~7B", edited)).toBe("outlier (§E)");
    expect(fitExclusionReason(byName.get("c70")!, "complex", "~70B", edited)).toBe("outlier (§E)");
    expect(() => studyWithSelection(study, "complex.~7B", ["i7"], c)).toThrow(/i7 is not a candidate/);
  });

  it("refits with the library to the values done by hand", () => {
    // The study's own selection reproduces fitStudy exactly.
    const base = fitStudy(runs, models, study);
    const same = refitSelection(means, models, study, "complex.~7B", ["a7", "b7"]);
    expect(same.fit.alpha).toBe(base.find((f) => f.id === "complex.~7B")!.alpha);
    // With c7: x = (0, L, 2L), y = (−L, 0, −3L) → Sxy = −2L², Sxx = 2L², α = 1, A = −L/3.
    const withC7 = refitSelection(means, models, study, "complex.~7B", ["a7", "c7", "b7"]);
    expect(withC7.fit.alpha).toBeCloseTo(1, 12);
    expect(withC7.fit.intercept).toBeCloseTo(-L / 3, 12);
    // One point left: no estimate, with the reason.
    const one = refitSelection(means, models, study, "complex.~7B", ["a7"]);
    expect(one.fit.alpha).toBeNull();
    expect(one.fit.excluded.map((e) => e.model)).toEqual(["c7", "b7", "i7"]);
    // The other fits do not move.
    for (const f of base)
      if (f.id !== "complex.~7B") expect(withC7.fits.find((x) => x.id === f.id)!.alpha).toBe(f.alpha);
  });
});
