import {describe, expect, it} from "vitest";
import {tieGroups} from "../../../src/lib/stats/tie-groups.js";

const p = (table: Record<string, number>) => (a: string, b: string) => table[[a, b].sort().join("")];

describe("tieGroups", () => {
  const runs = [
    {run_id: "c", accuracy: 0.5},
    {run_id: "a", accuracy: 0.9},
    {run_id: "b", accuracy: 0.88},
    {run_id: "d", accuracy: 0.49}
  ];

  it("groups runs the leader cannot be separated from, best first", () => {
    const groups = tieGroups(runs, p({ab: 0.6, ac: 0.001, ad: 0.001, bc: 0.001, bd: 0.001, cd: 0.9}));
    expect(groups).toEqual([
      ["a", "b"],
      ["c", "d"]
    ]);
  });

  it("separates every run when every comparison is significant", () => {
    const groups = tieGroups(runs, () => 0.01);
    expect(groups).toEqual([["a"], ["b"], ["c"], ["d"]]);
  });

  it("compares with the group's leader, not the previous run (no chaining)", () => {
    // b ties a, c ties b but not a: c starts a new group.
    const groups = tieGroups(runs.slice(0, 3), p({ab: 0.5, bc: 0.5, ac: 0.01}));
    expect(groups).toEqual([["a", "b"], ["c"]]);
  });

  it("ranks equal accuracies by run id, and an adjusted p equal to α does not separate", () => {
    const tied = [
      {run_id: "y", accuracy: 0.7},
      {run_id: "x", accuracy: 0.7},
      {run_id: "w", accuracy: 0.6}
    ];
    // x leads (same accuracy as y, earlier id); every comparison significant: one group each, in rank order.
    expect(tieGroups(tied, () => 0.01)).toEqual([["x"], ["y"], ["w"]]);
    expect(tieGroups([tied[1], tied[0], tied[2]], () => 0.01)).toEqual([["x"], ["y"], ["w"]]); // input order does not matter
    // p = α exactly is not below α: not separated.
    expect(tieGroups(tied, () => 0.05)).toEqual([["x", "y", "w"]]);
  });

  it("treats runs with no shared questions as separate, and honours α", () => {
    expect(tieGroups(runs.slice(1, 3), () => undefined)).toEqual([["a"], ["b"]]);
    expect(tieGroups(runs.slice(1, 3), () => 0.03, 0.01)).toEqual([["a", "b"]]);
  });
});
