import {describe, expect, it} from "vitest";
import {o1journeyFigures} from "../../../../data-loaders/studies/o1journey/figures.js";
import {readPublishedTable1} from "../../../../data-loaders/studies/o1journey/reference/table1.js";
import {table1Cells} from "../../../../data-loaders/studies/o1journey/table1.js";
import {faithfulInputs, nearest} from "./helpers.js";

const published = readPublishedTable1();

describe("o1journeyFigures", () => {
  const {runs, majAtK} = faithfulInputs(published);
  const cells = table1Cells(runs, majAtK, published);
  const figures = o1journeyFigures(cells, runs, majAtK);

  it("Fig. 2: Mean Acc. per strategy of the three base models with gains over vanilla", () => {
    expect(figures.fig2).toHaveLength(15);
    const mean = (model: string, strategy: string) =>
      cells.find((c) => c.model === model && c.strategy === strategy && c.benchmark === "mean")!
        .reproduced_acc!;
    const row = figures.fig2.find((d) => d.model === "Qwen2.5-32B" && d.strategy === "longstep")!;
    expect(row.gain).toBeCloseTo(mean("Qwen2.5-32B", "longstep") - mean("Qwen2.5-32B", "vanilla"), 12);
    expect(row.published_gain).toBe(5.88);
    expect(figures.fig2.find((d) => d.model === "Qwen2.5-32B" && d.strategy === "vanilla")!.gain).toBe(0);
  });

  it("Fig. 4: CoT benefit of the open models that have both rows, with the published difference", () => {
    expect(new Set(figures.fig4.map((d) => d.model))).toEqual(
      new Set([
        "Qwen2.5-7B",
        "InternLM2.5-7B",
        "InternLM2.5-20B",
        "Qwen2.5-32B",
        "LLama3.1-70B",
        "Qwen2.5-72B"
      ])
    );
    const jama = figures.fig4.find((d) => d.model === "Qwen2.5-7B" && d.benchmark === "jama")!;
    expect(jama.published_gain).toBeCloseTo(40.4 - 42.41, 12);
    expect(jama.gain).toBeCloseTo((100 * (nearest(40.4, 646) - nearest(42.41, 646))) / 646, 12);
    expect(jama.params_b).toBe(7);
  });

  it("Fig. 5: Qwen2.5-72B × three strategies × three benchmarks; Fig. 3 empty without 32-sample runs", () => {
    expect(figures.fig5.map((d) => `${d.strategy}/${d.benchmark}`)).toEqual(
      ["vanilla-cot", "longstep", "longmonolog"].flatMap((s) =>
        ["jama", "medbullets", "medqa"].map((b) => `${s}/${b}`)
      )
    );
    expect(figures.fig5.find((d) => d.strategy === "longmonolog" && d.benchmark === "jama")).toMatchObject({
      tokens: 1076,
      published_tokens: 1076
    });
    expect(figures.fig3).toEqual([]);
  });
});
