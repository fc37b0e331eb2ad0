import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {fileURLToPath} from "node:url";
import {afterAll, describe, expect, it} from "vitest";
import {analyzeRoot} from "../../../data-loaders/pipeline/analyze.js";
import {makeTinyRoot} from "../pipeline/tiny-root.js";

/*
 * readRunMetrics (runs.json): `upstream_accuracy`, the format's own per-sample score averaged, beside
 * medscale's `accuracy`. Expected values from the fixtures' hand-worked comments:
 * - tiny canonical root (test/data-loaders/pipeline/tiny-root.ts): run a has no upstream score → null;
 *   run b has upstream_correct true, false, 1 on its accepted lines → 2/3.
 * - lm-eval fixture (test/data-loaders/adapters/lm-eval/index.test.ts): toy_gen strict exact_match
 *   1, 1, 1, 0, 0, 0 → 1/2; toy_gen flexible 1, 1 → 1; toy_mc acc 1, 0, 1 (its 4th record is
 *   rejected) → 2/3 — the harness's reported accuracy for that run.
 * - MedAgentsBench fixture (test/data-loaders/adapters/medagentsbench/index.test.ts): the zero_shot run's
 *   predicted_answer matches answer_idx on 2 of its 3 records → 2/3, the accuracy the file logs.
 */
const work = mkdtempSync(join(tmpdir(), "medscale-queries-"));
const tiny = makeTinyRoot();
afterAll(() => {
  rmSync(work, {recursive: true, force: true});
  tiny.cleanup();
});
const LM_EVAL = fileURLToPath(new URL("../../fixtures/adapters/lm-eval", import.meta.url));
const MEDAGENTSBENCH = fileURLToPath(new URL("../../fixtures/adapters/medagentsbench", import.meta.url));
const GEN = "acme_Toy-3B-Instruct.toy_gen.2025-01-02T03-04-05.000006";
const MC = "acme_Toy-3B-Instruct.toy_mc.2025-01-02T03-04-05.000006.none";

describe("readRunMetrics: upstream_accuracy beside accuracy", () => {
  it("is null where the logs carry no per-sample score, and the mean of it where they do", async () => {
    const {analysis} = await analyzeRoot(tiny.dir, {
      database: join(work, "tiny.duckdb"),
      cacheDir: join(work, "c")
    });
    const byId = new Map(analysis.runs.map((r) => [r.run_id, r]));
    expect(byId.get("a")).toMatchObject({accuracy: 0.5, upstream_accuracy: null});
    expect(byId.get("b")).toMatchObject({accuracy: 0.8, upstream_accuracy: expect.closeTo(2 / 3, 12)});
    // The field sits right after medscale's own metrics in runs.json.
    expect(Object.keys(byId.get("a")!).slice(-3)).toEqual([
      "mean_output_tokens",
      "upstream_accuracy",
      "accuracy_ci"
    ]);
  });

  it("carries lm-eval's exact_match / acc averaged per run", async () => {
    const {analysis} = await analyzeRoot(LM_EVAL, {
      format: "lm-eval",
      database: join(work, "lm-eval.duckdb"),
      cacheDir: join(work, "c")
    });
    const upstream = (id: string) => analysis.runs.find((r) => r.run_id === id)?.upstream_accuracy;
    expect(upstream(`${GEN}.strict`)).toBe(0.5);
    expect(upstream(`${GEN}.flexible`)).toBe(1);
    expect(upstream(MC)).toBeCloseTo(2 / 3, 12);
  });

  it("carries MedAgentsBench's predicted_answer, scored against answer_idx, averaged per run", async () => {
    const {analysis} = await analyzeRoot(MEDAGENTSBENCH, {
      format: "medagentsbench",
      database: join(work, "mab.duckdb"),
      cacheDir: join(work, "c")
    });
    const run = analysis.runs.find((r) => r.run_id === "Tiny-Med-7B.medqa.test_hard.zero_shot");
    expect(run?.upstream_accuracy).toBeCloseTo(2 / 3, 12);
  });
});
