import {mkdtemp} from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import {describe, expect, it} from "vitest";
import {medAgentsBenchStudy} from "../../../../data-loaders/studies/real-logs/medagentsbench.js";
import {openRoot} from "../../../../data-loaders/source/index.js";
import {realSet, tempTree} from "../../adapters/helpers.js";
import {provenance, study} from "./helpers.js";

describe("medAgentsBenchStudy on a hand-made root", () => {
  const Q = (i: number) => `Question number ${i}: which option is right?`;
  const options = {A: "a", B: "b", C: "c", D: "d"};
  const record = (realidx: number, gold: string, extra: Record<string, unknown>) => ({
    realidx,
    question: Q(realidx),
    options,
    answer_idx: gold,
    ...extra
  });
  const files = {
    "data/medqa/test_hard.jsonl": [1, 2, 3, 4]
      .map((i) => JSON.stringify({realidx: i, question: Q(i), options, answer_idx: "ABAD"[i - 1]}))
      .join("\n"),
    // Votes by hand: q1 unanimous A; q2 B,C tie 2–2, the earlier first vote (B) wins; q3 A wins 3–2.
    "output/medqa/M-medqa-test_hard-cot_sc-5.json": JSON.stringify([
      record(1, "A", {
        solutions: ["A", "A", "A", "A", "A"],
        predicted_answer: "A",
        token_usage: {completion_tokens: 500}
      }),
      record(2, "B", {
        solutions: ["B", "C", "B", "C", "D"],
        predicted_answer: "C",
        token_usage: {completion_tokens: 250}
      }),
      record(3, "A", {
        solutions: ["D", "A", "D", "A", "A"],
        predicted_answer: "D",
        token_usage: {completion_tokens: 1000}
      })
    ]),
    // Extraction by hand: q1 agrees; q2 the think block says B, the answer after it C (logged B); q3 no letter in
    // the text (logged A); q4 the log has no answer, the text says D.
    "output/medqa/M-medqa-test_hard-zero_shot.json": JSON.stringify([
      record(1, "A", {completion: "Answer: A", predicted_answer: "A", token_usage: {completion_tokens: 3}}),
      record(2, "B", {
        completion: "<think>So the answer is B.</think>\n\nThe answer is C.",
        predicted_answer: "B",
        token_usage: {completion_tokens: 20}
      }),
      record(3, "A", {
        completion: "I cannot answer without the image.",
        predicted_answer: "A",
        token_usage: {completion_tokens: 8}
      }),
      record(4, "D", {completion: "Answer: D", predicted_answer: "", token_usage: {completion_tokens: 4}})
    ])
  };

  it("computes intervals, tokens per question, vote agreement and extraction agreement", async () => {
    const dir = await tempTree(files);
    const root = await openRoot(dir, {cacheDir: await mkdtemp(path.join(os.tmpdir(), "medscale-cache-"))});
    const s = await study(dir, "medagentsbench", (c, a) =>
      medAgentsBenchStudy(c, a, provenance("mab"), root)
    );

    expect(s.models).toEqual([{name: "M", reasoning: false}]);
    expect(s.runs.map((r) => `${r.run_id}:${r.view}`)).toEqual([
      "M.medqa.test_hard.cot_sc-5:samples",
      "M.medqa.test_hard.cot_sc-5.logged:logged",
      "M.medqa.test_hard.zero_shot:logged"
    ]);
    const [vote, logged, zero] = s.runs;
    // Wilson bounds: bc -l roots of the score equation (see test/lib/stats/wilson.test.ts).
    expect([vote.correct, vote.questions]).toEqual([3, 3]);
    expect(vote.lower).toBeCloseTo(0.438502968244955, 12);
    expect(vote.upper).toBe(1);
    expect([logged.correct, logged.questions]).toEqual([1, 3]);
    expect(logged.lower).toBeCloseTo(0.061491944720396, 12);
    expect(logged.upper).toBeCloseTo(0.792340399197952, 12);
    expect([zero.correct, zero.questions]).toEqual([3, 4]);
    expect(zero.lower).toBeCloseTo(0.300641842582402, 12);
    expect(zero.upper).toBeCloseTo(0.954412739190299, 12);
    // Tokens per question: (500 + 250 + 1000) / 3 in both views (the samples view splits each count evenly);
    // zero-shot (3 + 20 + 8 + 4) / 4.
    expect(vote.tokens_per_question).toBeCloseTo(1750 / 3, 9);
    expect(logged.tokens_per_question).toBeCloseTo(1750 / 3, 9);
    expect(zero.tokens_per_question).toBeCloseTo(35 / 4, 9);
    expect(vote.n).toBe(5);

    expect(s.votes).toHaveLength(1);
    const v = s.votes[0];
    expect(v.logged_run_id).toBe("M.medqa.test_hard.cot_sc-5.logged");
    expect(v.agreement).toEqual([
      {k: 0, questions: 0, correct: 0},
      {k: 1, questions: 0, correct: 0},
      {k: 2, questions: 1, correct: 1},
      {k: 3, questions: 1, correct: 1},
      {k: 4, questions: 0, correct: 0},
      {k: 5, questions: 1, correct: 1}
    ]);
    // q2: logged C ≠ vote B, but C is a plurality leader; q3: logged D ≠ vote A, D (2) < A (3).
    expect(v.logged_differs).toBe(2);
    expect(v.logged_not_leader).toBe(1);

    expect(s.extraction.runs).toEqual([
      {
        run_id: "M.medqa.test_hard.zero_shot",
        model: "M",
        task: "medqa.test_hard",
        method: "zero_shot",
        compared: 4,
        agreed: 1,
        extractor_none: 1,
        logged_none: 1,
        different: 1
      }
    ]);
    expect(
      s.extraction.disagreements.map((d) => [d.question_id, d.logged, d.extracted, d.gold, d.question])
    ).toEqual([
      ["2", "B", "C", "B", Q(2)],
      ["3", "A", null, "A", Q(3)],
      ["4", null, "D", "D", Q(4)]
    ]);
    expect(s.extraction.disagreements[0].response_end).toBe(
      "<think>So the answer is B.</think>\n\nThe answer is C."
    );
    expect(s.lines).toEqual({read: 3 * 5 + 3 + 4, accepted: 22, rejected: 0});
  });
});

