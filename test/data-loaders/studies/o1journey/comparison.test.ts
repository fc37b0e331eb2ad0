import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, describe, expect, it} from "vitest";
import type {MajAtKRow} from "../../../../data-loaders/pipeline/maj-at-k.js";
import {
  m1Comparison,
  O1_BENCHMARKS,
  o1journeyComparison,
  o1journeyFigures,
  readPublishedTable1,
  table1Cells,
  table1Run,
  type BudgetStudy,
  type ForcingStudy,
  type PublishedTable1Row,
  type RunInfoRow
} from "../../../../data-loaders/studies/o1journey/comparison.js";

const SHARED = "/work/shared/reference/o1journey_table1.csv";
const published = readPublishedTable1();
const work = mkdtempSync(join(tmpdir(), "medscale-o1cmp-"));
afterAll(() => rmSync(work, {recursive: true, force: true}));

/** k nearest v% of n by linear search (ties up). */
function nearest(v: number, n: number): number {
  let best = 0;
  for (let k = 0; k <= n; k++)
    if (Math.abs((100 * k) / n - v) <= Math.abs((100 * best) / n - v) + 1e-12) best = k;
  return best;
}

function run(
  over: Partial<RunInfoRow> & Pick<RunInfoRow, "run_id" | "model" | "strategy" | "benchmark">
): RunInfoRow {
  return {
    task: over.benchmark!,
    samples: 1,
    thinking_budget: null,
    params_b: null,
    questions: 10,
    max_round: 0,
    ...over
  };
}

/** A faithful single-sample run for every published cell: accuracy the nearest k/n, tokens as printed (else 12). */
function faithfulInputs(rows: readonly PublishedTable1Row[]) {
  const runs: RunInfoRow[] = [];
  const majAtK: MajAtKRow[] = [];
  for (const row of rows)
    for (const b of O1_BENCHMARKS) {
      const run_id = `${row.model}.${row.strategy}.${b.id}`;
      runs.push(
        run({
          run_id,
          model: row.model,
          strategy: row.strategy,
          benchmark: b.id,
          questions: b.questions,
          params_b: row.params_b
        })
      );
      majAtK.push({
        run_id,
        k: 1,
        accuracy: nearest(row.acc[b.id], b.questions) / b.questions,
        mean_output_tokens: row.tokens[b.id] ?? 12,
        questions: b.questions
      });
    }
  return {runs, majAtK};
}

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

  it.runIf(existsSync(SHARED))(
    "matches the independent transcription in ../shared/reference cell by cell",
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
    const text = readFileSync(
      new URL("../../../../data-loaders/studies/o1journey/reference/o1journey-table1.csv", import.meta.url),
      "utf8"
    );
    writeFileSync(file, text.replace("88.76", "88.7x"));
    expect(() => readPublishedTable1(file)).toThrow(`${file}:2: column medqa_acc: "88.7x" is not a number`);
    writeFileSync(file, "row,model\nx,y\n");
    expect(() => readPublishedTable1(file)).toThrow(/:1: missing column\(s\) group, params_b/);
  });
});

describe("table1Run", () => {
  const runs = [
    run({run_id: "a.maj32", model: "a", strategy: "vanilla", benchmark: "medqa", samples: 32}),
    run({run_id: "a.single", model: "a", strategy: "vanilla", benchmark: "medqa", samples: 1}),
    run({run_id: "a.forced", model: "a", strategy: "vanilla", benchmark: "medqa", samples: 1, max_round: 2}),
    run({run_id: "b.eight", model: "b", strategy: "vanilla", benchmark: "medqa", samples: 8}),
    run({run_id: "b.four", model: "b", strategy: "vanilla", benchmark: "medqa", samples: 4})
  ];
  it("prefers a single-sample run, else the fewest samples, and skips forcing runs", () => {
    expect(table1Run(runs, "a", "vanilla", "medqa")!.run_id).toBe("a.single");
    expect(table1Run(runs, "b", "vanilla", "medqa")!.run_id).toBe("b.four");
    expect(table1Run(runs, "a", "vanilla-cot", "medqa")).toBeNull();
    expect(table1Run(runs, "a", "vanilla", "jama")).toBeNull();
  });
});

