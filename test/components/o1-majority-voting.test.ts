import {expect, it} from "vitest";
import {majorityVotingChart} from "../../src/components/o1-majority-voting.js";
import {expectSnapshot, testDocument, textsOf} from "../snapshot.js";

it("majorityVotingChart draws maj@k against tokens per paradigm, marks the paper's ks and quoted points", () => {
  const rows = [
    ...[1, 2, 4, 8].map((k) => ({
      run_id: "a",
      strategy: "vanilla",
      label: "Vanilla",
      k,
      accuracy: 74 + 0.1 * Math.log2(k),
      mean_output_tokens: 15 * k,
      published: k === 1 ? 74 : null
    })),
    ...[1, 2, 4, 8].map((k) => ({
      run_id: "b",
      strategy: "longstep",
      label: "LongStep",
      k,
      accuracy: 85 + 0.4 * Math.log2(k),
      mean_output_tokens: 630 * k,
      published: k === 8 ? 86.1 : null
    })),
    {
      run_id: "c",
      strategy: "longmonolog",
      label: "LongMonolog",
      k: 1,
      accuracy: 86.5,
      mean_output_tokens: null,
      published: null
    }
  ];
  const el = majorityVotingChart(rows, {width: 480, ks: [1, 4, 8], document: testDocument()}) as Element;
  // The ks asked for are labelled on the two paradigms with tokens; LongMonolog has none and is not drawn.
  expect(textsOf(el, "text")).toEqual(["1", "4", "8", "1", "4", "8"]);
  expectSnapshot(el, "o1-majority-voting");
});
