import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, afterEach, beforeEach, describe, expect, it} from "vitest";
import type {RawLine, RootInput, RunInput} from "../../../data-loaders/adapters/types.js";
import {queryRows} from "../../../data-loaders/db/queries.js";
import {closeDatabase, type Database, openDatabase, rootIdOf} from "../../../data-loaders/db/schema.js";
import {ingestRoot} from "../../../data-loaders/pipeline/ingest.js";
import {RunScorer} from "../../../src/lib/scoring/score-run.js";
import {validateSample} from "../../../src/lib/scoring/validate-sample.js";
import type {TaskInfo} from "../../../src/lib/types.js";

/*
 * The scoring query (data-loaders/db/scoring.ts) against the TypeScript RunScorer, line by line, on
 * hand-made runs that exercise every rule: a tie whose earliest leader is not alphabetically first,
 * unparsed samples, a missing sample (a hole), budget-forcing rounds (lowest round scored), judged
 * answers (the upstream verdict of the first sample casting the winner), duplicates (with and without a
 * round), a gold that differs from the question's first gold, a cluster that differs from the question's
 * first cluster (absent = null), upstream answers that do or do not agree with the extraction, and lines
 * rejected on their own.
 */

const ABCD = ["A", "B", "C", "D"];
const mcq = (question_id: string, sample: number, response: string | null, gold: string, extra = {}) => ({
  question_id,
  sample,
  response,
  gold,
  choices: ABCD,
  ...extra
});

const TASKS: TaskInfo[] = [
  {name: "t-mcq", benchmark: "b", answer_type: "mcq"},
  {name: "t-judged", benchmark: "b", answer_type: "judged", chance: 0.2},
  {name: "t-bool", benchmark: "b", answer_type: "boolean", chance: 0.5}
];

