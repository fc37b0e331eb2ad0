import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {fileURLToPath} from "node:url";
import {afterAll, describe, expect, it} from "vitest";
import {O1_BENCHMARKS} from "../../../../../data-loaders/studies/o1journey/reference/published.js";
import {
  O1_TABLE1_FILE,
  readPublishedTable1
} from "../../../../../data-loaders/studies/o1journey/reference/table1.js";

/** The independent transcription of Table 1 in ../shared (next to the repository root), when present. */
const SHARED = fileURLToPath(
  new URL("../../../../../../shared/reference/o1journey_table1.csv", import.meta.url)
);
const hasShared = existsSync(SHARED);
const published = readPublishedTable1();
const work = mkdtempSync(join(tmpdir(), "medscale-o1table1-"));
afterAll(() => rmSync(work, {recursive: true, force: true}));

describe("readPublishedTable1", () => {
  it("reads 26 rows with numbers and blanks where the paper prints “-”", () => {
    expect(published).toHaveLength(26);
    const row = published.find((r) => r.row === "Qwen2.5-LongMonolog 72B")!;
    expect(row).toEqual({
      row: "Qwen2.5-LongMonolog 72B",
      group: "journey",
      model: "Qwen2.5-72B",
      params_b: 72,
      strategy: "longmonolog",
      mean_acc: 77.18,
      acc: {jama: 59.28, medbullets: 76.29, medqa: 86.48},
      tokens: {jama: 1076, medbullets: 917, medqa: 873}
    });
    expect(published.find((r) => r.row === "o1-mini")!.tokens).toEqual({
      jama: null,
      medbullets: null,
      medqa: null
    });
  });

  it.skipIf(!hasShared)(
    `matches the independent transcription in ../shared/reference cell by cell${hasShared ? "" : " (skipped: ../shared/reference absent)"}`,
    () => {
      const [header, ...lines] = readFileSync(SHARED, "utf8")
        .trim()
        .split("\n")
        .map((l) => l.split(","));
      expect(lines).toHaveLength(published.length);
      lines.forEach((cells, i) => {
        const ref = Object.fromEntries(header.map((h, j) => [h, cells[j]]));
        const mine = published[i];
        expect(mine.model === ref.model || mine.model.startsWith(`${ref.model}-`), mine.row).toBe(true);
        expect(mine.params_b).toBe(ref.params_b === "" ? null : Number(ref.params_b));
        expect([mine.group, mine.strategy]).toEqual([ref.group, ref.strategy]);
        expect(mine.mean_acc).toBe(Number(ref.mean_acc));
        for (const b of O1_BENCHMARKS) {
          expect(mine.acc[b.id]).toBe(Number(ref[`${b.id}_acc`]));
          expect(mine.tokens[b.id]).toBe(ref[`${b.id}_tokens`] === "" ? null : Number(ref[`${b.id}_tokens`]));
        }
      });
    }
  );

  it("names file, line and column of a bad cell", () => {
    const file = join(work, "bad.csv");
    const text = readFileSync(O1_TABLE1_FILE, "utf8");
    writeFileSync(file, text.replace("88.76", "88.7x"));
    expect(() => readPublishedTable1(file)).toThrow(`${file}:2: column medqa_acc: "88.7x" is not a number`);
    writeFileSync(file, "row,model\nx,y\n");
    expect(() => readPublishedTable1(file)).toThrow(/:1: missing column\(s\) group, params_b/);
  });
});
