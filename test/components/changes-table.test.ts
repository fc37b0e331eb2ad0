import {describe, expect, it} from "vitest";
import {changeLinks} from "../../src/components/change-links.js";
import {changedRunsTable} from "../../src/components/changed-runs-table.js";
import {changesTable} from "../../src/components/changes-table.js";
import type {DiffChange, SiteChanges} from "../../src/contracts/changes.js";
import {expectSnapshot, testDocument} from "../snapshot.js";

/** A change; a value with no size (not two numbers) has no Δ nor relative change, as diffOutputs gives it. */
const change = (c: Partial<DiffChange>): DiffChange => {
  const d: DiffChange = {
    study: "medreseval",
    kind: "run",
    status: "changed",
    id: "a",
    field: "accuracy",
    old: 0.5,
    new: 0.75,
    delta: 0.25,
    relative: 1 / 3,
    headline: false,
    runs: ["a"],
    ...c
  };
  return typeof d.old === "number" && typeof d.new === "number" ? d : {...d, delta: null, relative: null};
};

const data: SiteChanges = {
  previous: [{study: "medreseval", prepared_at: "2026-01-02T03:04:05.000Z"}],
  changes: [
    change({
      kind: "verdict",
      id: "MedResEval · claim",
      field: "flagged",
      old: false,
      new: true,
      headline: true
    }),
    change({kind: "run", id: "gone", status: "removed", field: "", old: null, new: null, runs: ["gone"]}),
    change({}),
    change({kind: "fit", id: "g.~7B", field: "alpha", old: 0.2, new: 0.25, delta: 0.05, relative: 0.2}),
    change({kind: "fit", id: "o.~7B", field: "alpha", old: 0.3, new: 0.29, delta: -0.01, relative: 1 / 30}),
    change({study: "m1", id: "<b>x</b>", runs: ["<b>x</b>"], relative: 0.01})
  ],
  runs: [
    {study: "medreseval", run_id: "a", change: "changed", reasons: ["runs.json: accuracy"], fits: ["g.~7B"]},
    {study: "medreseval", run_id: "gone", change: "removed", reasons: [], fits: ["g.~7B", "o.~7B"]},
    {study: "m1", run_id: "<b>x</b>", change: "changed", reasons: ["samples file sha256"], fits: []}
  ],
  notes: [],
  synthetic: [],
  audits: {medreseval: {"g.~7B": "g-7b"}}
};
const links = changeLinks(data, ".");
const hrefs = (el: Element) =>
  [...el.querySelectorAll("a")].map((a) => [a.textContent, a.getAttribute("href")]);

describe("changeLinks", () => {
  it("links a run to its run page, a fit to its audit page, and neither when this build has none", () => {
    expect(links.run("medreseval", "a")).toBe("./medreseval/run.html?id=a");
    expect(links.run("m1", "x y/z")).toBe("./m1/run.html?id=x%20y%2Fz");
    expect(links.run("medreseval", "gone")).toBeNull(); // left the logs: no run page
    expect(links.fit("medreseval", "g.~7B")).toBe("./medreseval/audit/g-7b.html");
    expect(links.fit("medreseval", "o.~7B")).toBeNull();
    expect(changeLinks(data, "..").verdict()).toBe("../comparison.html");
  });
});

describe("changesTable", () => {
  it("lists every change in the diff's order, with how much, old, new, Δ, and links to what it names", () => {
    const el = changesTable(data.changes, {links, document: testDocument()});
    const rows = [...el.querySelectorAll("tbody tr")].map((tr) =>
      [...tr.querySelectorAll("td")].map((td) => td.textContent)
    );
    expect(rows).toEqual([
      ["FLIP", "medreseval", "verdict", "MedResEval · claim", "flagged", "agrees", "flagged", "", "a"],
      ["removed", "medreseval", "run", "gone", "(the row)", "present", "absent", "", "gone"],
      ["33.3%", "medreseval", "run", "a", "accuracy", "0.5", "0.75", "+0.25", "a"],
      ["20.0%", "medreseval", "fit", "g.~7B", "alpha", "0.2", "0.25", "+0.05", "a"],
      ["3.3%", "medreseval", "fit", "o.~7B", "alpha", "0.3", "0.29", "-0.01", "a"],
      ["1.0%", "m1", "run", "<b>x</b>", "accuracy", "0.5", "0.75", "+0.25", "<b>x</b>"]
    ]);
    expect(el.querySelectorAll("tr.headline")).toHaveLength(1);
    expect(hrefs(el)).toEqual([
      ["MedResEval · claim", "./comparison.html"],
      ["a", "./medreseval/run.html?id=a"],
      ["a", "./medreseval/run.html?id=a"],
      ["a", "./medreseval/run.html?id=a"],
      ["g.~7B", "./medreseval/audit/g-7b.html"],
      ["a", "./medreseval/run.html?id=a"],
      ["a", "./medreseval/run.html?id=a"],
      ["<b>x</b>", "./m1/run.html?id=%3Cb%3Ex%3C%2Fb%3E"],
      ["<b>x</b>", "./m1/run.html?id=%3Cb%3Ex%3C%2Fb%3E"]
    ]);
    // A run id from the logs is text, never markup.
    expect(el.querySelectorAll("b")).toHaveLength(0);
    expectSnapshot(el, "changes-table");
  });
});

describe("changedRunsTable", () => {
  it("lists each changed run with why and the fits that use it, linked where this build has the page", () => {
    const el = changedRunsTable(data.runs, {links, document: testDocument()});
    const rows = [...el.querySelectorAll("tbody tr")].map((tr) =>
      [...tr.querySelectorAll("td")].map((td) => td.textContent)
    );
    expect(rows).toEqual([
      ["a", "medreseval", "changed", "runs.json: accuracy", "g.~7B"],
      ["gone", "medreseval", "removed", "", "g.~7B, o.~7B"],
      ["<b>x</b>", "m1", "changed", "samples file sha256", ""]
    ]);
    expect(hrefs(el)).toEqual([
      ["a", "./medreseval/run.html?id=a"],
      ["g.~7B", "./medreseval/audit/g-7b.html"],
      ["g.~7B", "./medreseval/audit/g-7b.html"],
      ["<b>x</b>", "./m1/run.html?id=%3Cb%3Ex%3C%2Fb%3E"]
    ]);
    expect(el.querySelectorAll("b")).toHaveLength(0);
    expectSnapshot(el, "changed-runs-table");
  });
});
