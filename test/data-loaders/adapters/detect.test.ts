import path from "node:path";
import {describe, expect, it} from "vitest";
import {FormatDetectionError, detectFormat} from "../../../data-loaders/adapters/detect.js";
import {FIXTURES, REAL_LOGS, openTestRoot, realSet, tempTree} from "./helpers.js";

const detect = async (files: Record<string, string>) =>
  detectFormat(await openTestRoot(await tempTree(files)));

describe("detectFormat", () => {
  it("recognizes each layout", async () => {
    expect(await detect({"models.json": "[]", "tasks.json": "[]", "runs/a/run.json": "{}"})).toBe(
      "canonical"
    );
    expect(await detect({"logs/x.eval": "zip"})).toBe("inspect");
    expect(
      await detect({"output/medqa/gpt-4o-medqa-test-zero_shot.json": "[]", "data/medqa/test.jsonl": ""})
    ).toBe("medagentsbench");
    expect(await detect({"m/results_2024-11-19T15-07-36.131394.json": "{}"})).toBe("lm-eval");
    expect(await detect({"m/samples_winogrande_2024-11-19T15-07-36.131394.jsonl": ""})).toBe("lm-eval");
    expect(await detectFormat(await openTestRoot(path.join(FIXTURES, "lm-eval")))).toBe("lm-eval");
    expect(await detectFormat(await openTestRoot(path.join(FIXTURES, "medagentsbench")))).toBe(
      "medagentsbench"
    );
  });

  it("registries with files under summaries/ are a summaries root, without them canonical", async () => {
    const registries = {"models.json": "[]", "tasks.json": "[]", "runs/a/run.json": "{}"};
    expect(await detect({...registries, "summaries/model=m/task=t/part-0.parquet": ""})).toBe("summaries");
    expect(await detect({...registries, "summaries.jsonl": ""})).toBe("canonical");
  });

  it("canonical registries win over other files", async () => {
    expect(await detect({"models.json": "[]", "tasks.json": "[]", "extra/x.eval": ""})).toBe("canonical");
  });

  it("says what it looked for when nothing matches", async () => {
    const error = await detect({"README.md": "hi", "output/notes.json": "{}", "results.json": "{}"}).catch(
      (e) => e
    );
    expect(error).toBeInstanceOf(FormatDetectionError);
    expect(error.message).toMatch(/no known layout \(3 files\)/);
    expect(error.message).toMatch(/models\.json \+ tasks\.json/);
    expect(error.message).toMatch(/\*\.eval/);
    expect(error.message).toMatch(/samples_<task>_<time>\.jsonl/);
  });

  it("refuses to guess between several third-party layouts", async () => {
    await expect(detect({"a.eval": "", "m/results_2024-01-01T00-00-00.0.json": "{}"})).rejects.toThrow(
      /matches several formats \(inspect, lm-eval\); choose one with the format flag/
    );
  });

  it.skipIf(!realSet("medagentsbench"))("detects the three real sets", async () => {
    for (const [dir, format] of [
      ["medagentsbench", "medagentsbench"],
      ["lm-eval-harness", "lm-eval"],
      ["inspect", "inspect"]
    ])
      expect(await detectFormat(await openTestRoot(path.join(REAL_LOGS, dir)))).toBe(format);
  });
});
