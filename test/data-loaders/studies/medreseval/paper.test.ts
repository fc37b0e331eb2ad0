import {cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {csvParse} from "d3";
import {afterAll, describe, expect, it} from "vitest";
import {
  paperModels,
  printed,
  readMedresevalReference,
  REFERENCE_DIR,
  table4Runs
} from "../../../../data-loaders/studies/medreseval/paper.js";

const work = mkdtempSync(join(tmpdir(), "medscale-medreseval-paper-"));
afterAll(() => rmSync(work, {recursive: true, force: true}));

/** The independent transcriptions of the papers, next to the repository (absent in a user's clone). */
const shared = new URL("../../../../../shared/reference/", import.meta.url);
const hasShared = existsSync(new URL("medreseval_table1_fits.csv", shared));

describe("the paper's transcriptions", () => {
  it("reads printed numbers with their precision, and names file, line and column on bad input", () => {
    expect(printed("0.067", "x")).toEqual({text: "0.067", value: 0.067, decimals: 3, half: 0.0005});
    expect(printed("157", "x")).toMatchObject({decimals: 0, half: 0.5});
    expect(printed("-", "x")).toBeNull();
    expect(() => printed("1,3", "Table 2")).toThrow(/Table 2: "1,3" is not a printed decimal number/);
    const bad = join(work, "reference") + "/";
    cpSync(REFERENCE_DIR, bad, {recursive: true});
    const t2 = join(bad, "medreseval-table2.csv");
    writeFileSync(t2, readFileSync(t2, "utf8").replace("Qwen2-72B,56.6", "Qwen2-72B,56.6x"));
    expect(() => readMedresevalReference(bad)).toThrow(/medreseval-table2\.csv:3 \(simple_base\): "56\.6x"/);
  });

  it("names file, line and column of a bad Table 4 cell", () => {
    const bad = join(work, "reference-table4") + "/";
    cpSync(REFERENCE_DIR, bad, {recursive: true});
    const t4 = join(bad, "medreseval-table4.csv");
    writeFileSync(t4, readFileSync(t4, "utf8").replace("llama2-7B,20.3,7.5", "llama2-7B,20.3,"));
    expect(() => readMedresevalReference(bad)).toThrow(/medreseval-table4\.csv:3 \(semvar\): empty cell/);
  });

  it("reads Tables 1–4 and the text claims with their printed precision", () => {
    const ref = readMedresevalReference();
    expect(ref.table1).toHaveLength(4);
    expect(ref.table1[2]).toMatchObject({task_type: "complex", model_params: "~7B", alpha: {text: "0.067"}});
    expect(ref.table2.find((r) => r.model === "GPT-4o")!.cells.simple_base).toBeNull();
    expect(ref.table3.map((r) => r.family)).toEqual([
      "llama",
      "llama2",
      "llama3",
      "Qwen",
      "Qwen2",
      "Qwen2.5"
    ]);
    expect(ref.table4).toHaveLength(18);
    expect(ref.table4[0].cells.inc_reas_step).toMatchObject({text: "-11.1", value: -11.1, half: 0.05});
    expect(ref.claims).toHaveLength(16);
  });

  it("builds the paper's registry from Tables 3 and 4, and Table 4 as runs", () => {
    const ref = readMedresevalReference();
    const models = paperModels(ref);
    expect(models.find((m) => m.name === "Qwen2.5-72B-Instruct")).toEqual({
      name: "Qwen2.5-72B-Instruct",
      family: "Qwen2.5",
      params_b: 72,
      train_tokens_t: 18,
      instruct: true
    });
    expect(models.find((m) => m.name === "llama3-8B")).toMatchObject({
      params_b: 8,
      train_tokens_t: 15,
      instruct: false
    });
    expect(models.find((m) => m.name === "GPT-4o-mini")).toMatchObject({family: "GPT-4o", params_b: null});
    const runs = table4Runs(ref);
    expect(runs).toHaveLength(108);
    expect(runs[0]).toEqual({
      run_id: "Table 4: llama-7B × origin",
      model: "llama-7B",
      task: "origin",
      normalized: 1.1 / 100
    });
  });
});

describe.skipIf(!hasShared)(
  `transcriptions of the paper (data-loaders/studies/medreseval/reference/) against ../shared/reference${hasShared ? "" : " — skipped: ../shared/reference absent"}`,
  () => {
    const check = (mine: string, theirs: string, key: string) => {
      const a = csvParse(readFileSync(join(REFERENCE_DIR, mine), "utf8"));
      const b = csvParse(readFileSync(new URL(theirs, shared), "utf8"));
      for (const row of b) {
        const ours = a.find(
          (r) => r[key] === row[key] && (key !== "task_type" || r.model_params === row.model_params)
        );
        expect(ours, `${mine}: row ${row[key]}`).toBeDefined();
        for (const column of b.columns)
          if (column !== "note") expect(ours![column], `${mine} ${row[key]} ${column}`).toBe(row[column]);
      }
    };
    it("agree cell by cell with the independent transcriptions in ../shared/reference/", () => {
      check("medreseval-table1.csv", "medreseval_table1_fits.csv", "task_type");
      check("medreseval-table2.csv", "medreseval_table2_instruction_tuning.csv", "model");
      check("medreseval-table3.csv", "medreseval_table3_models.csv", "family");
      check("medreseval-text-claims.csv", "medreseval_text_claims.csv", "claim");
    });
  }
);
