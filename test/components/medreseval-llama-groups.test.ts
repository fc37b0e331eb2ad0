import {describe, expect, it} from "vitest";
import {llamaGroups} from "../../src/components/medreseval-rows.js";
import {llamaGroupColor, llamaGroupsChart} from "../../src/components/medreseval-llama-groups.js";
import {expectSnapshot, testDocument} from "../snapshot.js";
import {runs} from "./medreseval-fixtures.js";

describe("Fig. 5", () => {
  it("averages the Llama models of each size × data group (hand values)", () => {
    const bars = llamaGroups(runs, ["origin", "exp_deci_spac"]);
    const get = (task: string, group: string) => bars.find((b) => b.task === task && b.group === group)!;
    expect(bars.map((b) => b.group)).toEqual([
      "~7B · 1.4T, 2T",
      "~7B · 15T",
      "~70B · 1.4T",
      "~70B · 15T",
      "~7B · 1.4T, 2T",
      "~7B · 15T",
      "~70B · 1.4T",
      "~70B · 15T"
    ]);
    expect(get("origin", "~7B · 1.4T, 2T").value).toBeCloseTo((1.1 + 20.3) / 2, 10);
    expect(get("origin", "~7B · 1.4T, 2T").models).toEqual(["llama-7B", "llama2-7B"]);
    expect(get("exp_deci_spac", "~70B · 15T").value).toBeCloseTo(32.5, 10);
    // Qwen is not Llama.
    expect(bars.flatMap((b) => b.models)).not.toContain("Qwen2-7B");
    expect(llamaGroupColor({size_class: "~7B", more_data: true})).not.toBe(
      llamaGroupColor({size_class: "~7B", more_data: false})
    );
  });

  it("renders (snapshot), panels named as the paper names the tasks", () => {
    const chart = llamaGroupsChart(llamaGroups(runs, ["origin", "semvar", "exp_deci_spac"]), {
      width: 640,
      document: testDocument()
    }) as Element;
    expect(chart.textContent).toContain("Expanding decision space");
    expect(chart.textContent).not.toContain("exp_deci_spac");
    expectSnapshot(chart, "medreseval-fig5");
  });

  it("stacks the panels on a phone, each named inside its frame", () => {
    const chart = llamaGroupsChart(llamaGroups(runs, ["origin", "semvar"]), {
      width: 360,
      document: testDocument()
    }) as Element;
    // The figure holds the legend's swatches, then the plot: two panels of 150 px plus 30 px for the axis.
    const plots = [...chart.querySelectorAll("svg")];
    expect(plots[plots.length - 1].getAttribute("height")).toBe("330");
    expect(chart.textContent).toContain("Semantic-varied");
  });
});