describe("medAgentsBenchStudy on the real set (../shared/real-logs/medagentsbench)", () => {
  const mab = realSet("medagentsbench");
  it.skipIf(!mab)(
    "MedAgentsBench: 11 models, every logged accuracy and token mean as the files say",
    async () => {
      const root = await openRoot(mab as string, {
        cacheDir: await mkdtemp(path.join(os.tmpdir(), "medscale-cache-"))
      });
      // reported_mean_completion_tokens: the adapter's per-file mean, read from each file's records, not the database.
      const reportedTokens = new Map<string, number>();
      const s = await study(mab as string, "medagentsbench", async (c, a) => {
        const runs = await c.runAndReadAll("SELECT run_id, run_json FROM runs WHERE root_id = $1", [
          a.ingest.rootId
        ]);
        for (const r of runs.getRowObjectsJS()) {
          const info = JSON.parse(r.run_json as string) as {reported_mean_completion_tokens?: number | null};
          if (typeof info.reported_mean_completion_tokens === "number")
            reportedTokens.set(r.run_id as string, info.reported_mean_completion_tokens);
        }
        return medAgentsBenchStudy(c, a, provenance("medagentsbench"), root);
      });
      expect(s.models).toHaveLength(11);
      expect(s.models.filter((m) => m.reasoning).map((m) => m.name)).toEqual([
        "DeepSeek-R1",
        "o1-mini",
        "o3-mini",
        "QwQ-32B",
        "QwQ-32B-Preview"
      ]);
      expect(s.runs).toHaveLength(101);
      expect(s.runs.filter((r) => r.view === "samples")).toHaveLength(8);
      for (const r of s.runs) {
        expect(r.lower).toBeLessThanOrEqual(r.accuracy);
        expect(r.upper).toBeGreaterThanOrEqual(r.accuracy);
        if (r.view !== "logged") continue;
        // reported_*: read by the adapter straight from each file's records, not from the database.
        expect(r.accuracy, r.run_id).toBeCloseTo(r.reported_accuracy as number, 12);
        const run = s.runs.find((x) => x.run_id === r.run_id);
        expect(run?.correct).toBe(Math.round((r.reported_accuracy as number) * r.questions));
      }
      // The adapter's per-file token mean (over records with token_usage) against the database's per-question sums.
      let checked = 0;
      for (const r of s.runs) {
        const expected = reportedTokens.get(r.run_id);
        if (expected === undefined) expect(r.tokens_per_question, r.run_id).toBeNull();
        else {
          expect(r.tokens_per_question, r.run_id).toBeCloseTo(expected, 6);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(80);

      // cot_sc-5: the logged answer is not a plurality leader in 0, 7, 1 and 8 questions (docs/importers.md, from
      // independent Python reads of the files).
      const notLeader = Object.fromEntries(
        s.votes.filter((v) => v.method === "cot_sc-5").map((v) => [v.run_id, v.logged_not_leader])
      );
      expect(notLeader).toEqual({
        "gpt-4o.medqa.test_hard.cot_sc-5": 0,
        "gpt-4o-mini.medqa.test_hard.cot_sc-5": 7,
        "gpt-4o.medbullets.test_hard.cot_sc-5": 1,
        "gpt-4o-mini.medbullets.test_hard.cot_sc-5": 8
      });
      for (const v of s.votes) {
        expect(v.agreement.reduce((a, b) => a + b.questions, 0)).toBe(v.questions);
        const run = s.runs.find((r) => r.run_id === v.run_id);
        expect(v.agreement.reduce((a, b) => a + b.correct, 0)).toBe(run?.correct);
      }
      // Extraction: categories add up, and the disagreements are exactly the non-agreeing samples.
      const ex = s.extraction;
      for (const r of ex.runs)
        expect(r.agreed + r.extractor_none + r.logged_none + r.different).toBe(r.compared);
      const sum = (k: "compared" | "agreed") => ex.runs.reduce((a, r) => a + r[k], 0);
      expect(ex.disagreements).toHaveLength(sum("compared") - sum("agreed"));
      expect(ex.disagreements.every((d) => d.question !== null)).toBe(true);
    }
  );
});
