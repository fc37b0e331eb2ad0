import {describe, expect, it} from "vitest";
import {majorityVote} from "../../../src/lib/scoring/vote.js";

// Every expected value below is worked out by hand from the rule in vote.ts: plurality over parsed
// answers; null does not vote; a tie goes to the answer whose FIRST vote came earliest.

describe("majorityVote: plurality", () => {
  it("picks the answer with the most votes", () => {
    // A:1, B:3, C:1
    expect(majorityVote(["A", "B", "B", "C", "B"])).toEqual({
      prediction: "B",
      tie: false,
      leaders: ["B"],
      topCount: 3
    });
  });

  it("picks a later answer that outvotes the first one (the first answer does not win by default)", () => {
    // A:1, B:2
    expect(majorityVote(["A", "B", "B"])).toEqual({prediction: "B", tie: false, leaders: ["B"], topCount: 2});
  });

  it("a single vote wins alone", () => {
    expect(majorityVote(["E"])).toEqual({prediction: "E", tie: false, leaders: ["E"], topCount: 1});
  });
});

describe("majorityVote: unparsed (null) answers do not vote", () => {
  it("three nulls do not outvote two parsed answers", () => {
    // A:2 (nulls: 3, not counted)
    expect(majorityVote(["A", null, null, null, "B", "A"])).toEqual({
      prediction: "A",
      tie: false,
      leaders: ["A"],
      topCount: 2
    });
  });

  it("one parsed answer among nulls wins with one vote", () => {
    expect(majorityVote([null, null, "C"])).toEqual({
      prediction: "C",
      tie: false,
      leaders: ["C"],
      topCount: 1
    });
  });

  it("an all-unparsed question has no prediction, no tie, no leaders, top count 0", () => {
    expect(majorityVote([null, null, null])).toEqual({
      prediction: null,
      tie: false,
      leaders: [],
      topCount: 0
    });
  });

  it("no answers at all is the same as all unparsed", () => {
    expect(majorityVote([])).toEqual({prediction: null, tie: false, leaders: [], topCount: 0});
  });
});

describe("majorityVote: ties go to the earliest first vote", () => {
  it("the earliest leader wins even when it is not the alphabetically first letter", () => {
    // C first voted at 0, A at 1; both 2 votes → C (alphabetical would say A).
    expect(majorityVote(["C", "A", "A", "C"])).toEqual({
      prediction: "C",
      tie: true,
      leaders: ["C", "A"],
      topCount: 2
    });
  });

  it("the earliest first vote wins, not the answer that reached the top count first", () => {
    // A first voted at 0, B at 1; B reaches 2 votes at index 2, A only at index 3 → still A.
    expect(majorityVote(["A", "B", "B", "A"])).toEqual({
      prediction: "A",
      tie: true,
      leaders: ["A", "B"],
      topCount: 2
    });
  });

  it("the earliest first vote wins, not the earliest last vote or the most recent vote", () => {
    // D: votes at 0 and 3; B: votes at 1 and 2. Last vote of B (2) is earlier than D's (3) → still D.
    expect(majorityVote(["D", "B", "B", "D"])).toEqual({
      prediction: "D",
      tie: true,
      leaders: ["D", "B"],
      topCount: 2
    });
  });

  it("three-way tie: the first of the three to appear wins; leaders in order of first appearance", () => {
    // B at 0, C at 1, A at 2; each 2 votes → B (alphabetical would say A).
    expect(majorityVote(["B", "C", "A", "A", "C", "B"])).toEqual({
      prediction: "B",
      tie: true,
      leaders: ["B", "C", "A"],
      topCount: 2
    });
  });

  it("three-way tie of single votes: the first answer wins", () => {
    expect(majorityVote(["D", "B", "A"])).toEqual({
      prediction: "D",
      tie: true,
      leaders: ["D", "B", "A"],
      topCount: 1
    });
  });

  it("a tie after nulls: nulls neither win nor shift which answer came first", () => {
    // D first voted at 1, A at 3; both 2 votes → D.
    expect(majorityVote([null, "D", null, "A", "A", "D"])).toEqual({
      prediction: "D",
      tie: true,
      leaders: ["D", "A"],
      topCount: 2
    });
  });

  it("an answer with fewer votes is not a leader, even when it came first", () => {
    // C:1 (first), B:2, A:2 → tie between B (first at 1) and A (first at 3) → B.
    expect(majorityVote(["C", "B", "B", "A", "A"])).toEqual({
      prediction: "B",
      tie: true,
      leaders: ["B", "A"],
      topCount: 2
    });
  });

  it("the documented example", () => {
    expect(majorityVote(["B", "C", "C", null, "B"])).toEqual({
      prediction: "B",
      tie: true,
      leaders: ["B", "C"],
      topCount: 2
    });
  });

  it("works on free-form answers, not only letters", () => {
    // "no" first at 0, "yes" at 1; both 1 vote.
    expect(majorityVote(["no", "yes"])).toEqual({
      prediction: "no",
      tie: true,
      leaders: ["no", "yes"],
      topCount: 1
    });
  });
});
