import {expect, it} from "vitest";
import {passAtKCurve} from "../../src/components/pass-at-k-curve.js";
import {passAtKRows} from "../../src/lib/inference/pass-at-k-rows.js";
import {expectSnapshot, testDocument} from "../snapshot.js";

// Two runs of four questions × 4 samples; rows from the library so the chart draws what analyze writes.
const questions = [
  {run_id: "vanilla", answers: ["A", "A", "B", "A"], gold: "A"},
  {run_id: "vanilla", answers: ["B", "C", "B", "B"], gold: "A"},
  {run_id: "vanilla", answers: ["A", "B", "C", "D"], gold: "A"},
  {run_id: "vanilla", answers: ["A", "A", "A", "A"], gold: "A"},
  {run_id: "longstep", answers: ["A", "A", "A", "B"], gold: "A"},
  {run_id: "longstep", answers: ["A", "C", "B", null], gold: "A"},
  {run_id: "longstep", answers: ["A", "A", "A", "A"], gold: "A"},
  {run_id: "longstep", answers: ["C", "A", "A", "A"], gold: "A"}
];
const majAtK = [1, 2, 3, 4].flatMap((k) => [
  {run_id: "vanilla", k, accuracy: [0.625, 0.6, 0.65, 0.75][k - 1], mean_output_tokens: 10 * k, questions: 4},
  {run_id: "longstep", k, accuracy: [0.75, 0.8, 0.85, 1][k - 1], mean_output_tokens: 600 * k, questions: 4}
]);

it("passAtKCurve draws pass@k, maj@k and G-Pass@k per run, one panel each", () => {
  const rows = passAtKRows(questions);
  const labels: Record<string, string> = {vanilla: "Vanilla", longstep: "LongStep"};
  const el = passAtKCurve(rows, {
    majAtK,
    runs: ["vanilla", "longstep"],
    label: (id) => labels[id],
    width: 640,
    document: testDocument()
  }) as Element;
  // vanilla: c = 3, 0, 1, 4 of n = 4 → pass@2 = mean(1, 0, 1 − C(3,2)/C(4,2), 1) = mean(1, 0, 0.5, 1) = 62.5 %.
  expect(el.querySelector(`circle[aria-label="Vanilla: pass@k at k = 2: 62.5 %"]`)).not.toBeNull();
  expectSnapshot(el, "pass-at-k-curve");
});