describe("table1Cells", () => {
  const row = published.find((r) => r.row === "LLama3.1-Vanilla CoT 70B")!;
  const {runs, majAtK} = faithfulInputs([row]);
  const cells = table1Cells(runs, majAtK, [row]);

  it("puts each run's single-sample accuracy and tokens beside the printed values", () => {
    expect(cells.map((c) => c.benchmark)).toEqual(["jama", "medbullets", "medqa", "mean"]);
    const jama = cells[0];
    expect(jama).toMatchObject({
      published_acc: 57.27,
      published_tokens: 529,
      reproduced_tokens: 529,
      run_id: "LLama3.1-70B.vanilla-cot.jama",
      questions: 646
    });
    expect(jama.reproduced_acc).toBeCloseTo((100 * 370) / 646, 12); // 370/646 = 57.2755
  });

  it("recomputes Mean Acc. from the printed accuracies and pools the runs for the logs' value", () => {
    const mean = cells[3];
    // By hand: (57.27·646 + 66.55·308 + 83.11·1273) / 2227 = (36996.42 + 20497.4 + 105799.03) / 2227 = 73.32413…
    expect(mean.recomputed_acc).toBeCloseTo(163292.85 / 2227, 10);
    expect(mean.published_acc).toBe(73.59);
    // Pooled: (370 + 205 + 1058) / 2227 correct questions.
    expect([nearest(57.27, 646), nearest(66.55, 308), nearest(83.11, 1273)]).toEqual([370, 205, 1058]);
    expect(mean.reproduced_acc).toBeCloseTo((100 * (370 + 205 + 1058)) / 2227, 10);
  });

  it("leaves a cell without a run null, and the row's mean with it", () => {
    const partial = table1Cells(runs.slice(0, 2), majAtK, [row]);
    expect(partial[2].reproduced_acc).toBeNull();
    expect(partial[2].run_id).toBeNull();
    expect(partial[3].reproduced_acc).toBeNull();
  });
});