const RUNS: {run_id: string; task: string; samples: number; lines: unknown[]}[] = [
  {
    run_id: "mcq",
    task: "t-mcq",
    samples: 5,
    lines: [
      // q1: C, B, B, C, unparsed → B and C tie at 2; C voted first (sample 0) → C wins, although B < C.
      mcq("q1", 0, "Answer: C", "B", {output_tokens: 5}),
      mcq("q1", 1, "The answer is B.", "B", {output_tokens: 7}),
      mcq("q1", 2, "Answer: B", "B"),
      mcq("q1", 3, "Answer: C", "B", {output_tokens: 9}),
      mcq("q1", 4, "I cannot tell.", "B"),
      // q2: round 1 (budget forcing) listed first; round 0 decides the run's accuracy.
      mcq("q2", 0, "Answer: A", "A", {round: 1}),
      mcq("q2", 0, "Answer: D", "A", {round: 0}),
      mcq("q2", 1, "Answer: A", "A", {round: 0}),
      mcq("q2", 2, "Answer: D", "A"), // round null = round 0, sample 2
      mcq("q2", 2, "Answer: A", "A", {round: 0}), // duplicate of the line above (round given)
      mcq("q2", 0, "Answer: B", "A", {round: 1}), // duplicate in round 1
      // q3: gold changes (rejected), then a duplicate of the rejected line's sample is accepted.
      mcq("q3", 0, "Answer: A", "C"),
      mcq("q3", 1, "Answer: C", "D"),
      mcq("q3", 1, "Answer: C", "C"),
      mcq("q3", 3, "Answer: C", "(c)"), // sample 2 missing: a hole that does not vote
      // q4: everything unparsed; one upstream answer null, one upstream answer disagreeing with extraction.
      mcq("q4", 0, "No idea.", "D"),
      mcq("q4", 1, "Answer: B", "D", {answer: null}),
      mcq("q4", 2, "Answer: B", "D", {answer: "D"}), // upstream votes D; extraction says B
      mcq("q4", 3, "Answer: D", "D", {answer: "(d)"}), // agrees
      // rejected on their own
      mcq("q5", 5, "Answer: A", "A"),
      mcq("q5", 0, "Answer: A", "E"),
      mcq("q5", 0, "Answer: A", "Z"),
      {question_id: "q5", sample: 0, gold: "A"},
      "not an object"
    ]
  },
  {
    run_id: "judged",
    task: "t-judged",
    samples: 4,
    lines: [
      // x, y, y, x: tie, x first → x; verdict of sample 0 (x) is 1 → correct although sample 3's is 0.
      {question_id: "j1", sample: 0, response: "…", answer: "fever", gold: "fever", upstream_correct: 1},
      {question_id: "j1", sample: 1, response: "…", answer: "cough", gold: "fever", upstream_correct: 0},
      {question_id: "j1", sample: 2, response: "…", answer: " cough ", gold: "fever", upstream_correct: 0},
      {question_id: "j1", sample: 3, response: "…", answer: "fever", gold: "fever", upstream_correct: 0},
      // winner "rash" first cast by sample 1 with verdict 0.5 (< 1) → wrong
      {question_id: "j2", sample: 0, response: null, answer: null, gold: "rash", upstream_correct: 1},
      {question_id: "j2", sample: 1, response: null, answer: "rash", gold: "rash", upstream_correct: 0.5},
      {question_id: "j2", sample: 2, response: null, answer: "rash", gold: "rash", upstream_correct: 1}
    ]
  },
  {
    run_id: "bool",
    task: "t-bool",
    samples: 2,
    lines: [
      {question_id: "s1", sample: 0, response: "The statement is true.", gold: "True"},
      {question_id: "s1", sample: 1, response: "False.", gold: "true", output_tokens: 3},
      {question_id: "s2", sample: 0, response: "Maybe.", gold: "false"},
      {question_id: "s2", sample: 1, response: null, answer: "FALSE", gold: "false", upstream_correct: true}
    ]
  },
  {
    run_id: "cluster",
    task: "t-mcq",
    samples: 3,
    lines: [
      // c1 in cluster "a": another cluster, then no cluster (null), are rejected; a line repeating a
      // rejected line's sample is then accepted; round 1 keeps the question's cluster.
      mcq("c1", 0, "Answer: A", "A", {cluster: "a"}),
      mcq("c1", 1, "Answer: B", "A", {cluster: "b"}),
      mcq("c1", 2, "Answer: A", "A"),
      mcq("c1", 1, "Answer: A", "A", {cluster: "a"}),
      mcq("c1", 0, "Answer: C", "A", {cluster: "a", round: 1}),
      mcq("c1", 0, "Answer: D", "A", {cluster: "b", round: 1}),
      // gold and cluster both differ: the gold is reported
      mcq("c1", 2, "Answer: A", "B", {cluster: "b"}),
      // c2 without a cluster (null given explicitly, then absent): a cluster given later is rejected
      mcq("c2", 0, "Answer: B", "B", {cluster: null}),
      mcq("c2", 1, "Answer: B", "B"),
      mcq("c2", 2, "Answer: B", "B", {cluster: "a"}),
      // c3: the first line is rejected on its own (empty cluster), so the next line's cluster is first
      mcq("c3", 0, "Answer: C", "C", {cluster: ""}),
      mcq("c3", 0, "Answer: C", "C", {cluster: "b"}),
      mcq("c3", 1, "Answer: C", "C", {cluster: 3})
    ]
  },
  {
    run_id: "choices",
    task: "t-mcq",
    samples: 2,
    lines: [
      // m1: the first line lists no choices, the next four: the question's chance is its first line's (none),
      // so the run has no chance; m2: four choices, then none: 1/4
      {question_id: "m1", sample: 0, response: "Answer: A", gold: "A", choices: null},
      mcq("m1", 1, "Answer: A", "A"),
      mcq("m2", 0, "Answer: B", "A"),
      {question_id: "m2", sample: 1, response: "Answer: B", gold: "A", choices: null}
    ]
  },
  {
    // samples listed out of order: votes keep them in sample order, however the file lists them
    run_id: "order",
    task: "t-mcq",
    samples: 4,
    lines: [
      // neither the answers nor the tokens follow the sample order, so a sort on either would show
      mcq("o1", 2, "Answer: B", "A", {output_tokens: 10}),
      mcq("o1", 0, "Answer: B", "A", {output_tokens: 40}),
      mcq("o1", 3, "No idea.", "A", {output_tokens: 20}),
      mcq("o1", 1, "Answer: A", "A", {output_tokens: 30})
    ]
  }
];

