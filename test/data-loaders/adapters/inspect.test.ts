import {readFileSync, readdirSync} from "node:fs";
import path from "node:path";
import {strFromU8, strToU8, unzipSync, zipSync} from "fflate";
import {beforeAll, describe, expect, it} from "vitest";
import {NO_TARGET, inputText, inspectValue, readInspect} from "../../../data-loaders/adapters/inspect.js";
import type {AdapterRootInput} from "../../../data-loaders/adapters/util/common.js";
import {collect, mean, openTestRoot, realSet, runById, tempTree, values} from "./helpers.js";

/** A `.eval` log: a ZIP of JSON entries (objects are serialized; strings are written as they are). */
function evalLog(entries: Record<string, unknown>): Uint8Array {
  return zipSync(
    Object.fromEntries(
      Object.entries(entries).map(([name, body]) => [
        name,
        strToU8(typeof body === "string" ? body : JSON.stringify(body))
      ])
    )
  );
}

const usage = (output_tokens: number) => ({
  input_tokens: 20,
  output_tokens,
  total_tokens: 20 + output_tokens
});

const epochsHeader = {
  version: 2,
  status: "success",
  eval: {
    task: "toy_yesno",
    task_id: "t1",
    model: "prov/toy-1B",
    dataset: {name: "toy", samples: 2, sample_ids: [2, 1]},
    config: {epochs: 2, epochs_reducer: ["mean"]},
    model_generate_config: {max_tokens: 16}
  },
  plan: {config: {temperature: 0.3}},
  results: {
    scores: [
      {name: "match", metrics: {accuracy: {name: "accuracy", value: 0.75}}},
      {name: "other", metrics: {accuracy: {name: "accuracy", value: 1}}}
    ]
  }
};
const yn = (id: number, epoch: number, target: string, text: string, value: string, tokens: number) => ({
  id,
  epoch,
  target,
  output: {completion: text, usage: usage(tokens)},
  scores: {match: {value, answer: text}, other: {value: 1}}
});

const mcqHeader = {
  version: 2,
  status: "success",
  eval: {task: "toy_mcq", model: "prov/toy-1B", dataset: {sample_ids: [1, 2, 3]}, config: {}},
  results: {scores: [{name: "choice", metrics: {accuracy: {value: 0.5}}}]}
};

describe("inspectValue", () => {
  it("reads scores as Inspect's value_to_float does", () => {
    expect(
      ["C", "I", "P", "N", 1, 0, 0.25, true, false, "yes", "incorrect", "0.5"].map(inspectValue)
    ).toEqual([1, 0, 0.5, 0, 1, 0, 0.25, 1, 0, 1, 0, 0.5]);
    expect(inspectValue({accuracy: "C"})).toBeUndefined();
    expect(inspectValue("maybe")).toBeUndefined();
  });
});

describe("inputText", () => {
  it("reads a string input, or the text of the user messages of a chat input", () => {
    expect(inputText("Which drug?")).toBe("Which drug?");
    expect(
      inputText([
        {role: "system", content: "You are a doctor."},
        {role: "user", content: "Case: <b>fever</b>"},
        {role: "assistant", content: "ok"},
        {
          role: "user",
          content: [
            {type: "text", text: "Which drug?"},
            {type: "image", image: "x.png"}
          ]
        }
      ])
    ).toBe("Case: <b>fever</b>\n\nWhich drug?");
  });
  it("finds no text in anything else", () => {
    for (const input of [undefined, 3, "  ", [], [{role: "system", content: "x"}], {content: "x"}])
      expect(inputText(input), JSON.stringify(input)).toBeUndefined();
  });
});

