import {existsSync, readFileSync} from "node:fs";
import * as aq from "arquero";
import {describe, expect, it} from "vitest";
import {readPublishedTable4, table4Comparison} from "../../../../data-loaders/studies/medreseval/table4.js";
import type {RunMetrics} from "../../../../src/lib/types.js";

const run = (model: string, task: string, normalized: number | null): RunMetrics => ({
  run_id: `${model}.${task}`,
  model,
  task,
  source: "x",
  questions: 10,
  samples: 50,
  accuracy: 0.5,
  chance: 0.2,
  normalized,
  unparsed: 0,
  ties: 0,
  mean_output_tokens: null
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
});

describe.skipIf(!existsSync("../shared/reference/medreseval_table4_normalized.csv"))(
  "medscale's Table 4 transcription (against ../shared/reference)",
  () => {
    it("matches the independent transcription cell by cell", () => {
      const ours = readPublishedTable4().objects();
      const theirs = aq
        .fromCSV(readFileSync("../shared/reference/medreseval_table4_normalized.csv", "utf8"))
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
