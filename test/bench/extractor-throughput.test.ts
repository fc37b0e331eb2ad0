import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {gzipSync} from "node:zlib";
import {afterAll, afterEach, describe, expect, it} from "vitest";
import {extractorThroughput} from "../../bench/extractor-throughput.js";

const work = mkdtempSync(join(tmpdir(), "medscale-extractor-bench-"));
afterAll(() => rmSync(work, {recursive: true, force: true}));
const saved = process.env.MEDSCALE_REAL_LOGS;
afterEach(() => {
  if (saved === undefined) delete process.env.MEDSCALE_REAL_LOGS;
  else process.env.MEDSCALE_REAL_LOGS = saved;
});

/** The count of responses the printed line says it measured. */
const measured = (line: string) => /\(([\d,]+) /.exec(line)?.[1];

describe("extractorThroughput", () => {
  it("measures the demo root's multiple-choice responses when the real logs are absent", () => {
    process.env.MEDSCALE_REAL_LOGS = join(work, "absent");
    const root = join(work, "demo");
    mkdirSync(join(root, "runs", "r1"), {recursive: true});
    const lines = [
      {question_id: "q1", sample: 0, response: "The answer is (B).", gold: "B", choices: ["A", "B"]},
      {question_id: "q2", sample: 0, response: "True.", gold: "true"},
      {question_id: "q3", sample: 0, response: "Answer: A", gold: "A", choices: ["A", "B"]}
    ];
    writeFileSync(
      join(root, "runs", "r1", "samples.jsonl.gz"),
      gzipSync(lines.map((l) => JSON.stringify(l)).join("\n") + "\n")
    );
    const line = extractorThroughput(root);
    expect(line).toMatch(/responses\/s/);
    expect(line).toContain("demo multiple-choice responses");
    expect(measured(line)).toBe("2");
  });

  it("measures every raw text of the MedAgentsBench outputs when $MEDSCALE_REAL_LOGS has them", () => {
    const logs = join(work, "real-logs");
    const output = join(logs, "medagentsbench", "output", "medqa");
    mkdirSync(output, {recursive: true});
    // Python's json.dump writes NaN: the file is read all the same.
    writeFileSync(
      join(output, "m-medqa-test-cot.json"),
      '[{"options": {"A": "x", "B": "y"}, "completion": "B", "predicted_answer": NaN,\n' +
        '  "raw_responses": [["A", "B"], ["A"]], "final_raw_response": 3}]\n'
    );
    process.env.MEDSCALE_REAL_LOGS = logs;
    const line = extractorThroughput(join(work, "unused"));
    expect(line).toContain("real MedAgentsBench responses");
    expect(measured(line)).toBe("4");
  });
});
