import {describe, expect, it} from "vitest";
import {llamaGroups} from "../../src/components/medreseval-rows.js";
import {llamaGroupColor, llamaGroupsChart} from "../../src/components/medreseval-llama-groups.js";
import {countOf, expectSnapshot, testDocument, textsOf} from "../snapshot.js";
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

  it("renders (snapshot)", () => {
    const el = llamaGroupsChart(llamaGroups(runs, ["origin", "semvar", "exp_deci_spac"]), {
      width: 640,
      document: testDocument()
    }) as Element;
    // Three tasks × four size-and-data groups; the first bar is the mean of llama-7B and llama2-7B.
    expect(textsOf(el, "fx-axis tick label")).toEqual(["origin", "semvar", "exp_deci_spac"]);
    expect(countOf(el, "bar", "rect")).toBe(12);
    expect(textsOf(el, "bar")[0]).toBe("~7B · 1.4T, 2T (llama-7B, llama2-7B): 10.7");
    expectSnapshot(el, "medreseval-fig5");
  });
});
