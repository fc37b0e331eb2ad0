import {mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, describe, expect, it} from "vitest";
import {
  readTable4,
  TABLE4_PATH,
  TABLE4_TASKS,
  table4Values
} from "../../../../../data-loaders/studies/medreseval/reference/table4.js";

const work = mkdtempSync(join(tmpdir(), "medscale-medreseval-table4-"));
afterAll(() => rmSync(work, {recursive: true, force: true}));

describe("the Table 4 transcription's reader", () => {
  it("reads 18 models × the six tasks as printed, in the paper's order", () => {
    const rows = readTable4();
    expect(rows).toHaveLength(18);
    expect(rows.map((r) => r.model).slice(0, 3)).toEqual(["llama-7B", "llama2-7B", "llama3-8B"]);
    expect(rows[4]).toEqual({
      model: "Qwen2-7B",
      cells: {
        origin: "34.0",
        semvar: "33.5",
        redu_ava_clu: "14.2",
        exp_deci_spac: "6.0",
        inc_reas_step: "3.0",
        diagnosis: "11.9"
      }
    });
    for (const r of rows) expect(Object.keys(r.cells)).toEqual([...TABLE4_TASKS]);
  });

  it("gives the numbers: model → task → percent", () => {
    const values = table4Values();
    expect(Object.keys(values)).toEqual(readTable4().map((r) => r.model));
    expect(values["llama-7B"].inc_reas_step).toBe(-11.1);
    expect(values["Qwen2-7B"].origin).toBe(34);
    expect(values["GPT-4o"]).toEqual({
      origin: 83.2,
      semvar: 81.0,
      redu_ava_clu: 75.3,
      exp_deci_spac: 50.7,
      inc_reas_step: 81.9,
      diagnosis: 47.7
    });
  });

  it("names the file and the column that is missing", () => {
    const bad = join(work, "table4.csv");
    writeFileSync(bad, readFileSync(TABLE4_PATH, "utf8").replace("semvar", "sem_var"));
    expect(() => readTable4(bad)).toThrow(`${bad}: missing column "semvar"`);
  });
});
