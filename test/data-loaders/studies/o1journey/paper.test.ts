import {describe, expect, it} from "vitest";
import {o1journeyComparison} from "../../../../data-loaders/studies/o1journey/paper.js";
import {readPublishedTable1} from "../../../../data-loaders/studies/o1journey/reference/table1.js";
import {faithfulInputs, run} from "./helpers.js";

const published = readPublishedTable1();

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
