import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {calibration, TABLE4_NORMALIZED, targetCorrect} from "../../runs/demo-medreseval-calibration.js";
import {DEMO_MODELS, DEMO_TASKS, scaledQuestions} from "../../runs/demo-medreseval-registry.js";
import {normalizedScore} from "../../src/lib/scoring/normalize.js";

/** The study's transcriptions of the paper (Table 4 calibrates the demo; Table 3 gives its registry). */
const REFERENCE = new URL("../../data-loaders/studies/medreseval/reference/", import.meta.url);

/** Reads a small CSV (no quoting) into rows of cells, header first. */
function readCsv(file: URL): string[][] {
  return readFileSync(file, "utf8")
    .trim()
    .split("\n")
    .map((line) => line.split(","));
}

/**
 * k computed independently of targetCorrect: every chance (1/5, 1/2, 5/16, 1/10) is a multiple of
 * 1/80000 and every normalized score a multiple of 1/1000, so acc · n · 80000 is an integer X and
 * k = round-half-up(X / 80000).
 */
function independentK(published: number, chance: number, n: number): number {
  const c = Math.round(chance * 80000);
  const tenths = Math.round(published * 10);
  const x = n * c + n * tenths * ((80000 - c) / 1000);
  expect(Number.isInteger(x)).toBe(true);
  return Math.min(n, Math.floor((2 * x + 80000) / 160000));
}

describe("calibration to Table 4 (full scale, arithmetic)", () => {
  const cells = calibration(1);

  it("covers 18 models × 6 tasks = 108 cells, 10,935 questions per model, 984,150 lines", () => {
    expect(cells).toHaveLength(108);
    const perModel = DEMO_TASKS.reduce((sum, t) => sum + scaledQuestions(t, 1), 0);
    expect(perModel).toBe(1273 + 1273 + 3200 + 1600 + 1600 + 1989);
    expect(perModel).toBe(10935);
    expect(perModel * 5 * DEMO_MODELS.length).toBe(984150);
  });

  it("embeds exactly the published Table 4 and Table 3 (the study's transcriptions)", () => {
    const [header, ...rows] = readCsv(new URL("medreseval-table4.csv", REFERENCE));
    expect(header.slice(1)).toEqual(DEMO_TASKS.map((t) => t.info.name));
    expect(rows.map((r) => r[0])).toEqual(DEMO_MODELS.map((m) => m.info.name));
    for (const [model, ...values] of rows)
      header.slice(1).forEach((task, i) => expect(TABLE4_NORMALIZED[model][task]).toBe(Number(values[i])));
    const [, ...families] = readCsv(new URL("medreseval-table3.csv", REFERENCE));
    for (const [family, small, large, tokens] of families) {
      const members = DEMO_MODELS.filter((m) => m.info.family === family);
      expect(members.length).toBeGreaterThanOrEqual(2);
      for (const {info} of members) {
        expect(info.train_tokens_t).toBe(Number(tokens));
        expect([Number(small), Number(large)]).toContain(info.params_b);
      }
    }
  });

  it("computes k by hand-checked examples, including an exact .5 (rounded up)", () => {
    expect(targetCorrect(50, [1, 5], 10)).toBe(6); // 0.2 + 0.5·0.8 = 0.6
    // llama-7B inc_reas_step: 0.3125 − 0.111·0.6875 = 0.2361875; ×1600 = 377.9 → 378
    expect(targetCorrect(-11.1, [5, 16], 1600)).toBe(378);
    // Qwen2.5-72B inc_reas_step: 0.3125 + 0.445·0.6875 = 0.6184375; ×1600 = 989.5 exactly → 990
    expect(targetCorrect(44.5, [5, 16], 1600)).toBe(990);
    expect(targetCorrect(100, [1, 2], 7)).toBe(7);
    expect(targetCorrect(-100, [1, 2], 7)).toBe(0);
  });

  it("matches an independent exact computation of k in every cell", () => {
    for (const cell of cells)
      expect(cell.correct, `${cell.model}.${cell.task}`).toBe(
        independentK(cell.published, cell.chance, cell.questions)
      );
  });

  it("reproduces every published normalized score within ±0.2 points (and within half a step)", () => {
    let max = 0;
    for (const cell of cells) {
      const reproduced = 100 * normalizedScore(cell.correct / cell.questions, cell.chance);
      const diff = Math.abs(reproduced - cell.published);
      expect(diff, `${cell.model}.${cell.task}`).toBeLessThanOrEqual(0.2);
      // Nearest k/n: at most half of one question's weight, 100 / (2 n (1 − chance)).
      expect(diff).toBeLessThanOrEqual(100 / (2 * cell.questions * (1 - cell.chance)) + 1e-9);
      max = Math.max(max, diff);
    }
    expect(max).toBeGreaterThan(0); // the table is not exactly representable everywhere
    expect(max).toBeLessThan(0.0626);
  });
});
