import {describe, expect, it} from "vitest";
import {diffOutputs, type OutputSet, type StudyOutputs} from "../../../data-loaders/pipeline/diff.js";

/*
 * diffOutputs on hand-made output sets: every number below is chosen so the relative change
 * |new − old| / max(|old|, |new|) is easy to check by hand.
 */

const set = (outputs: StudyOutputs): OutputSet => ({studies: {"": outputs}});
/** A fit whose points use `runIds` (one point per run, the rest of the point left out). */
const fit = (id: string, runIds: string[], values: Record<string, unknown>) =>
  ({
    id,
    points: runIds.map((run_id) => ({tasks: [{task: "t", run_id, normalized: 0}]})),
    ...values
  }) as unknown as NonNullable<StudyOutputs["fits"]>[number];
const verdict = (item: string, reproduced: number | string | null, flagged: boolean, extra = {}) => ({
  paper: "MedResEval" as const,
  item,
  published: 1,
  reproduced,
  tolerance: 0.1,
  flagged,
  reason: "",
  ...extra
});

const OLD: StudyOutputs = {
  runs: [
    {run_id: "a", accuracy: 0.5, accuracy_ci: [0.4, 0.6], mean_output_tokens: 100, questions: 10},
    {run_id: "b", accuracy: 0.8, accuracy_ci: [0.7, 0.9], mean_output_tokens: 200, questions: 10},
    {run_id: "c", accuracy: 0.3, accuracy_ci: [0.2, 0.4], mean_output_tokens: null, questions: 10}
  ],
  fits: [
    fit("g.~7B", ["a", "c"], {alpha: 0.2, r2: 0.9, intervals: {alpha: {lower: 0.1, upper: 0.3}}}),
    fit("h.~7B", ["b"], {alpha: 0.4, r2: 0.8, intervals: null})
  ],
  comparison: [
    verdict("claim 1", 1.0, false, {run_ids: ["a"]}),
    verdict("claim 2", 2.0, false, {fit: "h.~7B"}),
    verdict("claim 3", "yes", false)
  ],
  comparisons: [
    {run_a: "a", run_b: "b", p_adjusted: 0.04},
    {run_a: "a", run_b: "c", p_adjusted: 0.5}
  ],
  passAtK: [{run_id: "a", k: 1, pass_at_k: 0.5, g_pass_at_k: {"0.5": 0.5, "1": 0.5}}]
};

