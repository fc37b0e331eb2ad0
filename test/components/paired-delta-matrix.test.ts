import {expect, it} from "vitest";
import {pairedDeltaMatrix} from "../../src/components/paired-delta-matrix.js";
import {pairedComparisons} from "../../src/lib/stats/paired-comparisons.js";
import {expectSnapshot, testDocument} from "../snapshot.js";

// Three runs of one task on 100 shared questions; rows from the library so the chart draws what analyze writes.
const pairs = pairedComparisons([
  {run_a: "big.t", run_b: "mid.t", task: "t", questions: 100, both_correct: 60, a_only: 20, b_only: 2},
  {run_a: "big.t", run_b: "small.t", task: "t", questions: 100, both_correct: 50, a_only: 30, b_only: 1},
  {run_a: "mid.t", run_b: "small.t", task: "t", questions: 100, both_correct: 55, a_only: 7, b_only: 4}
]);

it("pairedDeltaMatrix draws Δ both ways per pair, strong with a dot when BH-adjusted p < α", () => {
  const el = pairedDeltaMatrix(pairs, {
    runs: ["big.t", "mid.t", "small.t"],
    label: (id) => id.replace(/\.t$/, ""),
    width: 400,
    document: testDocument()
  }) as Element;
  // big − mid = (80 − 62) / 100 = +18 points; the mirrored cell reads −18 with the counts swapped.
  const label = (row: string, column: string) =>
    el.querySelector(`rect[aria-label^="${row} − ${column};"]`)?.getAttribute("aria-label");
  expect(label("big", "mid")).toContain("Δ +18.0 points");
  expect(label("big", "mid")).toContain("right only: row 20, column 2 of 100 shared");
  expect(label("mid", "big")).toContain("Δ -18.0 points");
  expect(label("mid", "big")).toContain("right only: row 2, column 20 of 100 shared");
  // Two of the three pairs are significant, each drawn twice: four corner dots.
  expect(el.querySelectorAll('g[aria-label="dot"] circle')).toHaveLength(4);
  expectSnapshot(el, "paired-delta-matrix");
});
