import {describe, expect, it} from "vitest";
import {validateSummaryRow} from "../../../src/lib/scoring/validate-summary-row.js";

const base = {
  run_id: "r",
  question_id: "q",
  gold: "B",
  answer: "B",
  votes: 2,
  first_sample: 0,
  answer_order: 1,
  samples: 3,
  unparsed: 1
};
const reason = (extra: Record<string, unknown>, type = "mcq") =>
  validateSummaryRow({...base, ...extra}, type).reason;

describe("validateSummaryRow", () => {
  it("normalizes gold and answer to the task's form and fills the optional columns", () => {
    expect(validateSummaryRow({...base, gold: "(b)", answer: "c"}, "mcq").record).toEqual({
      ...base,
      gold: "B",
      answer: "C",
      model: null,
      task: null,
      round: 0,
      output_tokens_sum: null,
      output_tokens_count: 0,
      upstream_correct_sum: null,
      upstream_correct_count: 0,
      cluster: null,
      choice_count: null,
      max_sample: null
    });
    expect(validateSummaryRow({...base, gold: "True", answer: "FALSE"}, "boolean").record).toMatchObject({
      gold: "true",
      answer: "false"
    });
  });

  it.each([
    [{run_id: ""}, "run_id is not a non-empty string"],
    [{question_id: undefined}, "missing question_id"],
    [{votes: -1}, "votes is not an integer ≥ 0"],
    [{samples: 0}, "samples is not an integer ≥ 1"],
    [{samples: 2 ** 31}, "samples 2147483648 is out of range (at most 2147483647)"],
    [{votes: 4}, "votes 4 > samples 3"],
    [{answer: null}, "a row without answer must have votes 0 and no first_sample or answer_order"],
    [{answer_order: null}, "a row with an answer needs votes ≥ 1, first_sample and answer_order"],
    [{output_tokens_count: 2}, "output_tokens_sum must be given exactly when output_tokens_count > 0"],
    [{upstream_correct_sum: 1}, "upstream_correct_sum must be given exactly when upstream_correct_count > 0"],
    [{max_sample: 1}, "max_sample 1 < samples 3 − 1"],
    [{first_sample: 5, max_sample: 4}, "first_sample 5 > max_sample 4"],
    [{gold: "E", choice_count: 4}, `gold "E" is not one of the question's 4 choices`],
    [{gold: "maybe"}, `gold "maybe" is not a valid mcq answer`],
    [{answer: "perhaps"}, `answer "perhaps" is not a valid mcq answer`],
    [{model: 3}, "model is not a non-empty string"]
  ])("rejects %j: %s", (extra, expected) => {
    expect(reason(extra)).toBe(expected);
  });

  it("accepts a gold among the choices and a project-defined answer type as given (trimmed)", () => {
    expect(reason({gold: "D", choice_count: 4})).toBeUndefined();
    expect(validateSummaryRow({...base, gold: " 42 ", answer: "41"}, "numeric").record).toMatchObject({
      gold: "42",
      answer: "41"
    });
  });
});
