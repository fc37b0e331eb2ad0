import type {ComparisonRow} from "../../../src/contracts/comparison.js";
import type {M1Study} from "./analyze.js";
import {M1_CLAIMS, M1_OPTIMAL_BUDGET} from "./reference/published.js";

/**
 * m1's claims (abstract; reference/published.ts) as qualitative checks, per model: does the optimum fall
 * near 4K (is 4096 inside the bootstrap interval of the optimum's location? is it the argmax?), does
 * accuracy fall beyond the optimum, does budget forcing turn correct answers wrong, and what is its net
 * effect.
 */
export function m1Comparison({budget, forcing}: M1Study): ComparisonRow[] {
  const rows: ComparisonRow[] = [];
  const pct = (p: number) => `${(100 * p).toFixed(1)}%`;
  for (const study of budget) {
    const [lo, hi] = study.bootstrap.interval;
    const share = study.bootstrap.distribution.find((d) => d.budget === M1_OPTIMAL_BUDGET)?.share ?? 0;
    const inside = lo <= M1_OPTIMAL_BUDGET && M1_OPTIMAL_BUDGET <= hi;
    rows.push({
      paper: "m1",
      item: `m1 · ${study.model}: optimal thinking budget (≈4K tokens) within the bootstrap interval of the optimum`,
      published: M1_CLAIMS.optimalBudget.published,
      reproduced: study.optimum.budget,
      tolerance: null,
      flagged: !inside,
      run_ids: study.runs.map((r) => r.run_id),
      reason: `argmax ${study.optimum.budget} (accuracy ${pct(study.optimum.accuracy)}); ${Math.round(100 * study.bootstrap.level)}% bootstrap interval of the optimum's location [${lo}, ${hi}] (B = ${study.bootstrap.B}, questions resampled, paired across budgets); ${M1_OPTIMAL_BUDGET} ${inside ? "is" : "is not"} inside; it was the optimum in ${(100 * share).toFixed(0)}% of resamples`
    });
    rows.push({
      paper: "m1",
      item: `m1 · ${study.model}: is ${M1_OPTIMAL_BUDGET} the argmax of accuracy over budgets?`,
      published: M1_OPTIMAL_BUDGET,
      reproduced: study.optimum.budget,
      tolerance: null,
      flagged: study.optimum.budget !== M1_OPTIMAL_BUDGET,
      run_ids: study.runs.map((r) => r.run_id),
      reason: study.points.map((p) => `${p.budget}: ${pct(p.accuracy)}`).join(", ")
    });
    const last = study.points[study.points.length - 1];
    const decline = last.accuracy - study.optimum.accuracy;
    rows.push({
      paper: "m1",
      item: `m1 · ${study.model}: accuracy beyond the optimum (overthinking), largest budget − optimum (points)`,
      published: M1_CLAIMS.overthinking.published,
      reproduced: 100 * decline,
      tolerance: null,
      flagged: last.budget === study.optimum.budget,
      run_ids: study.runs
        .filter((r) => r.budget === last.budget || r.budget === study.optimum.budget)
        .map((r) => r.run_id),
      reason:
        last.budget === study.optimum.budget
          ? `the largest budget (${last.budget}) is the optimum: no decline to see`
          : `${last.budget}: ${pct(last.accuracy)} vs ${study.optimum.budget}: ${pct(study.optimum.accuracy)}; mean tokens spent ${last.mean_tokens.toFixed(0)} of ${last.budget}`
    });
  }
  for (const study of forcing) {
    const turnedWrong = study.transitions.reduce((s, t) => s + t.correct_to_wrong, 0);
    const turnedRight = study.transitions.reduce((s, t) => s + t.wrong_to_correct, 0);
    const first = study.rounds[0];
    const last = study.rounds[study.rounds.length - 1];
    rows.push({
      paper: "m1",
      item: `m1 · ${study.model}: budget forcing turns correct answers wrong (${study.run_id})`,
      published: M1_CLAIMS.forcingBreaksAnswers.published,
      reproduced: turnedWrong,
      tolerance: null,
      flagged: turnedWrong === 0,
      run_ids: [study.run_id],
      reason: study.transitions
        .map(
          (t) =>
            `round ${t.round}: ${t.correct_to_wrong} correct→wrong, ${t.wrong_to_correct} wrong→correct (net ${t.net >= 0 ? "+" : ""}${t.net})`
        )
        .join("; ")
    });
    rows.push({
      paper: "m1",
      item: `m1 · ${study.model}: budget forcing's net effect on accuracy, last round − round 0 (points)`,
      published: M1_CLAIMS.forcingNetEffect.published,
      reproduced: 100 * (last.accuracy - first.accuracy),
      tolerance: null,
      flagged: false,
      run_ids: [study.run_id],
      reason: `round ${first.round}: ${pct(first.accuracy)} → round ${last.round}: ${pct(last.accuracy)}; ${turnedRight} wrong→correct vs ${turnedWrong} correct→wrong over all rounds`
    });
  }
  return rows;
}
