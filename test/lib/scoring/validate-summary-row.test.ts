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

/*
 * Each check of the validator at the edge where its verdict turns, against the reasons docs/summaries.md
 * lists: the value on the accepted side of each limit is accepted, the one past it rejected.
 */
describe("validateSummaryRow, check by check", () => {
  const accepted = (extra: Record<string, unknown>, type = "mcq") =>
    validateSummaryRow({...base, ...extra}, type).record;
  // A question with no parsed answer: its only row.
  const noAnswer = {answer: null, votes: 0, first_sample: undefined, answer_order: undefined};

  it("wants an object", () => {
    for (const value of [null, [], ["r"], "row", 3, true, undefined])
      expect(validateSummaryRow(value, "mcq").reason).toBe("not an object");
  });

  it("wants run_id and question_id as non-empty strings, model and task as absent, null or non-empty strings", () => {
    expect(reason({run_id: undefined})).toBe("missing run_id");
    expect(reason({question_id: 7})).toBe("question_id is not a non-empty string");
    expect(reason({question_id: null})).toBe("question_id is not a non-empty string");
    expect(reason({task: ""})).toBe("task is not a non-empty string");
    expect(reason({model: ""})).toBe("model is not a non-empty string");
    expect(reason({task: ["t"]})).toBe("task is not a non-empty string");
    expect(accepted({model: null, task: undefined})).toMatchObject({model: null, task: null});
    expect(accepted({model: "m", task: "t"})).toMatchObject({model: "m", task: "t"});
  });

  it("wants gold as a non-blank string, answer as a string or null, cluster as a non-empty string or null", () => {
    expect(reason({gold: undefined})).toBe("missing gold");
    expect(reason({gold: null})).toBe("missing gold");
    expect(reason({gold: " \t"})).toBe("gold is not a non-empty string");
    expect(reason({gold: 2})).toBe("gold is not a non-empty string");
    expect(reason({answer: 2})).toBe("answer is not a string");
    expect(reason({answer: false})).toBe("answer is not a string");
    expect(reason({cluster: ""})).toBe("cluster is not a non-empty string");
    expect(reason({cluster: 4})).toBe("cluster is not a non-empty string");
    expect(accepted({cluster: null})?.cluster).toBeNull();
    expect(accepted({cluster: "c1"})?.cluster).toBe("c1");
    expect(accepted(noAnswer)).toMatchObject({
      answer: null,
      votes: 0,
      first_sample: null,
      answer_order: null
    });
    // the optional columns may be left out altogether, not only given as null
    const {answer: _answer, first_sample: _first, answer_order: _order, ...rest} = base;
    expect(validateSummaryRow({...rest, votes: 0}, "mcq").record).toMatchObject({answer: null, votes: 0});
  });

  it("reads each count as an integer within its range, missing only where it has a default", () => {
    expect(reason({votes: undefined})).toBe("missing votes");
    expect(reason({samples: null})).toBe("missing samples");
    expect(reason({unparsed: undefined})).toBe("missing unparsed");
    expect(reason({votes: 1.5})).toBe("votes is not an integer ≥ 0");
    expect(reason({votes: "2"})).toBe("votes is not an integer ≥ 0");
    expect(reason({round: -1})).toBe("round is not an integer ≥ 0");
    expect(reason({answer_order: 0})).toBe("answer_order is not an integer ≥ 1");
    expect(reason({choice_count: 0})).toBe("choice_count is not an integer ≥ 1");
    expect(reason({choice_count: 27})).toBe("choice_count 27 is out of range (at most 26)");
    expect(reason({output_tokens_sum: 2 ** 53, output_tokens_count: 3})).toBe(
      "output_tokens_sum 9007199254740992 is out of range (at most 9007199254740991)"
    );
    // the limits themselves are in range
    expect(accepted({samples: 2 ** 31 - 1})?.samples).toBe(2 ** 31 - 1);
    expect(accepted({choice_count: 26})?.choice_count).toBe(26);
    expect(accepted({output_tokens_sum: 2 ** 40, output_tokens_count: 3})?.output_tokens_sum).toBe(2 ** 40);
    expect(accepted({round: null})?.round).toBe(0);
    expect(accepted({round: 2})?.round).toBe(2);
  });

  it("wants upstream_correct_sum as a finite number, given exactly when its count is positive", () => {
    for (const sum of ["1", Infinity, Number.NaN, true])
      expect(reason({upstream_correct_sum: sum, upstream_correct_count: 2})).toBe(
        "upstream_correct_sum is not a finite number"
      );
    expect(accepted({upstream_correct_sum: 1.5, upstream_correct_count: 2})).toMatchObject({
      upstream_correct_sum: 1.5,
      upstream_correct_count: 2
    });
    expect(
      accepted({upstream_correct_sum: null, upstream_correct_count: 0})?.upstream_correct_sum
    ).toBeNull();
    expect(reason({upstream_correct_count: 2})).toBe(
      "upstream_correct_sum must be given exactly when upstream_correct_count > 0"
    );
    expect(reason({output_tokens_sum: 10})).toBe(
      "output_tokens_sum must be given exactly when output_tokens_count > 0"
    );
    expect(accepted({output_tokens_sum: 10, output_tokens_count: 2})).toMatchObject({
      output_tokens_sum: 10,
      output_tokens_count: 2
    });
  });

  it("ties answer, votes, first_sample and answer_order together", () => {
    const without = "a row without answer must have votes 0 and no first_sample or answer_order";
    expect(reason({...noAnswer, votes: 1})).toBe(without);
    expect(reason({...noAnswer, first_sample: 0})).toBe(without);
    expect(reason({...noAnswer, answer_order: 1})).toBe(without);
    const needs = "a row with an answer needs votes ≥ 1, first_sample and answer_order";
    expect(reason({votes: 0})).toBe(needs);
    expect(reason({first_sample: null})).toBe(needs);
    expect(reason({answer_order: undefined})).toBe(needs);
    expect(accepted({votes: 1})?.votes).toBe(1);
  });

  it("keeps every count within samples and max_sample at least samples − 1 and first_sample", () => {
    expect(accepted({votes: 3, unparsed: 0})?.votes).toBe(3);
    expect(reason({unparsed: 4})).toBe("unparsed 4 > samples 3");
    expect(reason({output_tokens_count: 4, output_tokens_sum: 1})).toBe("output_tokens_count 4 > samples 3");
    expect(reason({upstream_correct_count: 4, upstream_correct_sum: 1})).toBe(
      "upstream_correct_count 4 > samples 3"
    );
    expect(accepted({max_sample: 2})?.max_sample).toBe(2);
    expect(accepted({first_sample: 2, max_sample: 2})?.first_sample).toBe(2);
    expect(reason({first_sample: 3, max_sample: 2})).toBe("first_sample 3 > max_sample 2");
    expect(accepted({...noAnswer, max_sample: 2})?.max_sample).toBe(2);
  });

  it("checks a gold against choice_count only for multiple choice", () => {
    expect(reason({gold: "D", answer: "D", choice_count: 3})).toBe(
      `gold "D" is not one of the question's 3 choices`
    );
    expect(accepted({gold: "C", answer: "C", choice_count: 3})?.gold).toBe("C");
    // a project-defined answer type takes its gold as given, letters included
    expect(accepted({gold: "Z", answer: "Y", choice_count: 3}, "label")).toMatchObject({
      gold: "Z",
      answer: "Y"
    });
  });
});