describe("o1journeyComparison", () => {
  const {runs, majAtK} = faithfulInputs(published);
  // The four 32-sample majority runs of §3.3, with hand-set curves.
  const curve = (values: Record<number, number>) =>
    Array.from({length: 32}, (_, i) => values[i + 1] ?? values[1]);
  const voting: Record<string, number[]> = {
    vanilla: curve({1: 74.31, 4: 74.5, 8: 74.55, 16: 74.6, 32: 74.63}),
    "vanilla-cot": curve({1: 79.57, 4: 80.1, 8: 80.3, 16: 80.44, 20: 80.5, 32: 79.81}),
    longstep: curve({1: 84.91, 32: 86.17}),
    longmonolog: curve({1: 86.48, 32: 87.0})
  };
  for (const [strategy, values] of Object.entries(voting)) {
    const run_id = `Qwen2.5-72B.${strategy}.medqa.maj32`;
    runs.push(
      run({run_id, model: "Qwen2.5-72B", strategy, benchmark: "medqa", samples: 32, questions: 1273})
    );
    values.forEach((v, i) =>
      majAtK.push({run_id, k: i + 1, accuracy: v / 100, mean_output_tokens: 100 * (i + 1), questions: 1273})
    );
  }
  const rows = o1journeyComparison({runs, majAtK, published});
  const find = (item: string) => {
    const row = rows.find((r) => r.item === item);
    if (!row) throw new Error(`no row ${item}`);
    return row;
  };

  it("covers every accuracy (78) and printed token count (48) of Table 1 and agrees with faithful runs", () => {
    const cells = rows.filter(
      (r) => /(Acc\. \(%\)|#Avg\. Token)$/.test(r.item) && r.item.startsWith("Table 1")
    );
    expect(cells).toHaveLength(78 + 48);
    expect(cells.filter((r) => r.flagged)).toEqual([]);
    const medqa = find("Table 1 · Qwen2.5 72B · MedQA Acc. (%)");
    expect(medqa.tolerance).toBeCloseTo(50 / 1273 + 0.005, 12);
    expect(medqa.reason).toMatch(
      /^run Qwen2.5-72B.vanilla.medqa: single-sample accuracy over 1273 questions/
    );
    expect(medqa.run_ids).toEqual(["Qwen2.5-72B.vanilla.medqa"]);
    expect(find("Table 1 · o1-mini · JAMA Acc. (%)").printed).toBe("50.00");
    expect(find("Table 1 · GPT-4o-Vanilla CoT · JAMA #Avg. Token").printed).toBe("335");
    expect(find("Table 1 · GPT-4o · Mean Acc. from the logs").run_ids).toEqual([
      "GPT-4o.vanilla.jama",
      "GPT-4o.vanilla.medbullets",
      "GPT-4o.vanilla.medqa"
    ]);
  });

  it("flags an accuracy one question off, a token count 1 off, and a missing run", () => {
    const perturbed = majAtK.map((r) =>
      r.run_id === "GPT-4o.vanilla.jama"
        ? {...r, accuracy: r.accuracy + 1 / 646}
        : r.run_id === "GPT-4o.vanilla-cot.jama"
          ? {...r, mean_output_tokens: 336}
          : r
    );
    const again = o1journeyComparison({
      runs: runs.filter((r) => r.run_id !== "o1-mini.vanilla.medqa"),
      majAtK: perturbed,
      published
    });
    const get = (item: string) => again.find((r) => r.item === item)!;
    expect(get("Table 1 · GPT-4o · JAMA Acc. (%)").flagged).toBe(true);
    expect(get("Table 1 · GPT-4o-Vanilla CoT · JAMA #Avg. Token").flagged).toBe(true);
    expect(get("Table 1 · GPT-4o-Vanilla CoT · JAMA #Avg. Token").reason).toMatch(/\+1\.000 exceeds ±0\.500/);
    const missing = get("Table 1 · o1-mini · MedQA Acc. (%)");
    expect(missing).toMatchObject({
      flagged: true,
      reproduced: null,
      reason: "no run of o1-mini × vanilla × medqa in the logs"
    });
    expect(get("Table 1 · o1-mini · Mean Acc. from the logs").flagged).toBe(true);
  });

  it("checks each printed Mean Acc. against its row's printed accuracies (truncation or rounding)", () => {
    const recomputed = rows.filter((r) => r.item.endsWith("recomputed from its printed accuracies"));
    expect(recomputed).toHaveLength(26);
    expect(recomputed.filter((r) => r.flagged).map((r) => r.item.split(" · ")[1])).toEqual([
      "InternLM2.5-Vanilla CoT 7B",
      "InternLM2.5-Vanilla CoT 20B",
      "LLama3.1-Vanilla CoT 70B",
      "Qwen2.5-CoT SFT 32B",
      "Qwen2.5-LongMonolog 32B"
    ]);
    // GPT-4o: (63.77·646 + 77.92·308 + 88.76·1273) / 2227 = (41195.42 + 23999.36 + 112991.48) / 2227 = 80.01179… → 80.01.
    const gpt = find("Table 1 · GPT-4o · Mean Acc. recomputed from its printed accuracies");
    expect(gpt.reproduced).toBeCloseTo(178186.26 / 2227, 10);
    expect(gpt.flagged).toBe(false);
  });

  it("compares the §3.3 gains from the logs and from the printed accuracies", () => {
    const qwen = find(
      "§3.3 · Qwen2.5-72B: LongMonolog gain over Vanilla (points), from Table 1's printed accuracies"
    );
    // (59.28·646 + 76.29·308 + 86.48·1273 − 50.15·646 − 63.63·308 − 74.31·1273) / 2227
    const byHand = (9.13 * 646 + 12.66 * 308 + 12.17 * 1273) / 2227;
    expect(qwen.reproduced).toBeCloseTo(byHand, 10);
    expect(qwen.published).toBe(11.36);
    expect(qwen.flagged).toBe(false);
    expect(
      rows.filter((r) => r.item.startsWith("§3.3") && r.item.includes("gain over Vanilla"))
    ).toHaveLength(24);
    expect(
      find("§3.3 · LLama3.1-70B: Vanilla CoT gain over Vanilla (points), from Table 1's printed accuracies")
        .flagged
    ).toBe(true);
  });

  it("reads the majority-voting points off the 32-sample runs: start, end, peak over 1/4/8/16/32, gains", () => {
    expect(find("§3.3 · Qwen2.5-72B-Vanilla, MedQA: single sample (maj@1) (%)").reproduced).toBeCloseTo(
      74.31,
      10
    );
    expect(
      find("§3.3 · Qwen2.5-72B-Vanilla, MedQA: majority of 32 samples (maj@32) (%)").reproduced
    ).toBeCloseTo(74.63, 10);
    const peak = find("§3.3 · Qwen2.5-72B-Vanilla CoT, MedQA: peak over 1, 4, 8, 16, 32 samples (%)");
    expect(peak.reproduced).toBeCloseTo(80.44, 10); // k = 20 (80.5) is not one of the paper's points
    expect(peak.reason).toMatch(/highest at k = 16 \(over every k = 1…32: 80\.500 at k = 20\)/);
    expect(
      find("§3.3 · Qwen2.5-72B-LongStep, MedQA: gain from majority voting, maj@32 − maj@1 (points)")
        .reproduced
    ).toBeCloseTo(1.26, 10);
    const monolog = find(
      "§3.3 · Qwen2.5-72B-LongMonolog, MedQA: gain from majority voting, maj@32 − maj@1 (points)"
    );
    expect(monolog.reproduced).toBeCloseTo(0.52, 10);
    expect(monolog.flagged).toBe(true);
  });

  it("checks the granularity of every printed accuracy and majority-voting point", () => {
    const granularity = rows.filter((r) => r.item.startsWith("granularity"));
    expect(granularity).toHaveLength(78 + 6);
    expect(granularity.filter((r) => r.flagged).map((r) => r.item)).toEqual([
      "granularity · Table 1 · GPT-4o-Vanilla CoT · Medbullets 81.68",
      "granularity · Table 1 · LLama3.1 8B · JAMA 46.67",
      "granularity · Table 1 · LLama3.1 8B · Medbullets 49.43",
      "granularity · Table 1 · InternLM2.5-Vanilla CoT 20B · Medbullets 46.01"
    ]);
    // 81.68 % of 308: 251/308 = 81.49, 252/308 = 81.82 — neither prints as 81.68.
    expect(find("granularity · Table 1 · GPT-4o-Vanilla CoT · Medbullets 81.68").reproduced).toBeCloseTo(
      (100 * 252) / 308,
      10
    );
    expect(
      find("granularity · §3.3 · Qwen2.5-72B-LongStep MedQA maj@32 implied (84.91 + 1.26) 86.17").flagged
    ).toBe(false);
  });
});

describe("o1journeyFigures", () => {
  const {runs, majAtK} = faithfulInputs(published);
  const cells = table1Cells(runs, majAtK, published);
  const figures = o1journeyFigures(cells, runs, majAtK);

  it("Fig. 2: Mean Acc. per strategy of the three base models with gains over vanilla", () => {
    expect(figures.fig2).toHaveLength(15);
    const mean = (model: string, strategy: string) =>
      cells.find((c) => c.model === model && c.strategy === strategy && c.benchmark === "mean")!
        .reproduced_acc!;
    const row = figures.fig2.find((d) => d.model === "Qwen2.5-32B" && d.strategy === "longstep")!;
    expect(row.gain).toBeCloseTo(mean("Qwen2.5-32B", "longstep") - mean("Qwen2.5-32B", "vanilla"), 12);
    expect(row.published_gain).toBe(5.88);
    expect(figures.fig2.find((d) => d.model === "Qwen2.5-32B" && d.strategy === "vanilla")!.gain).toBe(0);
  });

  it("Fig. 4: CoT benefit of the open models that have both rows, with the published difference", () => {
    expect(new Set(figures.fig4.map((d) => d.model))).toEqual(
      new Set([
        "Qwen2.5-7B",
        "InternLM2.5-7B",
        "InternLM2.5-20B",
        "Qwen2.5-32B",
        "LLama3.1-70B",
        "Qwen2.5-72B"
      ])
    );
    const jama = figures.fig4.find((d) => d.model === "Qwen2.5-7B" && d.benchmark === "jama")!;
    expect(jama.published_gain).toBeCloseTo(40.4 - 42.41, 12);
    expect(jama.gain).toBeCloseTo((100 * (nearest(40.4, 646) - nearest(42.41, 646))) / 646, 12);
    expect(jama.params_b).toBe(7);
  });

  it("Fig. 5: Qwen2.5-72B × three strategies × three benchmarks; Fig. 3 empty without 32-sample runs", () => {
    expect(figures.fig5.map((d) => `${d.strategy}/${d.benchmark}`)).toEqual(
      ["vanilla-cot", "longstep", "longmonolog"].flatMap((s) =>
        ["jama", "medbullets", "medqa"].map((b) => `${s}/${b}`)
      )
    );
    expect(figures.fig5.find((d) => d.strategy === "longmonolog" && d.benchmark === "jama")).toMatchObject({
      tokens: 1076,
      published_tokens: 1076
    });
    expect(figures.fig3).toEqual([]);
  });
});

describe("m1Comparison", () => {
  const point = (budget: number, accuracy: number, mean_tokens = budget / 2) => ({
    budget,
    questions: 100,
    accuracy,
    mean_tokens
  });
  const study = (over: Partial<BudgetStudy>): BudgetStudy => ({
    model: "m",
    task: "t",
    runs: [],
    points: [point(1024, 0.6), point(2048, 0.64), point(4096, 0.66), point(8192, 0.65)],
    optimum: {budget: 4096, accuracy: 0.66},
    missing: 0,
    tokens_missing: 0,
    bootstrap: {
      interval: [2048, 8192],
      distribution: [{budget: 4096, count: 600, share: 0.6}],
      band: [],
      B: 1000,
      seed: 1,
      level: 0.95
    },
    ...over
  });
  const forcing = (c2w: number[], w2c: number[]): ForcingStudy => ({
    model: "m",
    task: "t",
    run_id: "m.forcing",
    rounds: [0, 1, 2].map((round) => ({
      round,
      questions: 100,
      accuracy: 0.6 - 0.01 * round,
      mean_tokens: 100
    })),
    transitions: c2w.map((c, i) => ({
      round: i + 1,
      correct_to_correct: 50,
      correct_to_wrong: c,
      wrong_to_correct: w2c[i],
      wrong_to_wrong: 30,
      net: w2c[i] - c,
      missing_current: [],
      missing_previous: [],
      missing_both: []
    }))
  });

  it("passes a sweep with the optimum at 4096 inside its interval and a decline, and forcing that flips answers", () => {
    const rows = m1Comparison({budget: [study({})], forcing: [forcing([3, 2], [2, 1])]});
    expect(rows.map((r) => r.flagged)).toEqual([false, false, false, false, false]);
    expect(rows[0].reason).toMatch(/interval of the optimum's location \[2048, 8192\]/);
    expect(rows[2].reproduced).toBeCloseTo(-1, 12);
    expect(rows[3].reproduced).toBe(5);
    expect(rows[4].reproduced).toBeCloseTo(-2, 12);
  });

  it("flags an optimum elsewhere, 4096 outside the interval, no decline, and forcing that never breaks an answer", () => {
    const rows = m1Comparison({
      budget: [
        study({
          points: [point(1024, 0.6), point(2048, 0.64), point(4096, 0.65), point(8192, 0.67)],
          optimum: {budget: 8192, accuracy: 0.67},
          bootstrap: {interval: [8192, 8192], distribution: [], band: [], B: 1000, seed: 1, level: 0.95}
        })
      ],
      forcing: [forcing([0, 0], [2, 1])]
    });
    expect(rows.map((r) => r.flagged)).toEqual([true, true, true, true, false]);
    expect(rows[2].reason).toMatch(/no decline/);
  });
});
