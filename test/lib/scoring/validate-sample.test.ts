import {describe, expect, it} from "vitest";
import {validateSample} from "../../../src/lib/scoring/validate-sample.js";

/** A valid samples line; each test changes one field. */
const valid = {question_id: "q1", sample: 0, response: "Answer: B", gold: "B"};
const without = (key: keyof typeof valid) => {
  const copy: Record<string, unknown> = {...valid};
  delete copy[key];
  return copy;
};
const reasonOf = (value: unknown, samples = 5) => validateSample(value, samples).reason;

describe("validateSample: every rejection reason", () => {
  it("not a JSON object", () => {
    for (const value of [null, undefined, 5, "q1", true, [], [valid]])
      expect(reasonOf(value), JSON.stringify(value)).toBe("not a JSON object");
  });

  it("missing question_id", () => {
    expect(reasonOf(without("question_id"))).toBe("missing question_id");
  });

  it("question_id is not a non-empty string", () => {
    for (const question_id of ["", 7, null, ["q1"]])
      expect(reasonOf({...valid, question_id}), JSON.stringify(question_id)).toBe(
        "question_id is not a non-empty string"
      );
  });

  it("missing sample", () => {
    expect(reasonOf(without("sample"))).toBe("missing sample");
  });

  it("sample is not a non-negative integer", () => {
    for (const sample of [-1, 1.5, "0", null, Number.NaN])
      expect(reasonOf({...valid, sample}), String(sample)).toBe("sample is not a non-negative integer");
  });

  it("sample out of range: sample >= the run's samples", () => {
    expect(reasonOf({...valid, sample: 5}, 5)).toBe("sample 5 >= samples (5)");
    expect(reasonOf({...valid, sample: 9}, 5)).toBe("sample 9 >= samples (5)");
    expect(reasonOf({...valid, sample: 1}, 1)).toBe("sample 1 >= samples (1)");
  });

  it("missing gold (absent or null)", () => {
    expect(reasonOf(without("gold"))).toBe("missing gold");
    expect(reasonOf({...valid, gold: null})).toBe("missing gold");
  });

  it("gold is not a non-empty string", () => {
    for (const gold of ["", "   ", 2, true, ["B"]])
      expect(reasonOf({...valid, gold}), JSON.stringify(gold)).toBe("gold is not a non-empty string");
  });

  it("answer is not a string", () => {
    for (const answer of [2, false, {letter: "B"}, ["B"]])
      expect(reasonOf({...valid, answer}), JSON.stringify(answer)).toBe("answer is not a string");
  });

  it("response is not a string", () => {
    for (const response of [2, false, {text: "B"}, ["B"]])
      expect(reasonOf({...valid, response}), JSON.stringify(response)).toBe("response is not a string");
  });

  it("missing response (and no answer)", () => {
    expect(reasonOf(without("response"))).toBe("missing response (and no answer)");
    expect(reasonOf({...valid, response: null})).toBe("missing response (and no answer)");
  });

  it("choices is not a non-empty array of strings", () => {
    for (const choices of [[], "ABCD", [1, 2], ["A", 2], {A: "x"}, [null]])
      expect(reasonOf({...valid, choices}), JSON.stringify(choices)).toBe(
        "choices is not a non-empty array of strings"
      );
  });

  it("output_tokens is not a non-negative integer", () => {
    for (const output_tokens of [-1, -100, 1.5, "10", true])
      expect(reasonOf({...valid, output_tokens}), JSON.stringify(output_tokens)).toBe(
        "output_tokens is not a non-negative integer"
      );
  });

  it("round is not a non-negative integer", () => {
    for (const round of [-1, 0.5, "1", false])
      expect(reasonOf({...valid, round}), JSON.stringify(round)).toBe("round is not a non-negative integer");
  });

  it("integers beyond what the database stores (2^31 − 1) are out of range, not a failed store", () => {
    const big = 2 ** 31;
    expect(reasonOf({...valid, sample: big}, 2 ** 40)).toBe(
      "sample 2147483648 is out of range (at most 2147483647)"
    );
    expect(reasonOf({...valid, output_tokens: 3e9})).toBe(
      "output_tokens 3000000000 is out of range (at most 2147483647)"
    );
    expect(reasonOf({...valid, round: big})).toBe("round 2147483648 is out of range (at most 2147483647)");
    expect(reasonOf({...valid, output_tokens: 1e300})).toMatch(/^output_tokens 1e\+300 is out of range/);
    // the largest stored value itself is fine
    expect(validateSample({...valid, sample: 2 ** 31 - 1}, 2 ** 40).record?.sample).toBe(2 ** 31 - 1);
    expect(
      validateSample({...valid, output_tokens: 2 ** 31 - 1, round: 2 ** 31 - 1}, 5).reason
    ).toBeUndefined();
  });

  it("upstream_correct is not a number or boolean", () => {
    for (const upstream_correct of ["1", "true", {}, [1], Number.NaN, Infinity])
      expect(reasonOf({...valid, upstream_correct}), String(upstream_correct)).toBe(
        "upstream_correct is not a number or boolean"
      );
  });

  it("cluster is not a non-empty string", () => {
    for (const cluster of [3, "", true, ["a"], {id: "a"}])
      expect(reasonOf({...valid, cluster}), JSON.stringify(cluster)).toBe(
        "cluster is not a non-empty string"
      );
  });

  it("prompt is not a string", () => {
    for (const prompt of [3, true, ["a"], {text: "a"}])
      expect(reasonOf({...valid, prompt}), JSON.stringify(prompt)).toBe("prompt is not a string");
  });

  it("choice_texts is not an array of strings, lacks choices, or does not match them", () => {
    const choices = ["A", "B"];
    for (const choice_texts of ["A. x", [1, 2], [null, "b"], {A: "x"}])
      expect(reasonOf({...valid, choices, choice_texts}), JSON.stringify(choice_texts)).toBe(
        "choice_texts is not an array of strings"
      );
    expect(reasonOf({...valid, choice_texts: ["x", "y"]})).toBe("choice_texts without choices");
    expect(reasonOf({...valid, choices, choice_texts: ["x"]})).toBe("choice_texts has 1 texts for 2 choices");
  });

  it("reports the first problem in field order", () => {
    // question_id is checked before sample, sample before gold, gold before response
    expect(reasonOf({sample: -1, gold: ""})).toBe("missing question_id");
    expect(reasonOf({question_id: "q1", gold: ""})).toBe("missing sample");
    expect(reasonOf({question_id: "q1", sample: 0, response: 3})).toBe("missing gold");
    expect(reasonOf({question_id: "q1", sample: 0, gold: "B", response: 3, answer: 3})).toBe(
      "answer is not a string"
    );
    expect(reasonOf({...valid, choices: [], output_tokens: -1, round: -1})).toBe(
      "choices is not a non-empty array of strings"
    );
    expect(reasonOf({...valid, output_tokens: -1, round: -1})).toBe(
      "output_tokens is not a non-negative integer"
    );
  });
});

