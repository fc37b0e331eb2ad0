import {describe, expect, it} from "vitest";
import {forcingTransitions, type ForcingRow} from "../../../src/lib/inference/forcing-transitions.js";

/** Rows from a compact table: question → correctness per round ("1" right, "0" wrong, "." absent). */
function rowsFrom(table: Record<string, string>): ForcingRow[] {
  const rows: ForcingRow[] = [];
  for (const [question_id, pattern] of Object.entries(table)) {
    [...pattern].forEach((cell, round) => {
      if (cell !== ".") rows.push({question_id, round, correct: cell === "1"});
    });
  }
  return rows;
}

describe("forcingTransitions", () => {
  // Rounds 0 1 2 3
  const fixture = rowsFrom({
    a: "1111", // stays right
    b: "1011", // broken by round 1, repaired by round 2
    c: "0111", // fixed by round 1
    d: "0000", // never right
    e: "1100", // broken by round 2
    f: "01.1", // misses round 2
    g: "..11" // only from round 2
  });

  it("counts the four transitions per round on a hand-made fixture", () => {
    const [r1, r2, r3] = forcingTransitions(fixture);
    // Round 0→1: a cc, b cw, c wc, d ww, e cc, f wc; g absent in both.
    expect(r1).toEqual({
      round: 1,
      correct_to_correct: 2,
      correct_to_wrong: 1,
      wrong_to_correct: 2,
      wrong_to_wrong: 1,
      net: 1,
      missing_current: [],
      missing_previous: [],
      missing_both: ["g"]
    });
    // Round 1→2: a cc, b wc, c cc, d ww, e cw; f has no round 2; g has no round 1.
    expect(r2).toMatchObject({
      correct_to_correct: 2,
      correct_to_wrong: 1,
      wrong_to_correct: 1,
      wrong_to_wrong: 1,
      net: 0,
      missing_current: ["f"],
      missing_previous: ["g"],
      missing_both: []
    });
    // Round 2→3: a cc, b cc, c cc, d ww, e ww, g cc; f has no round 2.
    expect(r3).toMatchObject({
      correct_to_correct: 4,
      correct_to_wrong: 0,
      wrong_to_correct: 0,
      wrong_to_wrong: 2,
      net: 0,
      missing_previous: ["f"]
    });
  });

  it("accounts for every question in every round", () => {
    for (const t of forcingTransitions(fixture)) {
      const total =
        t.correct_to_correct +
        t.correct_to_wrong +
        t.wrong_to_correct +
        t.wrong_to_wrong +
        t.missing_current.length +
        t.missing_previous.length +
        t.missing_both.length;
      expect(total).toBe(7);
    }
  });

  it("net equals the change in correct answers among questions present in both rounds", () => {
    const rows = rowsFrom({a: "10", b: "01", c: "01", d: "11", e: "00"});
    const [t] = forcingTransitions(rows);
    expect(t.net).toBe(3 - 2); // right at round 1 (b, c, d) minus right at round 0 (a, d)
  });

  it("returns nothing with a single round, and rejects bad rows", () => {
    expect(forcingTransitions(rowsFrom({a: "1", b: "0"}))).toEqual([]);
    expect(forcingTransitions([])).toEqual([]);
    expect(() => forcingTransitions([...fixture, {question_id: "a", round: 2, correct: true}])).toThrow(
      /row 25 repeats question a at round 2/ // 25 fixture rows: 4·5 + 3 + 2
    );
    expect(() => forcingTransitions([{question_id: "a", round: -1, correct: true}])).toThrow(
      /row 0 \(question a\): round must be a non-negative integer/
    );
    expect(() =>
      forcingTransitions([{question_id: "a", round: 0, correct: 1 as unknown as boolean}])
    ).toThrow(/correct must be a boolean/);
    expect(() => forcingTransitions([{question_id: "a", round: 1.5, correct: true}])).toThrow(
      /row 0 \(question a\): round must be a non-negative integer/
    );
    expect(() =>
      forcingTransitions([
        {question_id: "a", round: 0, correct: true},
        {question_id: 3 as unknown as string, round: 0, correct: true}
      ])
    ).toThrow(/forcingTransitions: row 1: question_id must be a string/);
  });
});