function runInput(spec: (typeof RUNS)[number]): RunInput {
  return {
    run: {run_id: spec.run_id, model: "m", task: spec.task, samples: spec.samples},
    source: `runs/${spec.run_id}/samples.jsonl`,
    key: spec.run_id,
    async *lines(): AsyncIterable<RawLine> {
      for (const [i, value] of spec.lines.entries()) yield {line: i + 1, value};
    }
  };
}

/** What the TypeScript scorer makes of a run: votes, totals, and each line's rejection reason. */
function reference(spec: (typeof RUNS)[number]) {
  const task = TASKS.find((t) => t.name === spec.task)!;
  const scorer = new RunScorer({answerType: task.answer_type, samples: spec.samples, chance: task.chance});
  const rejects: {line: number; reason: string}[] = [];
  for (const [i, value] of spec.lines.entries()) {
    const validated = validateSample(value, spec.samples);
    const scored = validated.record ? scorer.add(validated.record) : {reason: validated.reason!};
    if ("reason" in scored) rejects.push({line: i + 1, reason: scored.reason});
  }
  return {...scorer.finish(), rejects};
}

const work = mkdtempSync(join(tmpdir(), "medscale-scoring-"));
const input: RootInput = {
  format: "canonical",
  location: "hand-made",
  models: [{name: "m"}] as RootInput["models"],
  tasks: TASKS,
  runs: RUNS.map(runInput),
  rejects: [],
  files: []
};
let db: Database;

let n = 0;
// The ingest runs in beforeEach, into a fresh database: it runs as part of each test, so Stryker counts the
// scoring code as covered by each test (code reached from a beforeAll counts as static, and is ignored).
beforeEach(async () => {
  db = await openDatabase(join(work, `scoring-${n++}.duckdb`));
  await ingestRoot(db.connection, input);
});
afterEach(() => closeDatabase(db));
afterAll(() => rmSync(work, {recursive: true, force: true}));

interface VoteRow {
  question_id: string;
  round: number;
  gold: string;
  prediction: string | null;
  correct: boolean;
  tie: boolean;
  unparsed: number;
  answers: string;
  chance: number | null;
  cluster: string | null;
}

const votesOf = (runId: string) =>
  queryRows<VoteRow>(
    db.connection,
    `SELECT question_id, round, gold, prediction, correct, tie, unparsed, answers, chance, cluster FROM votes
     WHERE root_id = $1 AND run_id = $2 ORDER BY question_id, round`,
    [rootIdOf(input), runId]
  );

describe("scoring query: agrees with the TypeScript RunScorer", () => {
  for (const spec of RUNS) {
    it(`run ${spec.run_id}: the same votes, line by line rejections and totals`, async () => {
      const ref = reference(spec);
      const expectedVotes = ref.votes
        .map((v) => ({
          question_id: v.question_id,
          round: v.round,
          gold: v.gold,
          prediction: v.prediction,
          correct: v.correct,
          tie: v.tie,
          unparsed: v.unparsed,
          answers: JSON.stringify(v.answers),
          chance: Number.isFinite(v.chance) ? v.chance : null,
          cluster: v.cluster ?? null
        }))
        .sort((a, b) =>
          a.question_id < b.question_id ? -1 : a.question_id > b.question_id ? 1 : a.round - b.round
        );
      expect(await votesOf(spec.run_id)).toEqual(expectedVotes);
      const rejects = await queryRows<{line: number; reason: string}>(
        db.connection,
        "SELECT line, reason FROM rejects WHERE root_id = $1 AND run_id = $2 ORDER BY line",
        [rootIdOf(input), spec.run_id]
      );
      expect(rejects).toEqual(ref.rejects);
      const [run] = await queryRows<Record<string, unknown>>(
        db.connection,
        `SELECT questions, samples, accuracy, chance, normalized, unparsed, ties, mean_output_tokens, lines_read,
                lines_accepted, lines_rejected FROM runs WHERE root_id = $1 AND run_id = $2`,
        [rootIdOf(input), spec.run_id]
      );
      const t = ref.totals;
      expect(run).toEqual({
        questions: t.questions,
        samples: t.samples,
        accuracy: t.accuracy,
        chance: t.chance,
        normalized: t.normalized,
        unparsed: t.unparsed,
        ties: t.ties,
        mean_output_tokens: t.mean_output_tokens,
        lines_read: spec.lines.length,
        lines_accepted: t.samples,
        lines_rejected: ref.rejects.length
      });
    });
  }
});