describe("validateSample: question text", () => {
  it("keeps a prompt and the choices' texts, unescaped, as given", () => {
    const value = {
      ...valid,
      choices: ["A", "B"],
      prompt: "<b>Which</b> drug?",
      choice_texts: ["<script>x</script>", "Verapamil"]
    };
    const record = validateSample(value, 5).record;
    expect(record?.prompt).toBe("<b>Which</b> drug?");
    expect(record?.choice_texts).toEqual(["<script>x</script>", "Verapamil"]);
  });
  it("cuts a prompt past 20,000 characters and a choice past 2,000, and drops an empty or null prompt", () => {
    const value = {...valid, choices: ["A"], prompt: "p".repeat(20_001), choice_texts: ["c".repeat(2_001)]};
    const record = validateSample(value, 5).record!;
    expect(record.prompt).toBe(`${"p".repeat(20_000)} … [cut at 20,000 characters]`);
    expect(record.choice_texts).toEqual([`${"c".repeat(2_000)} … [cut at 2,000 characters]`]);
    for (const prompt of ["", null]) {
      const r = validateSample({...valid, prompt, choice_texts: null}, 5).record!;
      expect("prompt" in r || "choice_texts" in r, String(prompt)).toBe(false);
    }
  });
});

describe("validateSample: valid records", () => {
  it("a minimal line: optional fields become null and no answer key is added", () => {
    const {record, reason} = validateSample(valid, 5);
    expect(reason).toBeUndefined();
    expect(record).toEqual({
      question_id: "q1",
      sample: 0,
      response: "Answer: B",
      gold: "B",
      choices: null,
      output_tokens: null,
      round: null,
      upstream_correct: null
    });
    // "answer" absent means "medscale extracts"; it must not appear as a key
    expect(record !== undefined && "answer" in record).toBe(false);
  });

  it("every field given: values are kept as they are (gold is not normalized here)", () => {
    const value = {
      question_id: "q7",
      sample: 4,
      response: "<think>…</think>C",
      answer: "c",
      gold: " C ",
      choices: ["A", "B", "C"],
      output_tokens: 1234,
      round: 2,
      upstream_correct: 0.5,
      cluster: "medqa-0007",
      extra_field: "ignored"
    };
    expect(validateSample(value, 5).record).toEqual({
      question_id: "q7",
      sample: 4,
      response: "<think>…</think>C",
      answer: "c",
      gold: " C ",
      choices: ["A", "B", "C"],
      output_tokens: 1234,
      round: 2,
      upstream_correct: 0.5,
      cluster: "medqa-0007"
    });
  });

  it("cluster is optional: absent adds no key, null is kept as null (the question is its own cluster)", () => {
    expect(validateSample(valid, 5).record).not.toHaveProperty("cluster");
    expect(validateSample({...valid, cluster: null}, 5).record?.cluster).toBeNull();
  });

  it("the last sample index is in range: sample = samples − 1", () => {
    expect(validateSample({...valid, sample: 4}, 5).record?.sample).toBe(4);
    expect(validateSample({...valid, sample: 0}, 1).record?.sample).toBe(0);
  });

  it("zero output_tokens and round 0 are valid (the bounds are inclusive)", () => {
    const record = validateSample({...valid, output_tokens: 0, round: 0}, 5).record;
    expect(record?.output_tokens).toBe(0);
    expect(record?.round).toBe(0);
  });

  it("null optional fields are accepted as null", () => {
    const record = validateSample(
      {...valid, choices: null, output_tokens: null, round: null, upstream_correct: null},
      5
    ).record;
    expect(record).toMatchObject({choices: null, output_tokens: null, round: null, upstream_correct: null});
  });

  it("boolean upstream_correct maps true → 1 and false → 0; numbers are kept", () => {
    expect(validateSample({...valid, upstream_correct: true}, 5).record?.upstream_correct).toBe(1);
    expect(validateSample({...valid, upstream_correct: false}, 5).record?.upstream_correct).toBe(0);
    expect(validateSample({...valid, upstream_correct: 1}, 5).record?.upstream_correct).toBe(1);
    expect(validateSample({...valid, upstream_correct: 0}, 5).record?.upstream_correct).toBe(0);
    expect(validateSample({...valid, upstream_correct: 0.25}, 5).record?.upstream_correct).toBe(0.25);
  });

  it("answer null without a response: an upstream 'no answer found' line (unparsed), accepted", () => {
    const record = validateSample({question_id: "q1", sample: 0, gold: "B", answer: null}, 5).record;
    expect(record).toMatchObject({response: null, answer: null, gold: "B"});
    expect(record !== undefined && "answer" in record).toBe(true);
  });

  it("an upstream answer without a response is accepted; response becomes null", () => {
    const record = validateSample({question_id: "q1", sample: 0, gold: "B", answer: "B"}, 5).record;
    expect(record).toMatchObject({response: null, answer: "B"});
  });

  it("an empty response string is still a response", () => {
    expect(validateSample({...valid, response: ""}, 5).record?.response).toBe("");
  });
});
