import {describe, expect, it} from "vitest";
import {
  CLAIM_TERMS,
  claimRows,
  extrapolationFrom
} from "../../../../data-loaders/studies/medreseval/claims.js";
import {key, type LinearContext} from "../../../../data-loaders/studies/medreseval/comparison-rows.js";
import {logsPaperFits} from "../../../../data-loaders/studies/medreseval/comparison.js";
import type {LogRun} from "../../../../data-loaders/studies/medreseval/log-runs.js";
import type {Printed} from "../../../../data-loaders/studies/medreseval/paper.js";
import {paperStudy} from "../../../../data-loaders/studies/medreseval/paper.js";
import {paperAnalysis} from "../../../../data-loaders/studies/medreseval/paper-fits.js";
import {reference, table4Logs} from "../../../fixtures/study/medreseval-table4.js";

const cells = new Set(reference.table4.flatMap((r) => Object.keys(r.cells).map((t) => key(r.model, t))));

describe("CLAIM_TERMS", () => {
  it("names only Table 4 cells, with weights summing to 1 (a mean) or 0 (a difference of means)", () => {
    for (const [id, {terms}] of Object.entries(CLAIM_TERMS)) {
      for (const t of terms)
        expect(cells.has(key(t.model, t.task)), `${id}: ${t.model} × ${t.task}`).toBe(true);
      const total = terms.reduce((s, t) => s + t.weight, 0);
      expect(
        [0, 1].some((m) => Math.abs(total - m) < 1e-12),
        `${id}: weights sum to ${total}`
      ).toBe(true);
    }
  });

  it("defines every claim of the transcription that is a sum of Table 4 cells", () => {
    const ids = reference.claims.map((c) => c.id);
    for (const id of Object.keys(CLAIM_TERMS)) expect(ids).toContain(id);
  });
});

describe("claimRows with logs that reproduce Table 4 exactly", () => {
  const logs = table4Logs();
  const study = paperStudy();
  const paper = paperAnalysis(reference, study);
  const runs = new Map<string, LogRun[]>();
  for (const r of logs.runs) runs.set(key(r.model, r.task), [r]);
  const table4 = new Map<string, Printed>();
  for (const row of reference.table4)
    for (const [t, c] of Object.entries(row.cells)) table4.set(key(row.model, t), c);
  const ctx: LinearContext = {runs, table4};
  const rows = claimRows(reference, ctx, logsPaperFits(logs, study), paper);

  it("gives one row per claim, in the transcription's order, each with a definition", () => {
    expect(rows.map((r) => r.item)).toEqual(reference.claims.map((c) => `Text (${c.where}) · ${c.claim}`));
    for (const r of rows) expect(r.reason).not.toMatch(/has no definition/);
  });

  it("divides the complex tokens by Llama 3's 15T of Table 3 for the 'over Llama 3' claim", () => {
    const over = reference.claims.findIndex((c) => c.id === "tokens_complex_over_llama3");
    const tokens = reference.claims.findIndex((c) => c.id === "tokens_complex");
    expect(over).toBeGreaterThanOrEqual(0);
    expect(rows[over].reproduced).toBeCloseTo(rows[tokens].reproduced! / 15, 12);
    expect(rows[over].reason).toMatch(/divided by Llama3's 15T \(Table 3\)/);
    const t1 = extrapolationFrom(paper.table1.extrapolations, "complex")!;
    expect(rows[over].derived[0]).toMatchObject({from: "Table 1 coefficients", value: t1.tokens_t! / 15});
  });

  it("flags a claim medscale cannot compute as missing", () => {
    const unknown = {...reference, claims: [{...reference.claims[0], id: "no_such_claim"}]};
    const [row] = claimRows(unknown, ctx, logsPaperFits(logs, study), paper);
    expect(row).toMatchObject({flagged: true, causes: ["missing"], reproduced: null, tolerance: null});
    expect(row.reason).toBe('missing: medscale has no definition for claim "no_such_claim".');
  });
});