describe("scoring query: hand-checked values", () => {
  it("a tie goes to the answer voted first (C at sample 0), not the alphabetically first (B)", async () => {
    const q1 = (await votesOf("mcq")).find((v) => v.question_id === "q1")!;
    expect(q1).toMatchObject({prediction: "C", tie: true, correct: false, unparsed: 1});
    expect(JSON.parse(q1.answers)).toEqual(["C", "B", "B", "C", null]);
  });

  it("a question's answers and output tokens are kept in sample order, not in the file's", async () => {
    const [o1] = await queryRows<{answers: string; tokens: number[]; prediction: string; tie: boolean}>(
      db.connection,
      "SELECT answers, tokens, prediction, tie FROM votes WHERE root_id = $1 AND run_id = 'order'",
      [rootIdOf(input)]
    );
    expect(o1).toEqual({
      answers: '["B","A","B",null]',
      tokens: [40, 30, 10, 20],
      prediction: "B",
      tie: false
    });
  });

  it("rounds vote apart; a missing sample is a hole, not an unparsed vote", async () => {
    const votes = await votesOf("mcq");
    // round 0: D (s0), A (s1), D (s2, round null); round 1: A (s0), its duplicate rejected
    expect(votes.filter((v) => v.question_id === "q2").map((v) => [v.round, v.prediction, v.tie])).toEqual([
      [0, "D", false],
      [1, "A", false]
    ]);
    const q3 = votes.find((v) => v.question_id === "q3")!;
    expect(JSON.parse(q3.answers)).toEqual(["A", "C", null, "C"]);
    expect(q3).toMatchObject({prediction: "C", unparsed: 0, correct: true});
  });

  it("a question keeps its first accepted line's cluster; other clusters are rejected with it quoted", async () => {
    const votes = await votesOf("cluster");
    expect(votes.map((v) => [v.question_id, v.round, v.cluster, v.answers])).toEqual([
      ["c1", 0, "a", '["A","A"]'],
      ["c1", 1, "a", '["C"]'],
      ["c2", 0, null, '["B","B"]'],
      ["c3", 0, "b", '["C"]']
    ]);
    const rejects = await queryRows<{line: number; reason: string}>(
      db.connection,
      "SELECT line, reason FROM rejects WHERE root_id = $1 AND run_id = 'cluster' ORDER BY line",
      [rootIdOf(input)]
    );
    expect(rejects).toEqual([
      {line: 2, reason: `cluster "b" differs from the question's first cluster "a"`},
      {line: 3, reason: `cluster null differs from the question's first cluster "a"`},
      {line: 6, reason: `cluster "b" differs from the question's first cluster "a"`},
      {line: 7, reason: `gold "B" differs from the question's first gold "A"`},
      {line: 10, reason: `cluster "a" differs from the question's first cluster null`},
      {line: 11, reason: "cluster is not a non-empty string"},
      {line: 13, reason: "cluster is not a non-empty string"}
    ]);
  });

  it("judged: the verdict of the first sample casting the winner decides", async () => {
    const votes = await votesOf("judged");
    expect(votes.map((v) => [v.question_id, v.prediction, v.tie, v.correct])).toEqual([
      ["j1", "fever", true, true],
      ["j2", "rash", false, false]
    ]);
  });
});
