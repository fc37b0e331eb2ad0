import {existsSync, readFileSync} from "node:fs";
import * as aq from "arquero";
import {describe, expect, it} from "vitest";
import {key} from "../../../../data-loaders/studies/medreseval/comparison-rows.js";
import {
  readPublishedTable4,
  table4Cell,
  table4Comparison,
  table4Rows
} from "../../../../data-loaders/studies/medreseval/table4.js";
import type {LogRun} from "../../../../data-loaders/studies/medreseval/log-runs.js";
import type {RunMetrics} from "../../../../src/lib/types.js";
import {reference, table4Logs} from "../../../fixtures/study/medreseval-table4.js";

const run = (model: string, task: string, normalized: number | null): RunMetrics => ({
  run_id: `${model}.${task}`,
  model,
  task,
  source: "x",
  questions: 10,
  accuracy_ci: null,
  samples: 50,
  accuracy: 0.5,
  chance: 0.2,
  normalized,
  unparsed: 0,
  ties: 0,
  mean_output_tokens: null,
  upstream_accuracy: null
});

describe("table4Cell", () => {
  it("compares a published cell with 100 × the run's normalized score", () => {
    expect(table4Cell("a", "origin", 10, {run_id: "a.origin", normalized: 0.1004})).toEqual({
      model: "a",
      task: "origin",
      published: 10,
      reproduced: 100 * 0.1004,
      difference: 100 * 0.1004 - 10,
      run_id: "a.origin"
    });
  });
  it("keeps a side that is missing as null", () => {
    expect(table4Cell("a", "origin", 10, null)).toMatchObject({
      reproduced: null,
      difference: null,
      run_id: null
    });
    expect(table4Cell("a", "origin", null, {run_id: "r", normalized: 0.5})).toMatchObject({
      published: null,
      reproduced: 50,
      difference: null,
      run_id: "r"
    });
    expect(table4Cell("a", "origin", 10, {run_id: "r", normalized: null})).toMatchObject({
      reproduced: null,
      difference: null,
      run_id: "r"
    });
  });
});

describe("table4Comparison", () => {
  const published = aq.table({
    model: ["a", "a", "b"],
    task: ["origin", "semvar", "origin"],
    published: [10, 20, 30]
  });

  it("pairs each published cell with its run, in percent, and keeps one-sided cells", () => {
    const cells = table4Comparison(
      [run("a", "origin", 0.1004), run("c", "origin", 0.5), run("a", "other", 0.9)],
      published
    );
    const byKey = Object.fromEntries(cells.map((c) => [`${c.model}/${c.task}`, c]));
    expect(Object.keys(byKey).sort()).toEqual(["a/origin", "a/semvar", "b/origin", "c/origin"]);
    expect(byKey["a/origin"].reproduced).toBeCloseTo(10.04, 12);
    expect(byKey["a/origin"].difference).toBeCloseTo(0.04, 12);
    expect(byKey["a/origin"].run_id).toBe("a.origin");
    expect(byKey["a/semvar"]).toMatchObject({published: 20, reproduced: null, difference: null});
    expect(byKey["c/origin"]).toMatchObject({published: null, reproduced: 50, difference: null});
  });

  it("gives each cell exactly what table4Cell gives: matched cells first, then published-only ones", () => {
    const cells = table4Comparison([run("a", "origin", 0.1004), run("b", "origin", null)], published);
    expect(cells).toEqual([
      table4Cell("a", "origin", 10, {run_id: "a.origin", normalized: 0.1004}),
      table4Cell("b", "origin", 30, {run_id: "b.origin", normalized: null}),
      table4Cell("a", "semvar", 20, null)
    ]);
  });
});

describe("readPublishedTable4", () => {
  it("reads the project's transcription: 18 models × 6 tasks, in the paper's order", () => {
    const cells = readPublishedTable4().objects();
    expect(cells).toHaveLength(108);
    expect(cells[0]).toEqual({model: "llama-7B", task: "origin", published: 1.1});
    expect(cells[4]).toEqual({model: "llama-7B", task: "inc_reas_step", published: -11.1});
    expect(cells[107]).toEqual({model: "GPT-4o", task: "diagnosis", published: 47.7});
  });
});

const sharedTable4 = new URL(
  "../../../../../shared/reference/medreseval_table4_normalized.csv",
  import.meta.url
);
const hasShared = existsSync(sharedTable4);
describe.skipIf(!hasShared)(
  `medscale's Table 4 transcription (against ../shared/reference)${hasShared ? "" : " — skipped: ../shared/reference absent"}`,
  () => {
    it("matches the independent transcription cell by cell", () => {
      const ours = readPublishedTable4().objects();
      const theirs = aq
        .fromCSV(readFileSync(sharedTable4, "utf8"))
        .fold(aq.not("model"), {as: ["task", "published"]})
        .objects();
      expect(ours).toHaveLength(108);
      expect(ours).toEqual(theirs);
    });
  }
);

describe("table4Comparison on a root without Table 4's tasks", () => {
  it("returns the published cells, each missing its reproduced value", () => {
    const published = aq.table({model: ["a"], task: ["origin"], published: [10]});
    expect(table4Comparison([run("a", "t-other", 0.5)], published)).toEqual([
      {model: "a", task: "origin", published: 10, reproduced: null, difference: null, run_id: null}
    ]);
  });
});

describe("table4Rows", () => {
  const byCell = (runs: LogRun[]) => {
    const map = new Map<string, LogRun[]>();
    for (const r of runs) map.set(key(r.model, r.task), [...(map.get(key(r.model, r.task)) ?? []), r]);
    return map;
  };

  it("builds each row on table4Cell: one row per published cell, reproduced = the cell's", () => {
    const {runs} = table4Logs(1600);
    const rows = table4Rows(reference.table4, byCell(runs));
    expect(rows).toHaveLength(108);
    const r = runs.find((x) => x.run_id === "Qwen-7B.semvar")!;
    const row = rows.find((x) => x.item === "Table 4 · Qwen-7B · semvar (normalized %)")!;
    expect(row.reproduced).toBe(table4Cell("Qwen-7B", "semvar", 18.2, r).reproduced);
    expect(row.run_ids).toEqual(["Qwen-7B.semvar"]);
    expect(row.tolerance).toBeCloseTo(0.05 + 100 * r.half_step, 12);
    expect(row.reason).toMatch(/one question = 0\.125 points: 1600 questions, chance 0\.5/);
    expect(row.derived).toEqual([]);
  });

  it("says when a cell has no run, or several and none selected", () => {
    const {runs} = table4Logs(1600, ["GPT-4o.origin"]);
    const twice = runs.find((x) => x.run_id === "GPT-4o.semvar")!;
    const rows = table4Rows(reference.table4, byCell([...runs, {...twice, run_id: "GPT-4o.semvar.2"}]));
    const none = rows.find((x) => x.item === "Table 4 · GPT-4o · origin (normalized %)")!;
    expect(none).toMatchObject({reproduced: null, tolerance: null, causes: ["missing"], run_ids: []});
    expect(none.reason).toBe("Missing: no single run in the logs for GPT-4o × origin.");
    const two = rows.find((x) => x.item === "Table 4 · GPT-4o · semvar (normalized %)")!;
    expect(two.reason).toBe(
      "Missing: no single run in the logs for GPT-4o × semvar (2 runs, none selected)."
    );
  });
});
