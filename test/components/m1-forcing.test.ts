import {it} from "vitest";
import {forcingTransitionsChart} from "../../src/components/m1-forcing.js";
import {expectSnapshot, testDocument} from "../snapshot.js";

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
  expectSnapshot(
    forcingTransitionsChart(studies, {width: 480, document: testDocument()}) as Element,
    "m1-forcing"
  );
});
