import {readFileSync, readdirSync} from "node:fs";
import path from "node:path";
import {beforeAll, describe, expect, it} from "vitest";
import {readMedAgentsBench} from "../../../../data-loaders/adapters/medagentsbench/index.js";
import type {AdapterRootInput} from "../../../../data-loaders/adapters/util/common.js";
import {FIXTURES, collect, mean, openTestRoot, realSet, runById, values} from "../helpers.js";

describe("readMedAgentsBench on hand-made fixtures", () => {
  let input: AdapterRootInput;
  beforeAll(async () => {
    input = await readMedAgentsBench(await openTestRoot(path.join(FIXTURES, "medagentsbench")));
  });

  it("derives one model and one task, and rejects unreadable files by name", () => {
    expect(input.format).toBe("medagentsbench");
    expect(input.models).toEqual([{name: "Tiny-Med-7B", family: "Tiny", params_b: 7, train_tokens_t: null}]);
    expect(input.tasks).toEqual([
      {
        name: "medqa.test_hard",
        benchmark: "medqa",
        group: "test_hard",
        answer_type: "mcq",
        chance: 0.25,
        note: "chance 1/4: every question has 4 options"
      }
    ]);
    expect(input.rejects.map((r) => [r.file, r.line])).toEqual([
      ["output/medqa/Tiny-Med-7B-medqa-test_hard-cot.json", 0],
      ["output/medqa/notes.json", 0]
    ]);
    expect(input.rejects[0].reason).toMatch(/^not valid JSON/);
    expect(input.rejects[1].reason).toMatch(/does not read as <model>-medqa-<split>-<method>\.json/);
    expect(input.runs.map((r) => r.run.run_id).sort()).toEqual([
      "Tiny-Med-7B.medqa.test_hard.cot_sc-5",
      "Tiny-Med-7B.medqa.test_hard.cot_sc-5.logged",
      "Tiny-Med-7B.medqa.test_hard.medagents",
      "Tiny-Med-7B.medqa.test_hard.medprompt-3",
      "Tiny-Med-7B.medqa.test_hard.medprompt-3.logged",
      "Tiny-Med-7B.medqa.test_hard.zero_shot"
    ]);
    for (const run of input.runs) {
      expect(run.source).toMatch(/^output\/medqa\/Tiny-Med-7B-medqa-test_hard-.*\.json$/);
      expect(run.key).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it("maps a zero-shot file: NaN answers are unparsed, token_usage dicts and strings are read", async () => {
    const run = runById(input.runs, "Tiny-Med-7B.medqa.test_hard.zero_shot");
    expect(run.run).toMatchObject({
      model: "Tiny-Med-7B",
      task: "medqa.test_hard",
      strategy: "zero_shot",
      samples: 1
    });
    expect(run.run.reported_accuracy).toBeCloseTo(2 / 3, 12);
    expect(run.run.reported_mean_completion_tokens).toBe(21); // (12 + 30) / 2; the third has none
    const lines = await collect(run);
    expect(lines.map((l) => l.line)).toEqual([1, 2, 3]);
    expect(lines[0].value).toEqual({
      question_id: "4",
      sample: 0,
      gold: "C",
      choices: ["A", "B", "C", "D"],
      // the record's question and options, as the question's text
      prompt:
        "A sailor on a long voyage develops bleeding gums and poor wound healing. Which vitamin is deficient?",
      choice_texts: ["Vitamin A", "Vitamin B12", "Vitamin C", "Vitamin D"],
      answer: "C",
      response: "<think>Bleeding gums point to collagen synthesis.</think>\n\nC",
      output_tokens: 12,
      upstream_correct: 1
    });
    expect(lines[1].value).toMatchObject({
      question_id: "9",
      answer: null,
      response: "I am not sure.",
      output_tokens: 30
    });
    expect(lines[2].value).not.toHaveProperty("output_tokens");
    expect(input.notes).toContain(
      "output/medqa/Tiny-Med-7B-medqa-test_hard-zero_shot.json: 1 bare NaN/Infinity value(s) (Python json) read as null"
    );
  });

  it("expands cot_sc-5 solutions into five samples and keeps the logged answer in a .logged run", async () => {
    const samples = runById(input.runs, "Tiny-Med-7B.medqa.test_hard.cot_sc-5");
    expect(samples.run).toMatchObject({
      samples: 5,
      view: "samples",
      samples_from: "solutions",
      strategy: "cot_sc-5"
    });
    const v = await values(samples);
    expect(v.map((x) => `${x.question_id}/${x.sample}=${x.answer}`)).toEqual([
      "4/0=C",
      "4/1=C",
      "4/2=A",
      "4/3=C",
      "4/4=B",
      "9/0=B",
      "9/1=D",
      "9/2=D",
      "9/3=B",
      "9/4=D"
    ]);
    // 101 tokens over 5 samples: 21+20+20+20+20, the question's total kept exactly.
    expect(v.filter((x) => x.question_id === "4").map((x) => x.output_tokens)).toEqual([21, 20, 20, 20, 20]);
    expect(v.filter((x) => x.question_id === "9").map((x) => x.output_tokens)).toEqual([10, 10, 10, 10, 10]);
    const logged = runById(input.runs, "Tiny-Med-7B.medqa.test_hard.cot_sc-5.logged");
    expect(logged.run).toMatchObject({samples: 1, view: "logged", strategy: "cot_sc-5 (logged answer)"});
    const lv = await values(logged);
    expect(lv.map((x) => [x.question_id, x.answer, x.output_tokens])).toEqual([
      ["4", "C", 101],
      ["9", "B", 50]
    ]);
    expect(lv[1].response).toBe("The solutions for B reason better. Answer: B");
  });

  it("expands a flat raw_responses list into samples answered by medscale's extraction", async () => {
    const run = runById(input.runs, "Tiny-Med-7B.medqa.test_hard.medprompt-3");
    expect(run.run).toMatchObject({samples: 3, samples_from: "raw_responses"});
    const v = await values(run);
    expect(v).toHaveLength(3);
    for (const x of v) expect(x).not.toHaveProperty("answer");
    expect(v[1]).toMatchObject({question_id: "12", sample: 1, response: "Answer: B", gold: "A"});
  });

  it("maps medagents' positional realidx to the data file's realidx", async () => {
    const run = runById(input.runs, "Tiny-Med-7B.medqa.test_hard.medagents");
    expect(run.run.question_ids).toBe("position in data/medqa/test_hard.jsonl");
    const v = await values(run);
    expect(v.map((x) => [x.question_id, x.gold, x.answer])).toEqual([
      ["4", "C", null],
      ["9", "B", "B"],
      ["12", "A", "A"]
    ]);
    expect(v[2]).not.toHaveProperty("output_tokens");
    expect(input.notes.some((n) => n.includes('medagents.json record 3: completion_tokens "many"'))).toBe(
      true
    );
  });
});

const REAL = realSet("medagentsbench");

describe.skipIf(!REAL)("readMedAgentsBench on the real MedAgentsBench outputs", () => {
  let input: AdapterRootInput;
  const outputs: {bench: string; file: string; records: Record<string, unknown>[]}[] = [];
  beforeAll(async () => {
    input = await readMedAgentsBench(await openTestRoot(REAL!));
    // An independent reading: Python's json writes NaN for missing answers; here it becomes null.
    for (const bench of readdirSync(path.join(REAL!, "output")))
      for (const file of readdirSync(path.join(REAL!, "output", bench)))
        outputs.push({
          bench,
          file,
          records: JSON.parse(
            readFileSync(path.join(REAL!, "output", bench, file), "utf8").replace(/\bNaN\b/g, "null")
          )
        });
  }, 120_000);

  it("imports every output file as a run (plus a .logged run for expanded files), each with its source", () => {
    expect(outputs).toHaveLength(93);
    expect(input.rejects).toEqual([]);
    const expanded = outputs.filter((o) =>
      o.records.some(
        (r) => Array.isArray(r.solutions) || typeof (r.raw_responses as unknown[])?.[0] === "string"
      )
    );
    expect(expanded.map((o) => o.file).every((f) => /-(cot_sc-5|medprompt-3)\.json$/.test(f))).toBe(true);
    expect(input.runs).toHaveLength(outputs.length + expanded.length);
    const sources = new Set(input.runs.map((r) => r.source));
    for (const o of outputs) expect(sources.has(`output/${o.bench}/${o.file}`)).toBe(true);
    expect(new Set(input.runs.map((r) => r.run.run_id)).size).toBe(input.runs.length);
    for (const r of input.runs) expect(r.run.run_id).toMatch(/^[A-Za-z0-9._-]+$/);
    expect(input.models.map((m) => m.name).sort()).toEqual(
      [...new Set(outputs.map((o) => o.file.slice(0, o.file.lastIndexOf(`-${o.bench}-`))))].sort()
    );
    expect(input.tasks.map((t) => `${t.name}:${t.chance}`).sort()).toEqual([
      "medbullets.test:0.2",
      "medbullets.test_hard:0.2",
      "medqa.test:0.25",
      "medqa.test_hard:0.25"
    ]);
  });

  it("zero-shot accuracies and token means equal what the files say", async () => {
    const zeroShot = outputs.filter((o) => o.file.endsWith("-zero_shot.json"));
    expect(zeroShot.length).toBeGreaterThan(20);
    for (const o of zeroShot) {
      const run = input.runs.find((r) => r.source === `output/${o.bench}/${o.file}`)!;
      const v = await values(run);
      expect(v).toHaveLength(o.records.length);
      const fileAccuracy = mean(o.records.map((r) => (r.predicted_answer === r.answer_idx ? 1 : 0)));
      const mappedAccuracy = mean(v.map((x) => (x.answer === x.gold ? 1 : 0)));
      expect(mappedAccuracy).toBeCloseTo(fileAccuracy, 12);
      expect(run.run.reported_accuracy).toBeCloseTo(fileAccuracy, 12);
      const fileTokens = mean(
        o.records.map((r) => (r.token_usage as {completion_tokens: number}).completion_tokens)
      );
      expect(mean(v.map((x) => x.output_tokens as number))).toBeCloseTo(fileTokens, 9);
      expect(run.run.reported_mean_completion_tokens).toBeCloseTo(fileTokens, 9);
    }
  });

  it("every record is imported: lines = records × samples, none rejected by the adapter", async () => {
    let total = 0;
    let expected = 0;
    for (const run of input.runs) {
      const lines = await collect(run);
      expect(lines.filter((l) => l.error !== undefined)).toEqual([]);
      total += lines.length;
      const o = outputs.find((x) => `output/${x.bench}/${x.file}` === run.source)!;
      const perRecord = (r: Record<string, unknown>) =>
        run.run.view === "samples" ? (r[run.run.samples_from as string] as unknown[]).length : 1;
      expected += o.records.reduce((n, r) => n + perRecord(r), 0);
    }
    expect(total).toBe(expected);
  });

  it("cot_sc-5 samples are the logged solutions; the .logged run keeps predicted_answer", async () => {
    for (const o of outputs.filter((x) => x.file.endsWith("-cot_sc-5.json"))) {
      const runs = input.runs.filter((r) => r.source === `output/${o.bench}/${o.file}`);
      const samples = runs.find((r) => r.run.view === "samples")!;
      const logged = runs.find((r) => r.run.view === "logged")!;
      const v = await values(samples);
      expect(v.map((x) => x.answer)).toEqual(o.records.flatMap((r) => r.solutions as string[]));
      const lv = await values(logged);
      expect(lv.map((x) => x.answer)).toEqual(o.records.map((r) => r.predicted_answer));
      expect(lv.map((x) => x.response)).toEqual(o.records.map((r) => r.ensemble_response));
    }
  });

  it("question ids follow the data files: every gold equals the data file's answer for that id", async () => {
    const dataGold = new Map<string, string>();
    for (const bench of ["medqa", "medbullets"])
      for (const split of ["test", "test_hard"])
        for (const line of readFileSync(path.join(REAL!, "data", bench, `${split}.jsonl`), "utf8").split(
          "\n"
        ))
          if (line.trim()) {
            const row = JSON.parse(line);
            dataGold.set(`${bench}.${split}/${row.realidx}`, row.answer_idx);
          }
    let checked = 0;
    for (const run of input.runs) {
      for (const x of await values(run)) {
        expect(dataGold.get(`${run.run.task}/${x.question_id}`)).toBe(x.gold);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20_000);
    const positional = input.runs.filter((r) => r.run.question_ids !== "realidx").map((r) => r.run.method);
    expect(new Set(positional)).toEqual(new Set(["medagents"]));
  });

  it("NaN answers in the aflow/spo files become unparsed answers, counted in the notes", async () => {
    const nanNotes = input.notes.filter((n) => n.includes("bare NaN"));
    const counted = nanNotes.reduce((n, note) => n + Number(/: (\d+) bare/.exec(note)![1]), 0);
    const nulls = outputs.reduce(
      (n, o) => n + o.records.filter((r) => r.predicted_answer === null).length,
      0
    );
    expect(counted).toBe(nulls);
    expect(nulls).toBeGreaterThan(0);
  });
});
