import {cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {gunzipSync} from "node:zlib";
import {afterAll, describe, expect, it} from "vitest";
import {commonFiles} from "../../../src/contracts/common.js";
import {
  type QuestionTextRow,
  runFiles,
  type RunIndex,
  type RunPageInfo
} from "../../../src/contracts/run-files.js";
import {analyzeRoot} from "../../../data-loaders/pipeline/analyze.js";
import {publishRunFiles} from "../../../data-loaders/pipeline/publish-run-files.js";
import {type RunFilesSummary, writeRunFiles} from "../../../data-loaders/pipeline/run-files.js";

/*
 * A question's prompt and choice texts, from a canonical samples line to the run's text chunks: one row per
 * question, the first prompt and the first choice texts of its accepted lines, as given (unescaped).
 */

const work = mkdtempSync(join(tmpdir(), "medscale-question-texts-"));
afterAll(() => rmSync(work, {recursive: true, force: true}));
const line = (value: Record<string, unknown>) => JSON.stringify({choices: ["A", "B"], ...value});

/** A root of one run (2 samples per question) whose lines carry texts as a log may. */
function root(): string {
  const dir = join(work, "root");
  mkdirSync(join(dir, "runs", "r"), {recursive: true});
  writeFileSync(
    join(dir, "models.json"),
    JSON.stringify([{name: "m", family: "f", params_b: 7, train_tokens_t: 2}])
  );
  writeFileSync(
    join(dir, "tasks.json"),
    JSON.stringify([{name: "t", benchmark: "b", group: "simple", answer_type: "mcq"}])
  );
  writeFileSync(
    join(dir, "runs", "r", "run.json"),
    JSON.stringify({run_id: "r", model: "m", task: "t", samples: 2})
  );
  const lines = [
    // q1: the prompt on sample 0 only, choice texts on sample 1 only
    line({question_id: "q1", sample: 0, response: "A", gold: "A", prompt: "<b>Which</b> drug?"}),
    line({
      question_id: "q1",
      sample: 1,
      response: "B",
      gold: "A",
      choice_texts: ["<script>x</script>", "Verapamil"]
    }),
    // q2: repeated on every sample; a later different prompt does not replace the first
    line({question_id: "q2", sample: 0, response: "B", gold: "B", prompt: "First"}),
    line({question_id: "q2", sample: 1, response: "B", gold: "B", prompt: "Second"}),
    // q3: no text
    line({question_id: "q3", sample: 0, response: "A", gold: "A"}),
    // q4: its only line with a text is rejected (a gold differing from the first), so it keeps none
    line({question_id: "q4", sample: 0, response: "A", gold: "A"}),
    line({question_id: "q4", sample: 1, response: "A", gold: "B", prompt: "rejected line"}),
    // a line whose choice_texts do not match its choices is rejected with its reason
    line({question_id: "q5", sample: 0, response: "A", gold: "A", choice_texts: ["only one"]})
  ];
  writeFileSync(join(dir, "runs", "r", "samples.jsonl"), `${lines.join("\n")}\n`);
  return dir;
}

describe("question texts", async () => {
  const dir = join(work, "site");
  const {analysis, extra} = await analyzeRoot(root(), {database: join(work, "db.duckdb")}, (connection, a) =>
    writeRunFiles(connection, a.ingest.rootId, a.runs, dir, {responses: "all"})
  );
  const summary = extra as RunFilesSummary;
  const index = JSON.parse(readFileSync(join(dir, commonFiles.runIndex.name), "utf8")) as RunIndex;
  const info = JSON.parse(
    readFileSync(join(dir, runFiles.info("r", index.r.info).name), "utf8")
  ) as RunPageInfo;

  it("keeps each question's first prompt and choice texts of its accepted lines, as given", () => {
    expect(info.texts).toHaveLength(1);
    expect(info.texts[0]).toMatchObject({first: "q1", last: "q2", rows: 2});
    expect(info.texts[0].file).toMatch(/^texts-0-[0-9a-f]{12}\.json\.gz$/);
    const rows = JSON.parse(
      gunzipSync(readFileSync(join(dir, runFiles.texts("r", info.texts[0].file).name))).toString("utf8")
    ) as QuestionTextRow[];
    expect(rows).toEqual([
      [
        "q1",
        "<b>Which</b> drug?",
        [
          ["A", "<script>x</script>"],
          ["B", "Verapamil"]
        ]
      ],
      ["q2", "First", null]
    ]);
    expect(summary.texts).toBe(2);
  });

  it("rejects a line whose choice texts do not match its choices, and counts it", () => {
    const rejected = analysis.rejects.filter((r) => r.file.includes("runs/r/")).map((r) => r.reason);
    expect(rejected).toContain("choice_texts has 1 texts for 2 choices");
    expect(analysis.runs[0].questions).toBe(4);
  });

  it("publishes the text chunks with the run's other files", () => {
    const dist = join(work, "dist");
    const site = join(work, "sites");
    // publishRunFiles reads <site>/<dataset>/: the folder written above, as dataset "d"
    cpSync(dir, join(site, "d"), {recursive: true});
    publishRunFiles(site, dist, ["d"]);
    const published = readdirSync(join(dist, "data", "d", "runs", "r"));
    expect(published).toContain(info.texts[0].file);
  });
});
