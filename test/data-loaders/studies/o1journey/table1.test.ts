import {describe, expect, it} from "vitest";
import {readPublishedTable1} from "../../../../data-loaders/studies/o1journey/reference/table1.js";
import {table1Cells, table1Run} from "../../../../data-loaders/studies/o1journey/table1.js";
import {faithfulInputs, nearest, run} from "./helpers.js";

const published = readPublishedTable1();

describe("table1Run", () => {
  const runs = [
    run({run_id: "a.maj32", model: "a", strategy: "vanilla", benchmark: "medqa", samples: 32}),
    run({run_id: "a.single", model: "a", strategy: "vanilla", benchmark: "medqa", samples: 1}),
    run({run_id: "a.forced", model: "a", strategy: "vanilla", benchmark: "medqa", samples: 1, max_round: 2}),
    run({run_id: "b.eight", model: "b", strategy: "vanilla", benchmark: "medqa", samples: 8}),
    run({run_id: "b.four", model: "b", strategy: "vanilla", benchmark: "medqa", samples: 4})
  ];
  it("prefers a single-sample run, else the fewest samples, and skips forcing runs", () => {
    expect(table1Run(runs, "a", "vanilla", "medqa")!.run_id).toBe("a.single");
    expect(table1Run(runs, "b", "vanilla", "medqa")!.run_id).toBe("b.four");
    expect(table1Run(runs, "a", "vanilla-cot", "medqa")).toBeNull();
    expect(table1Run(runs, "a", "vanilla", "jama")).toBeNull();
  });
});

describe("table1Cells", () => {
  const row = published.find((r) => r.row === "LLama3.1-Vanilla CoT 70B")!;
  const {runs, majAtK} = faithfulInputs([row]);
  const cells = table1Cells(runs, majAtK, [row]);

  it("puts each run's single-sample accuracy and tokens beside the printed values", () => {
    expect(cells.map((c) => c.benchmark)).toEqual(["jama", "medbullets", "medqa", "mean"]);
    const jama = cells[0];
    expect(jama).toMatchObject({
      published_acc: 57.27,
      published_tokens: 529,
      reproduced_tokens: 529,
      run_id: "LLama3.1-70B.vanilla-cot.jama",
      questions: 646
    });
    expect(jama.reproduced_acc).toBeCloseTo((100 * 370) / 646, 12); // 370/646 = 57.2755
  });

  it("recomputes Mean Acc. from the printed accuracies and pools the runs for the logs' value", () => {
    const mean = cells[3];
    // By hand: (57.27·646 + 66.55·308 + 83.11·1273) / 2227 = (36996.42 + 20497.4 + 105799.03) / 2227 = 73.32413…
    expect(mean.recomputed_acc).toBeCloseTo(163292.85 / 2227, 10);
    expect(mean.published_acc).toBe(73.59);
    // Pooled: (370 + 205 + 1058) / 2227 correct questions.
    expect([nearest(57.27, 646), nearest(66.55, 308), nearest(83.11, 1273)]).toEqual([370, 205, 1058]);
    expect(mean.reproduced_acc).toBeCloseTo((100 * (370 + 205 + 1058)) / 2227, 10);
  });

  it("leaves a cell without a run null, and the row's mean with it", () => {
    const partial = table1Cells(runs.slice(0, 2), majAtK, [row]);
    expect(partial[2].reproduced_acc).toBeNull();
    expect(partial[2].run_id).toBeNull();
    expect(partial[3].reproduced_acc).toBeNull();
  });
});
