import {describe, expect, it} from "vitest";
import {inspectStudy} from "../../../../data-loaders/studies/real-logs/inspect.js";
import {realSet} from "../../adapters/helpers.js";
import {provenance, study} from "./helpers.js";

describe("inspectStudy on the real set (../shared/real-logs/inspect)", () => {
  const ins = realSet("inspect");
  it.skipIf(!ins)("Inspect: epochs and header accuracy beside medscale's vote", async () => {
    const s = await study(ins as string, "inspect", (c, a) => inspectStudy(c, a, provenance("inspect")));
    expect(s.runs).toHaveLength(10);
    expect(s.samples).toHaveLength(31);
    const streaming = s.runs.find((r) => r.run_id.endsWith(".log_streaming"));
    expect(streaming).toMatchObject({
      epochs: 2,
      accuracy: 0.5,
      reported_accuracy: 0.75,
      upstream_accuracy: 0.75
    });
    expect(s.samples.filter((d) => d.run_id === streaming?.run_id).map((d) => d.epoch)).toEqual([1, 2, 1, 2]);
    for (const r of s.runs)
      if (r.reported_accuracy !== null && r !== streaming)
        expect(r.accuracy, r.run_id).toBeCloseTo(r.reported_accuracy, 12);
  });
});
