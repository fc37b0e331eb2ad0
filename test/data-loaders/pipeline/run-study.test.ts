import {mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {dirname, join} from "node:path";
import {afterAll, describe, expect, it} from "vitest";
import {runStudy} from "../../../data-loaders/pipeline/run-study.js";
import {medresevalAnalyze} from "../../../data-loaders/studies/medreseval/index.js";
import type {SiteMeta} from "../../../src/contracts/common.js";

/*
 * A site prepared from a root the user named by an absolute path outside the project (MEDSCALE_RUNS=/path):
 * the study reads the root's study.json through the location it was given, and no site file names the
 * build machine's path. Two models × one task, four two-choice questions, one sample each.
 */
const work = mkdtempSync(join(tmpdir(), "medscale-run-study-"));
afterAll(() => rmSync(work, {recursive: true, force: true}));
const root = join(work, "logs", "my-root");
const put = (path: string, value: unknown) => {
  mkdirSync(dirname(join(root, path)), {recursive: true});
  writeFileSync(join(root, path), typeof value === "string" ? value : JSON.stringify(value));
};
put("models.json", [
  {name: "m1", family: "f", params_b: 7, train_tokens_t: 1},
  {name: "m2", family: "f", params_b: 7, train_tokens_t: 2}
]);
put("tasks.json", [{name: "t1", benchmark: "fixture", answer_type: "mcq"}]);
put("study.json", {
  version: 1,
  id: "mine",
  title: "My study",
  groups: [{id: "all", tasks: ["t1"]}],
  size_classes: [{id: "~7B", params_b: [5, 15]}],
  bootstrap: {replicates: 1000, seed: 1, level: 0.9}
});
for (const [model, right] of [
  ["m1", 1],
  ["m2", 3]
] as const) {
  put(`runs/${model}.t1/run.json`, {run_id: `${model}.t1`, model, task: "t1", samples: 1});
  put(
    `runs/${model}.t1/samples.jsonl`,
    [1, 2, 3, 4]
      .map((q) =>
        JSON.stringify({
          question_id: `q${q}`,
          sample: 0,
          response: `Answer: ${q <= right ? "A" : "B"}`,
          gold: "A",
          choices: ["A", "B"]
        })
      )
      .join("\n") + "\n"
  );
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, {recursive: true, withFileTypes: true})
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

describe("runStudy, site layout, a root outside the project", () => {
  it("reads the root's study.json and writes no absolute path of the build machine", async () => {
    const out = join(work, "site", "medreseval");
    const {meta} = await runStudy(
      {id: "medreseval", title: "MedResEval", spec: root, analyze: medresevalAnalyze},
      out,
      {log: () => {}, layout: "site", database: join(work, "medscale.duckdb")}
    );
    expect(meta.absent_reason).toBeNull();
    expect(meta.location).toBe("…/logs/my-root");
    const audit = JSON.parse(readFileSync(join(out, "audit.json"), "utf8")) as {
      study: {id: string};
      study_origin: {source: string};
    };
    expect(audit.study.id).toBe("mine");
    expect(audit.study_origin.source).toBe("study.json");
    const written = JSON.parse(readFileSync(join(out, "meta.json"), "utf8")) as SiteMeta;
    expect(written.location).toBe("…/logs/my-root");
    for (const file of filesUnder(join(work, "site")))
      expect(readFileSync(file).includes(work), file).toBe(false);
  });
});
