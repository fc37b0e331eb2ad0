import {describe, expect, it} from "vitest";
import {bootstrapFits, withIntervals} from "../../../src/lib/scaling/fit-bootstrap.js";
import {extrapolate} from "../../../src/lib/scaling/extrapolate.js";
import {fitStudy} from "../../../src/lib/scaling/power-law-fit.js";
import {runAccuracy, type RunCorrectness} from "../../../src/lib/scoring/run-accuracy.js";
import {defaultStudy} from "../../../src/lib/scaling/study.js";
import type {ModelInfo} from "../../../src/lib/types.js";
import {medresevalModels, medresevalTasks} from "../../fixtures/study/medreseval-registry.js";

// The bootstrap at the size of the MedResEval logs (144 million draws). Its own file so that
// vitest.mutation.config.ts can leave it out: every mutant of fit-bootstrap.ts would run it, for seconds
// each. The arithmetic is pinned down on small inputs in fit-bootstrap.test.ts.

/** A run with the first k of n questions correct (order is irrelevant to resampling). */
function run(model: string, task: string, n: number, k: number, chance = 0.2): RunCorrectness {
  const correct = new Uint8Array(n);
  correct.fill(1, 0, k);
  return {run_id: `${model}.${task}`, model, task, correct, chance, chances: null, max: 1};
}

describe("bootstrapFits at full size", () => {
  it("full MedResEval size: 12 models × 6 tasks × 2000 questions, B = 1000", () => {
    // True law per size class and group; each run's correct count follows it exactly.
    const base = medresevalModels.filter((m) => !m.instruct);
    const law = (m: ModelInfo, task: string) => {
      const big = m.params_b! > 30;
      const hard = !["origin", "semvar"].includes(task);
      const alpha = (big ? 0.22 : 0.17) * (hard ? 0.5 : 1);
      return 1 - (big ? 0.72 : 0.98) * m.train_tokens_t! ** -alpha;
    };
    const n = 2000;
    const runs = base.flatMap((m) =>
      medresevalTasks.map((t) => run(m.name, t.name, n, Math.round((0.2 + 0.8 * law(m, t.name)) * n)))
    );
    const study = defaultStudy(medresevalModels, medresevalTasks);
    const start = performance.now();
    const boot = bootstrapFits(runs, medresevalModels, study, {replicates: 1000, seed: 42});
    const ms = performance.now() - start;
    console.log(
      `bootstrap: ${runs.length} runs × ${n} questions × B = 1000 (${boot.draws_per_replicate * 1000} draws): ` +
        `${ms.toFixed(0)} ms`
    );
    expect(boot.runs.length).toBe(72);
    const observed = fitStudy(runs.map(runAccuracy), medresevalModels, study);
    const filled = withIntervals(observed, extrapolate(observed, study), boot);
    for (const fit of filled.fits) {
      const {lower, upper} = fit.intervals!.alpha!;
      expect(lower!).toBeLessThan(fit.alpha!);
      expect(upper!).toBeGreaterThan(fit.alpha!);
    }
    for (const e of filled.extrapolations) {
      expect(e.interval!.lower!).toBeLessThan(e.tokens_t!);
      expect(e.interval!.upper ?? Infinity).toBeGreaterThan(e.tokens_t!);
      expect(e.alpha_ratio_interval!.lower!).toBeLessThan(e.alpha_ratio!);
    }
  });
});