describe("readInspect on hand-made logs", () => {
  let input: AdapterRootInput;
  beforeAll(async () => {
    const dir = await tempTree({
      "epochs.eval": evalLog({
        "header.json": epochsHeader,
        "samples/1_epoch_1.json": yn(1, 1, " Yes", "Yes", "C", 2),
        "samples/1_epoch_2.json": yn(1, 2, " Yes", "No", "I", 1),
        "samples/2_epoch_1.json": {
          ...yn(2, 1, " No", "", "C", 1),
          output: {
            choices: [{message: {role: "assistant", content: [{type: "text", text: "No."}]}}],
            usage: usage(3)
          }
        },
        "samples/2_epoch_2.json": yn(2, 2, " No", "No", "C", 1)
      }),
      "logs/mcq.eval": evalLog({
        "header.json": mcqHeader,
        "samples/1_epoch_1.json": {
          id: 1,
          epoch: 1,
          target: "B",
          choices: ["w", "x", "y"],
          output: {completion: "ANSWER: B"},
          scores: {choice: {value: "C", answer: "B"}}
        },
        "samples/2_epoch_1.json": {
          id: 2,
          epoch: 1,
          target: "A",
          choices: ["w", "x", "y"],
          output: {completion: "I cannot tell"},
          scores: {choice: {value: "N"}}
        },
        "samples/3_epoch_1.json": '{"id": 3, "epoch": 1, "target": '
      }),
      "judged.eval": evalLog({
        "header.json": {
          status: "success",
          eval: {task: "toy_open", model: "prov/judge-me"},
          results: {scores: [{name: "model_graded_fact", metrics: {accuracy: {value: 0.5}}}]}
        },
        "samples/a_epoch_1.json": {
          id: "a",
          epoch: 1,
          target: "",
          output: {completion: "A long free answer."},
          scores: {model_graded_fact: {value: "C", answer: "A long free answer."}}
        },
        "samples/b_epoch_1.json": {
          id: "b",
          epoch: 1,
          target: "42",
          output: {completion: "41"},
          scores: {model_graded_fact: {value: 0}}
        }
      }),
      "header-only.eval": evalLog({"header.json": {status: "cancelled", eval: {task: "x", model: "m"}}}),
      "streaming.eval": evalLog({
        "_journal/start.json": {eval: {task: "toy_yesno", model: "prov/toy-1B", config: {}}},
        "samples/1_epoch_1.json": {id: 1, epoch: 1, target: "Yes", output: {completion: "yes"}}
      }),
      "not-a-zip.eval": "this is not a zip file"
    });
    input = await readInspect(await openTestRoot(dir));
  });

  it("makes one run per readable log and rejects the others naming the file", () => {
    expect(input.runs.map((r) => r.run.run_id).sort()).toEqual([
      "prov_judge-me.toy_open.judged",
      "prov_toy-1B.toy_mcq.mcq",
      "prov_toy-1B.toy_yesno.epochs",
      "prov_toy-1B.toy_yesno.streaming"
    ]);
    expect(runById(input.runs, "prov_toy-1B.toy_mcq.mcq").source).toBe("logs/mcq.eval");
    expect(input.rejects.map((r) => [r.file, r.line])).toEqual([
      ["header-only.eval", 0],
      ["not-a-zip.eval", 0]
    ]);
    expect(input.rejects[0].reason).toBe("log has no samples (header only; status cancelled)");
    expect(input.rejects[1].reason).toMatch(/^not a readable \.eval \(ZIP\) log/);
    expect(input.notes).toEqual(
      expect.arrayContaining([
        "streaming.eval: no header.json (log still being written?); spec from _journal/start.json",
        "streaming.eval: no scores: answers are extracted from the responses"
      ])
    );
  });

  it("derives tasks: yes/no targets, letter targets with choices, open targets judged", () => {
    const tasks = Object.fromEntries(input.tasks.map((t) => [t.name, t]));
    expect(tasks.toy_yesno).toMatchObject({benchmark: "toy", answer_type: "yesno", chance: 0.5});
    expect(tasks.toy_mcq).toMatchObject({answer_type: "mcq", chance: 1 / 3});
    expect(tasks.toy_open).toMatchObject({answer_type: "judged", chance: 0});
    expect(input.models.map((m) => m.name).sort()).toEqual(["prov/judge-me", "prov/toy-1B"]);
    expect(input.models.find((m) => m.name === "prov/toy-1B")).toMatchObject({family: "toy", params_b: 1});
  });

  it("epochs are samples (sample = epoch - 1), in the header's dataset order; tokens from output.usage", async () => {
    const run = runById(input.runs, "prov_toy-1B.toy_yesno.epochs");
    expect(run.run).toMatchObject({
      samples: 2,
      temperature: 0.3,
      max_tokens: 16,
      scorer: "match",
      other_scorers: ["other"],
      reported_accuracy: 0.75,
      reported_metric: "match/accuracy"
    });
    const lines = await collect(run);
    expect(lines.map((l) => l.line)).toEqual([1, 2, 3, 4]);
    expect(lines.map((l) => l.value)).toEqual([
      {question_id: "2", sample: 0, gold: "No", response: "No.", output_tokens: 3, upstream_correct: 1},
      {
        question_id: "2",
        sample: 1,
        gold: "No",
        response: "No",
        output_tokens: 1,
        upstream_correct: 1,
        answer: "No"
      },
      {
        question_id: "1",
        sample: 0,
        gold: "Yes",
        response: "Yes",
        output_tokens: 2,
        upstream_correct: 1,
        answer: "Yes"
      },
      {
        question_id: "1",
        sample: 1,
        gold: "Yes",
        response: "No",
        output_tokens: 1,
        upstream_correct: 0,
        answer: "No"
      }
    ]);
  });

  it("choice scores: letters, choices A..; NOANSWER is an unparsed answer; a broken sample entry is a reason", async () => {
    const lines = await collect(runById(input.runs, "prov_toy-1B.toy_mcq.mcq"));
    expect(lines[0].value).toEqual({
      question_id: "1",
      sample: 0,
      gold: "B",
      choices: ["A", "B", "C"],
      // the choices' texts as the sample lists them (this hand-made log has no input)
      choice_texts: ["w", "x", "y"],
      response: "ANSWER: B",
      upstream_correct: 1,
      answer: "B"
    });
    expect(lines[1].value).toMatchObject({
      question_id: "2",
      answer: null,
      upstream_correct: 0,
      response: "I cannot tell"
    });
    expect(lines[2].line).toBe(3);
    expect(lines[2].error).toMatch(/^samples\/3_epoch_1\.json: bad JSON/);
  });

  it("judged samples carry the scorer's verdict; an empty target becomes a placeholder gold", async () => {
    const v = await values(runById(input.runs, "prov_judge-me.toy_open.judged"));
    expect(v).toEqual([
      {
        question_id: "a",
        sample: 0,
        gold: NO_TARGET,
        response: "A long free answer.",
        upstream_correct: 1,
        answer: "A long free answer."
      },
      {question_id: "b", sample: 0, gold: "42", response: "41", upstream_correct: 0, answer: "41"}
    ]);
  });

  it("a log without scores leaves answers to medscale's extraction", async () => {
    const v = await values(runById(input.runs, "prov_toy-1B.toy_yesno.streaming"));
    expect(v).toEqual([{question_id: "1", sample: 0, gold: "Yes", response: "yes"}]);
  });
});

