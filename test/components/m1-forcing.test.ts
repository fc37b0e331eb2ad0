import {expect, it} from "vitest";
import {forcingTransitionsChart} from "../../src/components/m1-forcing.js";
import {expectSnapshot, testDocument, textsOf} from "../snapshot.js";

it("forcingTransitionsChart draws flips in both directions and the net per round and model", () => {
  const studies = [
    {
      model: "m1-7B",
      run_id: "m1-7B.forcing",
      transitions: [
        {round: 1, correct_to_wrong: 38, wrong_to_correct: 33, net: -5},
        {round: 2, correct_to_wrong: 25, wrong_to_correct: 22, net: -3}
      ]
    },
    {
      model: "m1-32B",
      run_id: "m1-32B.forcing",
      transitions: [
        {round: 1, correct_to_wrong: 28, wrong_to_correct: 30, net: 2},
        {round: 2, correct_to_wrong: 18, wrong_to_correct: 15, net: -3}
      ]
    }
  ];
  const el = forcingTransitionsChart(studies, {width: 480, document: testDocument()}) as Element;
  // The net of each round, signed, in the order given; one panel per model.
  expect(textsOf(el, "text")).toEqual(["net −5", "net −3", "net +2", "net −3"]);
  expect(textsOf(el, "fx-axis tick label")).toEqual(["m1-7B", "m1-32B"]);
  expectSnapshot(el, "m1-forcing");
});
