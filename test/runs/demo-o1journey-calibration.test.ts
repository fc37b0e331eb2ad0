import {describe, expect, it} from "vitest";
import {readPublishedTable1} from "../../data-loaders/studies/o1journey/reference/table1.js";
import {majorityTargets, nearestCorrect} from "../../runs/demo-o1journey-calibration.js";
import {O1_TASKS, scaledQuestions} from "../../runs/demo-o1journey-registry.js";

const table = readPublishedTable1();
const SMALL_SCALE = 0.05;

/** The k nearest v% of n by linear search (ties → the larger k), independent of nearestCorrect. */
function nearestBySearch(v: number, n: number): number {
  let best = 0;
  for (let k = 0; k <= n; k++)
    if (Math.abs((100 * k) / n - v) <= Math.abs((100 * best) / n - v) + 1e-12) best = k;
  return best;
}

describe("calibration arithmetic", () => {
  it("finds the nearest k/n, by hand-checked examples", () => {
    expect(nearestCorrect(74.31, 1273)).toBe(946); // 946/1273 = 74.3126
    expect(nearestCorrect(63.77, 646)).toBe(412); // 412/646 = 63.777, 411/646 = 63.622
    expect(nearestCorrect(81.68, 308)).toBe(252); // 252/308 = 81.818, 251/308 = 81.494
    expect(nearestCorrect(62.5, 4)).toBe(3); // exactly 2.5 → up
    expect(nearestCorrect(0, 9)).toBe(0);
    expect(nearestCorrect(100, 9)).toBe(9);
    expect(() => nearestCorrect(74.315, 1273)).toThrow(/two decimals/);
  });

  it("agrees with a linear search in every Table 1 cell, at full and small scale", () => {
    expect(table).toHaveLength(26);
    for (const scale of [1, SMALL_SCALE])
      for (const row of table)
        for (const task of O1_TASKS) {
          const n = scaledQuestions(task.questions, scale);
          expect(nearestCorrect(row.acc[task.benchmark], n), `${row.row} ${task.benchmark} n=${n}`).toBe(
            nearestBySearch(row.acc[task.benchmark], n)
          );
        }
  });

  it("takes the §3.3 targets from Table 1 and the quoted points", () => {
    expect(
      majorityTargets().map((t) => [t.strategy, t.points.map((p) => [p.k, p.value]), t.ceiling])
    ).toEqual([
      [
        "vanilla",
        [
          [1, 74.31],
          [32, 74.63]
        ],
        null
      ],
      [
        "vanilla-cot",
        [
          [1, 79.57],
          [16, 80.44],
          [32, 79.81]
        ],
        80.44
      ],
      [
        "longstep",
        [
          [1, 84.91],
          [32, 86.17]
        ],
        null
      ], // 84.91 + 1.26
      [
        "longmonolog",
        [
          [1, 86.48],
          [32, 87.98]
        ],
        null
      ] // 86.48 + 1.50
    ]);
  });
});