describe("diffOutputs", () => {
  it("finds nothing when an output is compared with itself", () => {
    expect(diffOutputs(set(OLD), set(OLD))).toEqual({changes: [], runs: [], notes: []});
  });

  it("orders by relative change, largest first, each with old, new, Δ and the changed runs behind it", () => {
    const now: StudyOutputs = {
      ...OLD,
      runs: [
        // a: accuracy 0.5 → 0.6 (1/6), tokens 100 → 300 (2/3)
        {...OLD.runs![0], accuracy: 0.6, mean_output_tokens: 300},
        OLD.runs![1],
        OLD.runs![2]
      ],
      fits: [
        // g depends on a: alpha 0.2 → 0.21 (1/21), interval upper 0.3 → 0.4 (1/4)
        fit("g.~7B", ["a", "c"], {alpha: 0.21, r2: 0.9, intervals: {alpha: {lower: 0.1, upper: 0.4}}}),
        OLD.fits![1]
      ]
    };
    const {changes, runs} = diffOutputs(set(OLD), set(now));
    expect(changes.map((c) => [c.kind, c.id, c.field, c.old, c.new])).toEqual([
      ["run", "a", "mean_output_tokens", 100, 300],
      ["fit", "g.~7B", "intervals.alpha.upper", 0.3, 0.4],
      ["run", "a", "accuracy", 0.5, 0.6],
      ["fit", "g.~7B", "alpha", 0.2, 0.21]
    ]);
    expect(changes.map((c) => c.relative)).toEqual([
      expect.closeTo(2 / 3, 12),
      expect.closeTo(1 / 4, 12),
      expect.closeTo(1 / 6, 12),
      expect.closeTo(1 / 21, 12)
    ]);
    expect(changes[0]).toMatchObject({
      study: "",
      status: "changed",
      delta: 200,
      headline: false,
      runs: ["a"]
    });
    expect(changes[3].runs).toEqual(["a"]);
    // a's row moved: a changed run, used by the fit g (not h).
    expect(runs).toEqual([
      {
        study: "",
        run_id: "a",
        change: "changed",
        reasons: ["runs.json: accuracy, mean_output_tokens"],
        fits: ["g.~7B"]
      }
    ]);
  });

  it("puts a verdict flip first, then a significance crossing, even when a number moves more", () => {
    const now: StudyOutputs = {
      ...OLD,
      runs: [OLD.runs![0], {...OLD.runs![1], accuracy: 0.2}, OLD.runs![2]], // b: 0.8 → 0.2 (3/4)
      fits: [OLD.fits![0], fit("h.~7B", ["b"], {alpha: 0.5, r2: 0.8, intervals: null})], // 0.4 → 0.5
      comparison: [
        verdict("claim 1", 1.0, false, {run_ids: ["a"]}),
        verdict("claim 2", 2.05, true, {fit: "h.~7B"}), // flips; reproduced 2 → 2.05 (1/41)
        verdict("claim 3", "no", false) // a qualitative answer that changed: no size
      ],
      comparisons: [
        {run_a: "a", run_b: "b", p_adjusted: 0.06}, // crosses 0.05
        {run_a: "a", run_b: "c", p_adjusted: 0.9} // moves, stays above: not listed
      ]
    };
    const {changes} = diffOutputs(set(OLD), set(now));
    expect(changes.map((c) => [c.kind, c.id, c.field, c.headline])).toEqual([
      ["verdict", "MedResEval · claim 2", "flagged", true],
      ["significance", "a vs b", "p_adjusted", true],
      ["verdict", "MedResEval · claim 3", "reproduced", false],
      ["run", "b", "accuracy", false],
      ["fit", "h.~7B", "alpha", false],
      ["verdict", "MedResEval · claim 2", "reproduced", false]
    ]);
    expect(changes[0]).toMatchObject({old: false, new: true, delta: null, relative: null, runs: ["b"]});
    expect(changes[1]).toMatchObject({old: 0.04, new: 0.06, runs: ["b"]});
    expect(changes[2]).toMatchObject({old: "yes", new: "no", relative: null, runs: []});
    expect(changes[3].relative).toBeCloseTo(3 / 4, 12);
    expect(changes[4].relative).toBeCloseTo(1 / 5, 12);
  });

  it("lists rows added or removed, and numbers that became null, before sized changes", () => {
    const now: StudyOutputs = {
      ...OLD,
      runs: [
        {...OLD.runs![0], accuracy_ci: null, accuracy: 0.50001},
        OLD.runs![1],
        {run_id: "d", accuracy: 0.1, accuracy_ci: [0, 0.2], mean_output_tokens: null, questions: 10}
      ],
      passAtK: [...OLD.passAtK!, {run_id: "a", k: 2, pass_at_k: 0.6, g_pass_at_k: {"0.5": 0.6, "1": 0.4}}]
    };
    const {changes, runs} = diffOutputs(set(OLD), set(now));
    expect(changes.map((c) => [c.status, c.kind, c.id, c.field])).toEqual([
      ["added", "pass@k", "a k=2", ""],
      ["removed", "run", "c", ""],
      ["added", "run", "d", ""],
      ["changed", "run", "a", "accuracy_ci.lower"],
      ["changed", "run", "a", "accuracy_ci.upper"],
      ["changed", "run", "a", "accuracy"]
    ]);
    expect(changes[3]).toMatchObject({old: 0.4, new: null, delta: null, relative: null});
    expect(runs.map((r) => [r.run_id, r.change, r.fits])).toEqual([
      ["a", "changed", ["g.~7B"]],
      ["c", "removed", ["g.~7B"]],
      ["d", "added", []]
    ]);
  });

  it("ignores floating-point noise below the tolerance", () => {
    const now = {...OLD, runs: [{...OLD.runs![0], accuracy: 0.5 + 1e-15}, OLD.runs![1], OLD.runs![2]]};
    expect(diffOutputs(set(OLD), set(now)).changes).toEqual([]);
    expect(diffOutputs(set(OLD), set(now), {tolerance: 0}).changes).toHaveLength(1);
  });

  it("lists a run whose audit content key changed though no number moved, with the fits that use it", () => {
    const audit = (key: string) => ({
      audits: [{manifest: {inputs: [{run_id: "c", key, source_sha256: "s", run_json_sha256: "r"}]}}]
    });
    const {changes, runs} = diffOutputs(set({...OLD, audit: audit("k1")}), set({...OLD, audit: audit("k2")}));
    expect(changes).toEqual([]);
    expect(runs).toEqual([
      {study: "", run_id: "c", change: "changed", reasons: ["content key"], fits: ["g.~7B"]}
    ]);
  });

  it("does not compare content keys across analysis code versions (the key includes the code), but file hashes", () => {
    const audit = (code: string, key: string, source: string) => ({
      audits: [
        {
          manifest: {
            code_sha256: code,
            inputs: [{run_id: "c", key, source_sha256: source, run_json_sha256: "r"}]
          }
        }
      ]
    });
    const newCode = diffOutputs(
      set({...OLD, audit: audit("v1", "k1", "s")}),
      set({...OLD, audit: audit("v2", "k2", "s")})
    );
    expect(newCode).toEqual({
      changes: [],
      runs: [],
      notes: [
        "the analysis: the analysis code differs (audit.json code_sha256), so content keys are not compared; the hashes of each run's samples file and run.json still are"
      ]
    });
    const newLogs = diffOutputs(
      set({...OLD, audit: audit("v1", "k1", "s")}),
      set({...OLD, audit: audit("v2", "k2", "t")})
    );
    expect(newLogs.runs).toEqual([
      {study: "", run_id: "c", change: "changed", reasons: ["samples file sha256"], fits: ["g.~7B"]}
    ]);
  });

  it("compares the studies of reproduce outputs by folder, and the top-level comparison only where no study has it", () => {
    const top = (flagged: boolean) => [
      verdict("claim 1", 1.0, flagged, {run_ids: ["a"]}),
      verdict("other", 3, flagged)
    ];
    const before: OutputSet = {studies: {s: OLD, t: {runs: OLD.runs}}, comparison: top(false)};
    const after: OutputSet = {studies: {s: OLD, u: {runs: OLD.runs}}, comparison: top(true)};
    const {changes, notes} = diffOutputs(before, after);
    // "claim 1" is study s's row (unchanged there); "other" is in no study folder.
    expect(changes.map((c) => [c.study, c.kind, c.status, c.id, c.field])).toEqual([
      ["", "verdict", "changed", "MedResEval · other", "flagged"],
      ["t", "study", "removed", "t", ""],
      ["u", "study", "added", "u", ""]
    ]);
    expect(notes).toEqual([]);
  });

  it("notes files present on one side only and does not compare them", () => {
    const {changes, notes} = diffOutputs(set(OLD), set({...OLD, fits: undefined, majAtK: []}));
    expect(changes).toEqual([]);
    expect(notes).toEqual([
      "the analysis: fits.json only in the old output, not compared",
      "the analysis: maj_at_k.json only in the new output, not compared"
    ]);
  });

  it("finds a verdict's changed runs through the fit it names by its audit slug (comparison.json's `fit`)", () => {
    const before = {...OLD, comparison: [verdict("claim 2", 2.0, false, {fit: "g-7b"})]};
    const after: StudyOutputs = {
      ...before,
      runs: [{...OLD.runs![0], accuracy: 0.6}, OLD.runs![1], OLD.runs![2]],
      comparison: [verdict("claim 2", 2.5, false, {fit: "g-7b"})]
    };
    const moved = diffOutputs(set(before), set(after)).changes.find((c) => c.kind === "verdict");
    // g.~7B (slug g-7b) uses runs a and c; only a changed.
    expect(moved?.runs).toEqual(["a"]);
  });

  it("compares a fit's clustering summary (how much wider α's interval is), not its per-point SEs", () => {
    const clustering = (inflation: number, se: number) => ({
      clusters: 12,
      points: [{model: "m", p: 0.5, se, clustered_se: se * inflation, ratio: inflation}],
      alpha_se: 0.01,
      alpha_clustered_se: 0.01 * inflation,
      inflation,
      alpha_ci: [0.18, 0.22] as [number, number],
      alpha_clustered_ci: null
    });
    const before = {...OLD, fits: [{...OLD.fits![0], clustering: clustering(1.25, 0.1)}]};
    const after = {...OLD, fits: [{...OLD.fits![0], clustering: clustering(1.6, 0.2)}]};
    const changes = diffOutputs(set(before), set(after)).changes;
    // inflation 1.25 → 1.6: 0.35/1.6; alpha_clustered_se 0.0125 → 0.016: the same relative change (their
    // order is floating-point noise, hence sorted here).
    expect(changes.map((c) => [c.id, c.field, c.old, c.new]).sort()).toEqual([
      ["g.~7B", "clustering.alpha_clustered_se", 0.0125, 0.016],
      ["g.~7B", "clustering.inflation", 1.25, 1.6]
    ]);
    for (const c of changes) expect(c.relative).toBeCloseTo(0.35 / 1.6, 12);
  });
});
