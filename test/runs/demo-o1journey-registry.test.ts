import {describe, expect, it} from "vitest";
import {readPublishedTable1} from "../../data-loaders/studies/o1journey/reference/table1.js";
import {O1_MODELS, O1_TASKS} from "../../runs/demo-o1journey-registry.js";

const table = readPublishedTable1();

describe("the registries", () => {
  it("uses the benchmark sizes and option counts documented in tasks.json", () => {
    expect(O1_TASKS.map((t) => [t.info.name, t.questions, t.choices.length, t.info.chance])).toEqual([
      ["jama", 646, 4, 0.25],
      ["medbullets", 308, 5, 0.2],
      ["medqa", 1273, 4, 0.25]
    ]);
    for (const row of table) expect(O1_MODELS.map((m) => m.name)).toContain(row.model);
  });
});
