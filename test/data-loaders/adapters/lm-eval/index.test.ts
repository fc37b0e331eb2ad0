import {readFileSync, readdirSync, statSync} from "node:fs";
import path from "node:path";
import {beforeAll, describe, expect, it} from "vitest";
import {
  INVALID_ANSWER,
  readLmEval,
  readLmEvalReported,
  type ReportedAccuracy
} from "../../../../data-loaders/adapters/lm-eval/index.js";
import type {AdapterRootInput} from "../../../../data-loaders/adapters/util/common.js";
import {FIXTURES, collect, mean, openTestRoot, realSet, runById, values} from "../helpers.js";

const GEN = "acme_Toy-3B-Instruct.toy_gen.2025-01-02T03-04-05.000006";
const MC = "acme_Toy-3B-Instruct.toy_mc.2025-01-02T03-04-05.000006.none";
const OLD = "toy-old.toy_yn.2024-05-06T07-08-09.101112";

describe("readLmEval on hand-made fixtures", () => {
  let input: AdapterRootInput;
  let reported: ReportedAccuracy[];
  beforeAll(async () => {
    const root = await openTestRoot(path.join(FIXTURES, "lm-eval"));
    input = await readLmEval(root);
    reported = await readLmEvalReported(root);
  });

  it("makes one run per samples file and filter, with stable readable ids", () => {
    expect(input.format).toBe("lm-eval");
    expect(input.runs.map((r) => r.run.run_id).sort()).toEqual(
      [
        `${GEN}.flexible`,
        `${GEN}.strict`,
        MC,
        `${OLD}.get-a`,
        `${OLD}.get-b`,
        "orphan_Model.toy_gen.2025-02-02T00-00-00.000000.none"
      ].sort()
    );
    expect(runById(input.runs, `${GEN}.strict`).source).toBe(
      "output/acme__Toy-3B-Instruct/samples_toy_gen_2025-01-02T03-04-05.000006.jsonl"
    );
    expect(input.rejects).toEqual([]);
  });

  it("derives registries: models from the results files, tasks with answer types and chance", () => {
    expect([...input.models].sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      {name: "acme/Toy-3B-Instruct", family: "Toy", params_b: 3, train_tokens_t: null, instruct: true},
      {name: "orphan/Model", family: "Model", params_b: null, train_tokens_t: null},
      {name: "toy-old", family: "toy", params_b: null, train_tokens_t: null}
    ]);
    const tasks = Object.fromEntries(input.tasks.map((t) => [t.name, t]));
    expect(tasks.toy_gen).toMatchObject({benchmark: "toy_gen", answer_type: "mcq", chance: 0.25});
    expect(tasks.toy_yn).toMatchObject({answer_type: "yesno", chance: 0.5});
    // Loglikelihood docs with 3 and 2 choices: no single chance, derived per question from choices.
    expect(tasks.toy_mc.answer_type).toBe("index");
    expect(tasks.toy_mc).not.toHaveProperty("chance");
  });

  it("takes settings from the results file: n-shot, generation kwargs overridden by gen_kwargs", () => {
    const strict = runById(input.runs, `${GEN}.strict`).run;
    expect(strict).toMatchObject({
      model: "acme/Toy-3B-Instruct",
      task: "toy_gen",
      strategy: "0-shot",
      samples: 3,
      temperature: 0.5,
      top_p: 0.9,
      max_tokens: 64,
      filter: "strict",
      filter_inferred: false,
      metric: "exact_match",
      repeats: 3,
      reported_metric: "exact_match,strict",
      reported_accuracy: 0.5,
      results_file: "output/acme__Toy-3B-Instruct/results_2025-01-02T03-04-05.000006.json",
      harness_git_hash: "abc1234"
    });
    expect(runById(input.runs, `${OLD}.get-a`).run).toMatchObject({
      temperature: 0,
      strategy: "2-shot",
      limit: 2
    });
  });

  it("repeats become samples with their own filtered answers; [invalid] is an unparsed answer with its text", async () => {
    const v = await values(runById(input.runs, `${GEN}.strict`));
    expect(v.map((x) => [x.question_id, x.sample, x.answer, x.gold, x.upstream_correct])).toEqual([
      ["0", 0, "B", "B", 1],
      ["0", 1, "B", "B", 1],
      ["0", 2, "C", "B", 1],
      ["1", 0, null, "D", 0],
      ["1", 1, "A", "D", 0],
      ["1", 2, "A", "D", 0]
    ]);
    expect(v[3].response).toBe("no idea");
    expect(v[0].choices).toEqual(["A", "B", "C", "D"]);
  });

  it("a filter that reduced the repeats to one answer gives one sample", async () => {
    const run = runById(input.runs, `${GEN}.flexible`);
    expect(run.run).toMatchObject({samples: 1, repeats_reduced_by_filter: true, reported_accuracy: 1});
    const v = await values(run);
    expect(v.map((x) => [x.question_id, x.sample, x.answer, x.upstream_correct])).toEqual([
      ["0", 0, "B", 1],
      ["1", 0, "D", 1]
    ]);
    expect(v[0]).not.toHaveProperty("response");
  });

  it("loglikelihood records: answer = argmax (numbers or strings), gold from target or the Winogrande doc", async () => {
    const lines = await collect(runById(input.runs, MC));
    expect(lines.slice(0, 3).map((l) => l.value)).toEqual([
      {question_id: "0", sample: 0, answer: "1", gold: "1", choices: ["0", "1", "2"], upstream_correct: 1},
      {question_id: "1", sample: 0, answer: "1", gold: "0", choices: ["0", "1", "2"], upstream_correct: 0},
      // a Winogrande doc: its sentence as the prompt, option1..2 as the choices' texts
      {
        question_id: "2",
        sample: 0,
        answer: "1",
        gold: "1",
        choices: ["0", "1"],
        prompt: "Ann waved at Bo because _ went home.",
        choice_texts: ["Ann", "Bo"],
        upstream_correct: 1
      }
    ]);
    expect(lines[3]).toEqual({
      line: 4,
      error: 'cannot tell the gold choice: target "banana" is not a choice index'
    });
    expect(runById(input.runs, MC).run).toMatchObject({metric: "acc", reported_accuracy: 0.6666666666666666});
  });

  it("old files without filter/metrics: filters by occurrence, broken lines rejected with reasons, the rest imported", async () => {
    const a = await collect(runById(input.runs, `${OLD}.get-a`));
    expect(a.filter((l) => l.error).map((l) => [l.line, l.error!.replace(/ \(.*/, "")])).toEqual([
      [2, "bad JSON"],
      [3, "bad JSON"],
      [4, "empty line"]
    ]);
    expect(
      a.filter((l) => l.value).map((l) => [l.line, (l.value as {question_id: string}).question_id])
    ).toEqual([
      [1, "0"],
      [5, "1"],
      [8, "0"] // a third occurrence of doc 0: ingest rejects it as a duplicate
    ]);
    expect(runById(input.runs, `${OLD}.get-a`).run.filter_inferred).toBe(true);
    const b = await values(runById(input.runs, `${OLD}.get-b`));
    expect(b.map((x) => [x.question_id, x.answer, x.response, x.gold])).toEqual([
      ["0", null, " yes", "yes"],
      ["1", null, " maybe", "no"]
    ]);
    expect(b[0].choices).toEqual(["yes", "no"]);
  });

  it("notes results without samples and samples without results", () => {
    expect(input.notes).toEqual(
      expect.arrayContaining([
        "output/acme__Toy-3B-Instruct/results_2025-01-01T00-00-00.000000.json: results without a samples file (toy_gen): no run",
        "output/orphan__Model/samples_toy_gen_2025-02-02T00-00-00.000000.jsonl: no results_2025-02-02T00-00-00.000000.json beside it; model from the folder name, no reported accuracy"
      ])
    );
  });

  it("lists every reported accuracy beside the run imported for it", () => {
    const find = (file: string, task: string, filter: string) =>
      reported.find((r) => r.results_file.endsWith(file) && r.task === task && r.filter === filter);
    expect(find("results_2025-01-01T00-00-00.000000.json", "toy_gen", "strict")).toMatchObject({
      value: 0.25,
      samples_file: null,
      run_id: null
    });
    expect(find("03-04-05.000006.json", "toy_gen", "flexible")).toMatchObject({
      value: 1,
      run_id: `${GEN}.flexible`
    });
    expect(find("03-04-05.000006.json", "toy_mc", "none")).toMatchObject({metric: "acc", run_id: MC});
    // acc_norm has no run of its own: the run's answers are raw-loglikelihood argmaxes (acc).
    expect(
      find("03-04-05.000006.json", "toy_mc", "none") && reported.filter((r) => r.metric === "acc_norm")
    ).toEqual([expect.objectContaining({value: 0.5, run_id: null})]);
    expect(reported.some((r) => r.task === "toy_group")).toBe(false);
  });
});