const REAL = realSet("inspect");

describe.skipIf(!REAL)("readInspect on the real Inspect logs", () => {
  let input: AdapterRootInput;
  const logs: {file: string; zip: Record<string, Uint8Array>}[] = [];
  beforeAll(async () => {
    input = await readInspect(await openTestRoot(REAL!));
    for (const file of readdirSync(REAL!).filter((f) => f.endsWith(".eval")))
      logs.push({file, zip: unzipSync(readFileSync(path.join(REAL!, file)))});
  });

  it("imports every log as one run with its source; none rejected", () => {
    expect(logs.length).toBeGreaterThan(5);
    expect(input.rejects).toEqual([]);
    expect(input.runs.map((r) => r.source).sort()).toEqual(logs.map((l) => l.file).sort());
  });

  it("one record per sample entry; sample = epoch - 1; tokens equal output.usage", async () => {
    for (const {file, zip} of logs) {
      const run = input.runs.find((r) => r.source === file)!;
      const entries = Object.keys(zip).filter((n) => /^samples\/.+_epoch_\d+\.json$/.test(n));
      const lines = await collect(run);
      expect(lines).toHaveLength(entries.length);
      expect(lines.filter((l) => l.error)).toEqual([]);
      const expected = entries.map((n) => JSON.parse(strFromU8(zip[n])));
      const key = (id: unknown, sample: unknown) => `${id}/${sample}`;
      const tokens = new Map(expected.map((s) => [key(s.id, s.epoch - 1), s.output?.usage?.output_tokens]));
      for (const l of lines) {
        const v = l.value as Record<string, unknown>;
        expect(tokens.has(key(v.question_id, v.sample))).toBe(true);
        expect(v.output_tokens).toBe(tokens.get(key(v.question_id, v.sample)));
      }
      expect(run.run.samples).toBe(Math.max(...expected.map((s) => s.epoch)));
    }
  });

  it("keeps each sample's input as its prompt, and the texts of its choices", async () => {
    let withChoices = 0;
    let withPrompt = 0;
    for (const {file, zip} of logs) {
      const run = input.runs.find((r) => r.source === file)!;
      const expected = new Map(
        Object.keys(zip)
          .filter((n) => /^samples\/.+_epoch_\d+\.json$/.test(n))
          .map((n) => JSON.parse(strFromU8(zip[n])))
          .map((s) => [`${s.id}/${s.epoch - 1}`, s])
      );
      for (const v of await values(run)) {
        const s = expected.get(`${v.question_id}/${v.sample}`);
        if (typeof s.input === "string") {
          expect(v.prompt).toBe(s.input);
          withPrompt++;
        }
        if (v.choices) {
          expect(v.choice_texts).toEqual(s.choices);
          withChoices++;
        }
      }
    }
    expect(withPrompt).toBeGreaterThan(0);
    expect(withChoices).toBeGreaterThan(0);
  });

  it("the upstream verdicts give the accuracy the header reports (epochs reduced by their mean)", async () => {
    let compared = 0;
    for (const run of input.runs) {
      if (run.run.reported_accuracy === null) continue;
      const byQuestion = new Map<string, number[]>();
      for (const v of await values(run)) {
        const list = byQuestion.get(v.question_id as string) ?? [];
        list.push(v.upstream_correct as number);
        byQuestion.set(v.question_id as string, list);
      }
      expect(mean([...byQuestion.values()].map(mean))).toBeCloseTo(run.run.reported_accuracy as number, 12);
      compared++;
    }
    expect(compared).toBe(input.runs.length - 1); // one log was run without a scorer
  });
});
