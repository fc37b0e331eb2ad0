import {expect, it} from "vitest";
import {extractionAgreementChart} from "../../src/components/extraction-agreement.js";
import {expectSnapshot, testDocument} from "../snapshot.js";

it("extractionAgreementChart splits each run's compared samples into agreement categories", () => {
  const runs = [
    {label: "r1 · medqa hard", agreed: 92, extractor_none: 0, logged_none: 0, different: 8},
    {label: "qwq · medbullets", agreed: 69, extractor_none: 239, logged_none: 0, different: 0}
  ];
  const el = extractionAgreementChart(runs, {width: 480, document: testDocument()}) as Element;
  expect(el.innerHTML).toContain("medscale finds no answer: 239 of 308");
  expect(el.innerHTML).toContain("different answers: 8 of 100");
  expectSnapshot(el, "extraction-agreement");
});
