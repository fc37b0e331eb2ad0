import {describe, expect, it} from "vitest";
import {DEFAULT_SEED} from "../../runs/demo-medreseval.js";
import {calibration} from "../../runs/demo-medreseval-calibration.js";
import {planRun} from "../../runs/demo-medreseval-plan.js";
import {DEMO_MODELS, DEMO_TASKS} from "../../runs/demo-medreseval-registry.js";
import {normalizedScore} from "../../src/lib/scoring/normalize.js";
import {majorityVote} from "../../src/lib/scoring/vote.js";

describe("planned samples at full scale (no files)", () => {
  const plans = DEMO_MODELS.flatMap((model) =>
    DEMO_TASKS.map((task) => planRun(DEFAULT_SEED, model, task, 1))
  );

  it("votes exactly k correct in every run, reproducing Table 4 within ±0.2", () => {
    const targets = new Map(calibration(1).map((c) => [`${c.model}.${c.task}`, c]));
    for (const plan of plans) {
      const cell = targets.get(`${plan.model.info.name}.${plan.task.info.name}`)!;
      let correct = 0;
      let offPlan = 0; // questions whose vote disagrees with the plan, or without five samples
      for (const q of plan.questions) {
        const right = majorityVote(q.answers).prediction === q.question.gold;
        if (right !== q.correct || q.answers.length !== 5) offPlan++;
        if (right) correct++;
      }
      expect(offPlan).toBe(0);
      expect(correct, `${cell.model}.${cell.task}`).toBe(cell.correct);
      const reproduced = 100 * normalizedScore(correct / plan.questions.length, cell.chance);
      expect(Math.abs(reproduced - cell.published)).toBeLessThanOrEqual(0.2);
    }
  });

  it("has realistic variety: unanimous, 4–1, 3–2, splits, ties decided both ways, nothing parsed", () => {
    const shapes = new Set<string>();
    const tiesFor = new Map<string, {won: number; lost: number}>();
    let noParse = 0;
    for (const plan of plans) {
      const ties = tiesFor.get(plan.model.info.name) ?? {won: 0, lost: 0};
      tiesFor.set(plan.model.info.name, ties);
      for (const q of plan.questions) {
        const counts = new Map<string, number>();
        for (const a of q.answers) if (a !== null) counts.set(a, (counts.get(a) ?? 0) + 1);
        const nulls = q.answers.filter((a) => a === null).length;
        shapes.add([...counts.values()].sort((a, b) => b - a).join("-") + (nulls ? `+${nulls}u` : ""));
        const vote = majorityVote(q.answers);
        if (vote.tie) {
          if (vote.prediction === q.question.gold) ties.won++;
          else ties.lost++;
        }
        if (vote.prediction === null) noParse++;
      }
    }
    for (const shape of ["5", "4-1", "3-2", "3-1-1", "2-1-1-1", "2-2-1", "2-2+1u", "4+1u"])
      expect(shapes).toContain(shape);
    for (const [model, ties] of tiesFor) {
      expect(ties.won, model).toBeGreaterThan(0);
      expect(ties.lost, model).toBeGreaterThan(0);
    }
    expect(noParse).toBeGreaterThan(0);
  });

  it("has per-model unparsable rates (weak base 5–10 %, strong instruct < 1 %) of all four kinds", () => {
    const rate = (name: string) => {
      let nulls = 0;
      let samples = 0;
      for (const plan of plans.filter((p) => p.model.info.name === name))
        for (const q of plan.questions) {
          samples += q.answers.length;
          nulls += q.answers.filter((a) => a === null).length;
        }
      return nulls / samples;
    };
    for (const weak of ["llama-7B", "llama2-7B", "Qwen-7B", "llama-65B"]) {
      expect(rate(weak), weak).toBeGreaterThan(0.05);
      expect(rate(weak), weak).toBeLessThan(0.105);
    }
    for (const strong of ["Qwen2-72B-Instruct", "Qwen2.5-72B-Instruct", "GPT-4o-mini", "GPT-4o"])
      expect(rate(strong), strong).toBeLessThan(0.01);
    const kinds = new Set(plans.flatMap((p) => p.questions.flatMap((q) => q.unparsed)));
    expect([...kinds].sort()).toEqual([null, "hedging", "refusal", "repetition", "truncated"].sort());
    let kindMismatches = 0; // a null answer must carry a kind, a parsed one must not
    for (const plan of plans)
      for (const q of plan.questions)
        q.answers.forEach((a, i) => {
          if ((a === null) !== (q.unparsed[i] !== null)) kindMismatches++;
        });
    expect(kindMismatches).toBe(0);
  });

  it("makes stronger runs more self-consistent", () => {
    const unanimous = (name: string, task: string) => {
      const plan = plans.find((p) => p.model.info.name === name && p.task.info.name === task)!;
      return (
        plan.questions.filter((q) => majorityVote(q.answers).topCount === 5).length / plan.questions.length
      );
    };
    expect(unanimous("GPT-4o", "origin")).toBeGreaterThan(unanimous("llama-7B", "origin") + 0.3);
  });

  it("builds balanced binary tasks and ~10 % 'None of the above' golds", () => {
    const golds = (task: string) =>
      plans.find((p) => p.task.info.name === task)!.questions.map((q) => q.question.gold);
    const share = (list: string[], value: string) => list.filter((g) => g === value).length / list.length;
    expect(share(golds("redu_ava_clu"), "true")).toBe(0.5);
    expect(share(golds("exp_deci_spac"), "yes")).toBe(0.5);
    expect(share(golds("diagnosis"), "J")).toBeGreaterThan(0.08);
    expect(share(golds("diagnosis"), "J")).toBeLessThan(0.12);
    // inc_reas_step: pairs from one MedQA question share the gold (the final correct letter).
    const inc = golds("inc_reas_step");
    for (let i = 0; i < inc.length; i += 2) expect(inc[i]).toBe(inc[i + 1]);
  });

  it("gives every question derived from one MedQA item that item's cluster; diagnosis has none", () => {
    const questions = (task: string) =>
      plans.find((p) => p.task.info.name === task)!.questions.map((q) => q.question);
    const origin = questions("origin");
    const semvar = questions("semvar");
    // origin question i is MedQA item i: origin-0001 ↔ medqa-0001, and semvar i is its synonym variant.
    expect(origin.map((q) => q.cluster)).toEqual(origin.map((q) => q.question_id.replace("origin", "medqa")));
    expect(semvar.map((q) => q.cluster)).toEqual(origin.map((q) => q.cluster));
    // The complex tasks: 800 items, × 4 statements, × 2 decision spaces, × 2 given answers; one gold per pair.
    const sizes = (task: string) => {
      const count = new Map<string, number>();
      for (const q of questions(task)) count.set(q.cluster!, (count.get(q.cluster!) ?? 0) + 1);
      return count;
    };
    for (const [task, per] of [
      ["redu_ava_clu", 4],
      ["exp_deci_spac", 2],
      ["inc_reas_step", 2]
    ] as const) {
      const count = sizes(task);
      expect(count.size, task).toBe(800);
      expect(new Set(count.values()), task).toEqual(new Set([per]));
      for (const id of count.keys()) expect(id).toMatch(/^medqa-\d{4}$/);
    }
    // The three complex tasks draw the same 800 items (the paper's parsable subset).
    expect([...sizes("exp_deci_spac").keys()].sort()).toEqual([...sizes("redu_ava_clu").keys()].sort());
    expect(questions("diagnosis").every((q) => q.cluster === null)).toBe(true);
  });
});
