import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, describe, expect, it} from "vitest";
import {analyzeRoot} from "../../../data-loaders/pipeline/analyze.js";
import {majAtKFromQuestions, majAtKRows, type MajAtKRow} from "../../../data-loaders/pipeline/maj-at-k.js";
import {randomInt, seededRandom} from "../../../src/lib/stats/random.js";

/** Reward of one subset by the definition: plurality, nulls do not vote, gold among t leaders → 1/t. */
function subsetReward(subset: readonly (string | null)[], gold: string): number {
  const counts = new Map<string, number>();
  for (const a of subset) if (a !== null) counts.set(a, (counts.get(a) ?? 0) + 1);
  if (counts.size === 0) return 0;
  const top = Math.max(...counts.values());
  const leaders = [...counts].filter(([, c]) => c === top).map(([a]) => a);
  return leaders.includes(gold) ? 1 / leaders.length : 0;
}

/** maj@k and expected tokens of one question by enumerating every k-subset (bitmasks). */
function bruteForce(
  answers: readonly (string | null)[],
  gold: string,
  tokens: readonly (number | null)[],
  k: number
) {
  const n = answers.length;
  const known = tokens.filter((t): t is number => t !== null);
  // Unknown counts cost the mean of the known ones (the documented rule).
  const filled = tokens.map((t) => (t === null ? known.reduce((a, b) => a + b, 0) / known.length : t));
  let reward = 0;
  let spent = 0;
  let subsets = 0;
  for (let mask = 0; mask < 1 << n; mask++) {
    const chosen = answers.map((_, i) => i).filter((i) => mask & (1 << i));
    if (chosen.length !== k) continue;
    reward += subsetReward(
      chosen.map((i) => answers[i]),
      gold
    );
    spent += chosen.reduce((s, i) => s + filled[i], 0);
    subsets++;
  }
  return {accuracy: reward / subsets, tokens: known.length === 0 ? null : spent / subsets};
}

/** The expected rows of one run, from brute force over its questions. */
function expectedRows(
  runId: string,
  questions: {answers: (string | null)[]; gold: string; tokens: (number | null)[]}[]
): MajAtKRow[] {
  const maxN = Math.max(...questions.map((q) => q.answers.length));
  const rows: MajAtKRow[] = [];
  for (let k = 1; k <= maxN; k++) {
    const eligible = questions.filter((q) => q.answers.length >= k);
    const results = eligible.map((q) => bruteForce(q.answers, q.gold, q.tokens, k));
    const withTokens = results.filter((r) => r.tokens !== null);
    rows.push({
      run_id: runId,
      k,
      accuracy: results.reduce((s, r) => s + r.accuracy, 0) / results.length,
      mean_output_tokens:
        withTokens.length === 0 ? null : withTokens.reduce((s, r) => s + r.tokens!, 0) / withTokens.length,
      questions: eligible.length
    });
  }
  return rows;
}

function expectRowsClose(actual: MajAtKRow[], expected: MajAtKRow[]): void {
  expect(actual.map((r) => [r.run_id, r.k, r.questions])).toEqual(
    expected.map((r) => [r.run_id, r.k, r.questions])
  );
  actual.forEach((row, i) => {
    expect(row.accuracy, `${row.run_id} k=${row.k}`).toBeCloseTo(expected[i].accuracy, 12);
    if (expected[i].mean_output_tokens === null) expect(row.mean_output_tokens).toBeNull();
    else
      expect(row.mean_output_tokens!, `${row.run_id} k=${row.k} tokens`).toBeCloseTo(
        expected[i].mean_output_tokens!,
        9
      );
  });
}

describe("majAtKFromQuestions", () => {
  it("matches brute force on 300 seeded random runs (n ≤ 8, ties, nulls, unequal n, missing tokens)", () => {
    const random = seededRandom(4);
    for (let trial = 0; trial < 300; trial++) {
      const letters = ["A", "B", "C", "D"].slice(0, 1 + randomInt(random, 4));
      const questions = Array.from({length: 1 + randomInt(random, 4)}, () => {
        const n = 1 + randomInt(random, 8);
        const answers = Array.from({length: n}, () =>
          random() < 0.15 ? null : letters[randomInt(random, letters.length)]
        );
        const tokens = answers.map(() => (random() < 0.1 ? null : randomInt(random, 500)));
        return {answers, gold: letters[randomInt(random, letters.length)], tokens};
      });
      const actual = majAtKFromQuestions(
        questions.map((q, i) => ({run_id: `r${trial}`, question_id: `q${i}`, ...q}))
      );
      expectRowsClose(actual, expectedRows(`r${trial}`, questions));
    }
  });

  it("gives a hand-computed example and null tokens for a run without counts", () => {
    const rows = majAtKFromQuestions([
      {run_id: "r", question_id: "q", gold: "A", answers: ["A", "B", null], tokens: [10, 20, 30]},
      {run_id: "s", question_id: "q", gold: "A", answers: ["A", "A"], tokens: null}
    ]);
    expect(rows).toEqual([
      {run_id: "r", k: 1, accuracy: 1 / 3, mean_output_tokens: 20, questions: 1},
      // {A,B} tie → 1/2, {A,null} → 1, {B,null} → 0
      {run_id: "r", k: 2, accuracy: 1 / 2, mean_output_tokens: 40, questions: 1},
      {run_id: "r", k: 3, accuracy: 1 / 2, mean_output_tokens: 60, questions: 1},
      {run_id: "s", k: 1, accuracy: 1, mean_output_tokens: null, questions: 1},
      {run_id: "s", k: 2, accuracy: 1, mean_output_tokens: null, questions: 1}
    ]);
  });
});

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
