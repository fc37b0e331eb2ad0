import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {gzipSync} from "node:zlib";
import {afterAll, describe, expect, it} from "vitest";
import {readFloor} from "../../bench/read-floor.js";

const work = mkdtempSync(join(tmpdir(), "medscale-read-floor-"));
afterAll(() => rmSync(work, {recursive: true, force: true}));

const json = (value: unknown) => Buffer.from(JSON.stringify(value) + "\n");

function writeRun(root: string, runId: string, task: string, name: string, lines: Buffer[]) {
  const dir = join(root, "runs", runId);
  mkdirSync(dir, {recursive: true});
  writeFileSync(join(dir, "run.json"), JSON.stringify({run_id: runId, model: "m", task, samples: 4}));
  const bytes = Buffer.concat(lines);
  writeFileSync(join(dir, name), name.endsWith(".gz") ? gzipSync(bytes) : bytes);
}

describe("readFloor", () => {
  it("counts every line and extracts each distinct (choices, response) of a run once, in its task's form", async () => {
    const root = join(work, "root");
    mkdirSync(root);
    writeFileSync(
      join(root, "tasks.json"),
      JSON.stringify([
        {name: "mcq-task", answer_type: "mcq"},
        {name: "tf-task", answer_type: "boolean"}
      ])
    );
    const b = "The answer is (B).";
    writeRun(root, "r1", "mcq-task", "samples.jsonl.gz", [
      json({question_id: "q1", sample: 0, response: b, choices: ["A", "B"]}),
      json({question_id: "q1", sample: 1, response: b, choices: ["A", "B"]}), // same: not extracted again
      json({question_id: "q2", sample: 0, response: b, choices: ["A", "B", "C"]}), // other choices: extracted
      json({question_id: "q3", sample: 0, response: "I cannot tell.", choices: ["A", "B"]}), // no answer
      json({question_id: "q4", sample: 0, response: "True.", choices: ["A", "B"]}), // no letter
      Buffer.from("{not json\n"),
      Buffer.from([0x7b, 0xff, 0xfe, 0x7d, 0x0a]) // invalid UTF-8: read, not parsed
    ]);
    writeRun(root, "r2", "tf-task", "samples.jsonl", [
      json({question_id: "s1", sample: 0, response: "The statement is false."}),
      json({question_id: "s2", sample: 0, response: "True."}) // seen in r1, but each run has its own cache
    ]);
    // 7 + 2 lines; r1 extracts 4 (answered: B twice), r2 extracts 2 as booleans (both answered)
    const floor = await readFloor(root);
    expect(floor).toMatchObject({lines: 9, extracted: 6, answered: 4});
    expect(floor.extractSeconds).toBeGreaterThan(0);
  });
});
