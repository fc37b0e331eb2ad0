import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, describe, expect, it} from "vitest";
import {analyzeRoot} from "../../../data-loaders/pipeline/analyze.js";
import {majAtKRows} from "../../../data-loaders/pipeline/maj-at-k.js";
import type {MajAtKRow} from "../../../src/lib/inference/maj-at-k-rows.js";
import {expectedRows, expectRowsClose} from "../../support/maj-at-k-brute-force.js";

describe("majAtKRows on a hand-made root", async () => {
  const work = mkdtempSync(join(tmpdir(), "medscale-majk-"));
  afterAll(() => rmSync(work, {recursive: true, force: true}));
  const root = join(work, "root");
  const CHOICES = ["A", "B", "C", "D"];
  const say = (a: string | null) => (a === null ? "No idea which one fits." : `The answer is (${a}).`);
  interface Line {
    q: string;
    s: number;
    a: string | null;
    t?: number | null;
    round?: number;
    gold: string;
  }
  // r5: five samples, ties, unparsed, a question with only three samples, one whose sample 2 is missing
  // (a hole: ingest stores it as null), one with forcing rounds (round 0 must be used).
  const r5: Line[] = [
    ...["A", "A", "B", "B", "C"].map((a, s) => ({q: "q1", s, a, t: 10 * (s + 1), gold: "A"})),
    ...["B", null, "A", "B", null].map((a, s) => ({q: "q2", s, a, t: 5, gold: "A"})),
    ...["C", "C", "C"].map((a, s) => ({q: "q3", s, a, t: s === 1 ? null : 7, gold: "C"})),
    ...[0, 1, 3, 4].map((s, i) => ({q: "q4", s, a: ["D", "A", "D", "D"][i], t: 3, gold: "D"})),
    ...["A", "B", "B", "A", "A"].map((a, s) => ({q: "q5", s, a, t: 100, round: 0, gold: "B"})),
    ...["B", "B", "B", "B", "B"].map((a, s) => ({q: "q5", s, a, t: 900, round: 1, gold: "B"}))
  ];
  // r1: one sample, no token counts; q9 appears only at round 2 (its lowest round).
  const r1: Line[] = [
    {q: "q1", s: 0, a: "A", t: null, gold: "A"},
    {q: "q2", s: 0, a: null, t: null, gold: "B"},
    {q: "q9", s: 0, a: "C", t: null, round: 2, gold: "C"}
  ];
  const write = (runId: string, samples: number, lines: Line[]) => {
    mkdirSync(join(root, "runs", runId), {recursive: true});
    writeFileSync(
      join(root, "runs", runId, "run.json"),
      JSON.stringify({run_id: runId, model: "m", task: "t", samples})
    );
    writeFileSync(
      join(root, "runs", runId, "samples.jsonl"),
      lines
        .map((l) =>
          JSON.stringify({
            question_id: l.q,
            sample: l.s,
            response: say(l.a),
            gold: l.gold,
            choices: CHOICES,
            ...(l.t === undefined ? {} : {output_tokens: l.t}),
            ...(l.round === undefined ? {} : {round: l.round})
          })
        )
        .join("\n") + "\n"
    );
  };
  mkdirSync(root, {recursive: true});
  writeFileSync(
    join(root, "models.json"),
    JSON.stringify([{name: "m", family: "f", params_b: 1, train_tokens_t: null}])
  );
  writeFileSync(join(root, "tasks.json"), JSON.stringify([{name: "t", benchmark: "b", answer_type: "mcq"}]));
  write("r5", 5, r5);
  write("r1", 1, r1);

  let rows: MajAtKRow[] = [];
  await analyzeRoot(root, {database: join(work, "db.duckdb")}, async (connection, analysis) => {
    rows = await majAtKRows(connection, analysis.ingest.rootId);
  });

  /** The questions as the definition sees them, built from the fixture lines (not from the database). */
  const questionsOf = (lines: Line[]) => {
    const ids = [...new Set(lines.map((l) => l.q))].sort();
    return ids.map((q) => {
      const mine = lines.filter((l) => l.q === q);
      const round = Math.min(...mine.map((l) => l.round ?? 0));
      const at = mine.filter((l) => (l.round ?? 0) === round);
      const n = Math.max(...at.map((l) => l.s)) + 1;
      const answers: (string | null)[] = Array.from({length: n}, () => null);
      // A missing sample has no count: like an unknown count, it costs the mean of the known ones.
      const tokens: (number | null)[] = Array.from({length: n}, () => null);
      for (const l of at) {
        answers[l.s] = l.a;
        tokens[l.s] = l.t ?? null;
      }
      return {answers, gold: mine[0].gold, tokens};
    });
  };

  it("equals brute-force enumeration of every k-subset, per run and k", () => {
    const expected = [...expectedRows("r1", questionsOf(r1)), ...expectedRows("r5", questionsOf(r5))];
    expectRowsClose(rows, expected);
    // Spot values by hand: r5 at k = 5 averages q1 (A 2, B 2 → tie 1/2), q2 (B 2 vs A 1 → 0), q4 (D 3 → 1),
    // q5 round 0 (A 3 vs B 2 → 0); q3 has only 3 samples and is not averaged at k = 5.
    const k5 = rows.find((r) => r.run_id === "r5" && r.k === 5)!;
    expect(k5.questions).toBe(4);
    expect(k5.accuracy).toBeCloseTo((0.5 + 0 + 1 + 0) / 4, 12);
    expect(rows.filter((r) => r.run_id === "r1").map((r) => r.mean_output_tokens)).toEqual([null]);
    expect(rows.find((r) => r.run_id === "r1")!.accuracy).toBeCloseTo(2 / 3, 12);
  });
});
