import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, describe, expect, it} from "vitest";
import {analyzeRoot} from "../../../../data-loaders/pipeline/analyze.js";
import {medresevalComparison} from "../../../../data-loaders/studies/medreseval/comparison.js";
import {headlineNumbers, medresevalReport} from "../../../../data-loaders/studies/medreseval/report.js";
import {medresevalOutputs} from "../../../../data-loaders/studies/medreseval/study.js";
import {writeHandRoot} from "../../../fixtures/study/medreseval-hand-root.js";

const work = mkdtempSync(join(tmpdir(), "medscale-medreseval-report-"));
afterAll(() => rmSync(work, {recursive: true, force: true}));

const root = join(work, "root");
writeHandRoot(root, true);

describe("report.json of the hand-checkable root", async () => {
  const {extra} = await analyzeRoot(root, {database: join(work, "report.duckdb")}, (c, a) =>
    medresevalOutputs(c, a, {replicates: 50})
  );
  const out = extra!;
  const comparison = medresevalComparison(out);
  const report = medresevalReport(out, comparison);

  it("carries every run with its model's registry facts and size class", () => {
    expect(report.runs).toHaveLength(out.runs.length);
    expect(report.runs.find((r) => r.run_id === "i7.s1")).toMatchObject({
      model: "i7",
      family: "a",
      params_b: 7,
      train_tokens_t: 4,
      instruct: true,
      size_class: "~7B",
      questions: 16,
      accuracy: 10 / 16
    });
  });

  it("gives each group mean its runs by id", () => {
    const mean = report.means.find((m) => m.group === "simple" && m.model === "a7")!;
    expect(mean.run_ids).toEqual(["a7.s1"]);
    expect(mean.mean).toBeCloseTo(0.5, 14);
    expect("tasks" in mean).toBe(false);
  });

  it("sets Table 1 beside each fit of the logs, with the audit page's slug", () => {
    expect(report.table1.map((r) => [r.id, r.slug])).toEqual(
      out.audits.map((a) => [a.manifest.id, a.manifest.slug])
    );
    // The hand study's fits carry the paper's ids: Table 1's printed laws stand beside them.
    expect(report.table1.every((r) => r.published !== null)).toBe(true);
    expect(report.published_table1.map((r) => r.id)).toEqual([
      "simple.~7B",
      "simple.~70B",
      "complex.~7B",
      "complex.~70B"
    ]);
  });

  it("sorts the comparison rows by table and counts them", () => {
    expect(report.table2).toEqual(comparison.filter((r) => r.table === "Table 2"));
    expect(report.claims).toEqual(comparison.filter((r) => r.table === "Text"));
    expect(report.comparison_summary.rows).toBe(comparison.length);
    expect(report.comparison_summary.flagged).toBe(comparison.filter((r) => r.flagged).length);
    const byTable = report.comparison_summary.by_table;
    expect(Object.values(byTable).reduce((s, t) => s + t.rows, 0)).toBe(comparison.length);
  });

  it("gives the headline numbers three ways: logs, Table 1, Table 4 refit", () => {
    const headline = headlineNumbers(out);
    expect(report.headline).toEqual(headline);
    expect(headline.map((h) => h.group)).toEqual(["simple", "complex"]);
    expect(headline[0].logs.tokens_t).toBeCloseTo(2 ** (10 / 3), 10);
    // Table 1 answers the paper's question (at 5T), whatever the root's study asks.
    expect(headline[0].table1!.tokens_t).toBeCloseTo((0.982 / (0.719 * 5 ** -0.224)) ** (1 / 0.168), 9);
    expect(headline[0].table4_refit!.range![0]).toBeLessThan(headline[0].table4_refit!.tokens_t!);
  });
});