const REAL = realSet("lm-eval-harness");

/** Every file under dir, relative, with "/". */
function walk(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory()
      ? walk(full, base)
      : [path.relative(base, full).split(path.sep).join("/")];
  });
}

describe.skipIf(!REAL)("readLmEval on the real lm-evaluation-harness outputs", () => {
  let input: AdapterRootInput;
  let reported: ReportedAccuracy[];
  let files: string[];
  beforeAll(async () => {
    const root = await openTestRoot(REAL!);
    input = await readLmEval(root);
    reported = await readLmEvalReported(root);
    files = walk(REAL!);
  }, 120_000);

  it("imports every samples file (one run per filter), each with its source", () => {
    const samples = files.filter((f) => /\/samples_.*\.jsonl$/.test(f));
    const sources = new Set(input.runs.map((r) => r.source));
    expect(sources).toEqual(new Set(samples));
    expect(input.rejects).toEqual([]);
    // The only file with several filters and no filter field holds three blocks of the same docs.
    const multi = input.runs.filter((r) =>
      r.source.endsWith("samples_ko_winogrande_2024-11-19T14-38-02.552165.jsonl")
    );
    expect(multi.map((r) => r.run.filter)).toEqual(["get-option", "get-answer1", "get-answer2"]);
    expect(input.runs).toHaveLength(samples.length + multi.length - 1);
    expect(new Set(input.runs.map((r) => r.run.run_id)).size).toBe(input.runs.length);
  });

  it("every run's accuracy from the harness metric equals its results file", async () => {
    let compared = 0;
    for (const run of input.runs) {
      const resultsFile = run.run.results_file as string;
      const results = JSON.parse(readFileSync(path.join(REAL!, resultsFile), "utf8")).results;
      const expected = results[run.run.lm_eval_task as string][`${run.run.metric},${run.run.filter}`];
      expect(typeof expected).toBe("number");
      expect(run.run.reported_accuracy).toBe(expected);
      // Distinct questions, first occurrence kept, as ingest does.
      const byQuestion = new Map<string, number>();
      for (const x of await values(run))
        if (!byQuestion.has(x.question_id as string))
          byQuestion.set(x.question_id as string, x.upstream_correct as number);
      expect(mean([...byQuestion.values()])).toBeCloseTo(expected, 12);
      compared++;
    }
    expect(compared).toBe(input.runs.length);
  });

  it("records per run equal the file's records of that filter, read independently", async () => {
    for (const run of input.runs) {
      const text = readFileSync(path.join(REAL!, run.source), "utf8");
      const parsed = text.split("\n").flatMap((l) => {
        try {
          return [JSON.parse(l)];
        } catch {
          return [];
        }
      });
      const hasFilter = parsed.some((r) => r.filter !== undefined);
      const filters = new Set(input.runs.filter((r) => r.source === run.source).map((r) => r.run.filter));
      const expected = hasFilter
        ? parsed.filter((r) => r.filter === run.run.filter).length
        : parsed.length / filters.size;
      expect((await values(run)).length).toBe(expected);
    }
  });

  it("the broken samples file: its bad lines are rejected with reasons and the rest imported", async () => {
    const run = input.runs.find((r) =>
      r.source.endsWith("samples_ko_winogrande_2024-11-19T14-19-15.115705.jsonl")
    )!;
    const lines = await collect(run);
    const text = readFileSync(path.join(REAL!, run.source), "utf8").replace(/\n$/, "").split("\n");
    const bad = text.flatMap((l, i) => {
      try {
        JSON.parse(l);
        return [];
      } catch {
        return [i + 1];
      }
    });
    expect(bad.length).toBeGreaterThan(0);
    expect(lines.filter((l) => l.error).map((l) => l.line)).toEqual(bad);
    for (const l of lines.filter((x) => x.error)) expect(l.error).toMatch(/^(bad JSON \(|empty line$)/);
    expect(lines.filter((l) => l.value).length).toBe(text.length - bad.length);
    expect(lines).toHaveLength(text.length);
  });

  it("[invalid] answers are unparsed (answer null) and keep the raw response", async () => {
    let invalid = 0;
    for (const run of input.runs) {
      const raw = readFileSync(path.join(REAL!, run.source), "utf8");
      if (!raw.includes(INVALID_ANSWER)) continue;
      for (const x of await values(run))
        if (x.answer === null) {
          invalid++;
          expect(typeof x.response).toBe("string");
        }
    }
    expect(invalid).toBeGreaterThan(50);
  });

  it("reports results files without samples as notes and as reported entries without a run", () => {
    const orphans = files.filter(
      (f) =>
        /results_(.*)\.json$/.test(f) &&
        !files.some(
          (g) =>
            g.startsWith(path.posix.dirname(f) + "/samples_") && g.includes(/results_(.*)\.json$/.exec(f)![1])
        )
    );
    expect(orphans.length).toBeGreaterThan(0);
    expect(input.notes.filter((n) => n.includes("results without a samples file"))).toHaveLength(
      orphans.length
    );
    for (const f of orphans) {
      const entries = reported.filter((r) => r.results_file === f);
      expect(entries.length).toBeGreaterThan(0);
      for (const e of entries) expect(e).toMatchObject({samples_file: null, run_id: null});
    }
  });
});
