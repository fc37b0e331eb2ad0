import {expect, it} from "vitest";
import {voteAgreementChart} from "../../src/components/vote-agreement.js";
import {expectSnapshot, testDocument} from "../snapshot.js";

it("voteAgreementChart stacks right and wrong majorities per agreement level", () => {
  const bars = [0, 1, 2, 3].map((k) => ({
    run: "m · medqa",
    k,
    n: 3,
    questions: [0, 1, 4, 10][k],
    correct: [0, 0, 1, 6][k]
  }));
  const el = voteAgreementChart(bars, {width: 400, document: testDocument()}) as Element;
  // k = 0 has no questions and is left out: 3 levels × (right, wrong) bars.
  expect(el.querySelectorAll("rect")).toHaveLength(6 + 2); // + the two legend swatches
  expect(el.innerHTML).toContain("3/3: 6 (majority right)");
  expectSnapshot(el, "vote-agreement");
});
