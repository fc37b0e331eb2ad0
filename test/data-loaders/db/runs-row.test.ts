import {describe, expect, it} from "vitest";
import {insertRunRow, runScore} from "../../../data-loaders/db/runs-row.js";
import {openDatabase} from "../../../data-loaders/db/schema.js";
import type {TaskInfo} from "../../../src/lib/types.js";

/* The `runs` row both ingests write (db/runs-row.ts); every expected value by hand. */

const task = (extra: Partial<TaskInfo> = {}): TaskInfo =>
  ({name: "t", benchmark: "b", answer_type: "mcq", ...extra}) as TaskInfo;

describe("runScore", () => {
  it("accuracy = correct / questions; the task's chance wins over the questions'; Eq. 4 with P_max", () => {
    // 3 of 4, task chance 1/2: (3/4 − 1/2) / (1 − 1/2) = 1/2
    expect(runScore(4, 3, [0.25, 0.25, 0.25, 0.25], task({chance: 0.5}))).toEqual({
      accuracy: 0.75,
      chance: 0.5,
      normalized: 0.5
    });
    // P_max 0.9: (3/4 − 1/2) / (0.9 − 1/2) = 0.625
    expect(runScore(4, 3, [], task({chance: 0.5, max: 0.9})).normalized).toBeCloseTo(0.625, 12);
  });

  it("without a task chance: the mean of the questions' chances, over the questions", () => {
    // (1/4 + 1/5 + 1/2) / 3 = 0.95 / 3; 1 of 3 → (1/3 − 0.95/3) / (1 − 0.95/3) = 0.05 / 2.05
    const score = runScore(3, 1, [0.25, 0.2, 0.5], task());
    expect(score.accuracy).toBeCloseTo(1 / 3, 15);
    expect(score.chance).toBeCloseTo(0.95 / 3, 15);
    expect(score.normalized).toBeCloseTo(0.05 / 2.05, 12);
    // chances handed over as DuckDB decimals or strings are read as numbers
    expect(runScore(2, 2, ["0.25", "0.75"] as unknown as number[], undefined).chance).toBe(0.5);
  });

  it("no chance when a question has none, and no score without questions", () => {
    expect(runScore(2, 1, [0.25, null], task())).toEqual({accuracy: 0.5, chance: null, normalized: null});
    expect(runScore(0, 0, [], task())).toEqual({accuracy: 0, chance: null, normalized: null});
    // a task chance with no questions: the chance stands, the accuracy is 0, no Eq. 4
    expect(runScore(0, 0, [], task({chance: 0.5}))).toEqual({accuracy: 0, chance: 0.5, normalized: null});
  });
});

describe("insertRunRow", () => {
  it("binds each value with its column's type: an integer-valued double and one past BIGINT's range", async () => {
    const {connection} = await openDatabase(":memory:");
    const row = (id: string, upstream: number) => [
      ...["R", id, "k", "m", "t", "src", "{}", null],
      2,
      4,
      1,
      0.25,
      1,
      0,
      0,
      3,
      upstream,
      0,
      0,
      5,
      4,
      1
    ];
    await insertRunRow(connection, row("x", 1e300));
    await insertRunRow(connection, row("y", 2));
    const rows = (
      await connection.runAndReadAll(
        "SELECT run_id, questions, accuracy, upstream_accuracy, typeof(upstream_accuracy), lines_rejected FROM runs ORDER BY run_id"
      )
    ).getRowsJS();
    expect(rows).toEqual([
      ["x", 2, 1, 1e300, "DOUBLE", 1],
      ["y", 2, 1, 2, "DOUBLE", 1]
    ]);
  });
});
