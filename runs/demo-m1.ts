/**
 * Seeded, deterministic generator of the m1 demo runs root: an illustrative thinking-budget sweep
 * (128 … 8192 reasoning tokens) for two model sizes on a MedQA-like multiple-choice task, and one
 * budget-forcing run per model with rounds 0–3. The seed paper (m1, abstract only) gives qualitative
 * findings — an optimal reasoning budget near 4K tokens with a decline beyond it, and budget forcing
 * ("Wait") that double-checks answers but can turn correct answers wrong — so the accuracies here are
 * invented to show those shapes and are NOT calibrated to published numbers. Output follows
 * spec/run-logs.md; decisions are documented in docs/demo-o1journey-m1.md.
 */
import {gzipSync} from "node:zlib";
import {seededRandom} from "../src/lib/stats/random.js";
import type {ModelInfo, RunInfo, TaskInfo} from "../src/lib/types.js";
import {composeResponse, type UnparsedKind} from "./demo-text.js";
import {nearestCorrect} from "./demo-o1journey-calibration.js";
import {
  buildQuestions,
  O1_TASKS,
  scaledQuestions,
  type O1Question,
  type O1Task
} from "./demo-o1journey-registry.js";
import {answerPhrase, drawSentences, MONOLOG_TEMPLATES, WAIT_TEMPLATES} from "./demo-o1journey-text.js";
import {streamSeed} from "./demo-random.js";
import {writeRoot} from "./write-root.js";

/** Default seed of the m1 demo. */
export const DEFAULT_SEED = 20250402;
/** The thinking budgets of the sweep, in tokens. */
export const M1_BUDGETS: readonly number[] = [128, 256, 512, 1024, 2048, 4096, 8192];
/** Budget-forcing rounds after the first answer (round 0). */
export const FORCING_ROUNDS = 3;
/** The thinking budget of the forcing runs (the sweep's optimum). */
export const FORCING_BUDGET = 4096;
/** Decoding settings (the generator's choice). */
export const DECODING = {temperature: 0, top_p: 1, max_tokens: 8192 + 512} as const;

/** A demo model and the shapes it is made to show. */
export interface M1Model {
  info: ModelInfo;
  /** Accuracy (percent) at each budget of {@link M1_BUDGETS}: rising, a maximum at 4096, a mild decline at 8192. */
  accuracy: readonly number[];
  /** Median thinking length (tokens) when unconstrained. */
  thinkMedian: number;
  /** Per forcing round, the share of all questions turned correct→wrong and wrong→correct. */
  forcing: {correctToWrong: readonly number[]; wrongToCorrect: readonly number[]};
}

/** Two sizes: the larger is more accurate, thinks less, and flips fewer answers under forcing. */
export const M1_MODELS: readonly M1Model[] = [
  {
    info: {name: "m1-7B", family: "m1", params_b: 7, train_tokens_t: null, instruct: true, size_class: "~7B"},
    accuracy: [52.0, 55.2, 59.1, 62.5, 64.9, 66.3, 65.4],
    thinkMedian: 1900,
    forcing: {correctToWrong: [0.03, 0.02, 0.013], wrongToCorrect: [0.026, 0.017, 0.011]}
  },
  {
    info: {
      name: "m1-32B",
      family: "m1",
      params_b: 32,
      train_tokens_t: null,
      instruct: true,
      size_class: "~32B"
    },
    accuracy: [63.8, 67.0, 71.0, 74.4, 76.8, 78.1, 77.4],
    thinkMedian: 1500,
    forcing: {correctToWrong: [0.022, 0.014, 0.009], wrongToCorrect: [0.02, 0.012, 0.008]}
  }
];

/** The task: MedQA-like four-option questions (the O1 Journey demo's MedQA task definition). */
export const M1_TASK: O1Task = O1_TASKS.find((t) => t.benchmark === "medqa")!;

function normal(random: () => number): number {
  const u = 1 - random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** One question's outcome at one budget (or forcing round). */
export interface M1Answer {
  answer: string | null;
  kind: UnparsedKind | null;
  /** Thinking tokens spent (≤ budget). */
  thinking: number;
  /** Output tokens of the line (thinking + answer; cumulative over forcing rounds). */
  tokens: number;
  truncated: boolean;
}

/** A planned run: one entry per question (sweep) or per question × round (forcing). */
export interface M1Plan {
  run_id: string;
  model: M1Model;
  budget: number;
  /** [question][round] (sweep runs have one round). */
  answers: M1Answer[][];
  questions: O1Question[];
  strategy: string;
}

function wrongAnswer(random: () => number, q: O1Question, avoid?: string | null): string {
  const wrongs = q.choices.filter((c) => c !== q.gold && c !== avoid);
  return random() < 0.6 && q.lure !== avoid ? q.lure : wrongs[Math.floor(random() * wrongs.length)];
}

/**
 * Plans a model's sweep: each question has an unconstrained thinking length L (lognormal around the
 * model's median, longer for harder questions); at budget b it thinks min(L, b) tokens (truncated when
 * L > b) and answers in 15–40 more. The k = nearestCorrect(accuracy(b), n) questions with the lowest
 * score are right, score = difficulty + model noise + budget noise (AR(1) across budgets, so adjacent
 * budgets mostly agree) + a penalty when thinking was truncated. Unparsable answers (more at 128
 * tokens) are drawn among the wrong ones.
 */
export function planSweep(seed: number, model: M1Model, questions: readonly O1Question[]): M1Plan[] {
  const n = questions.length;
  const name = model.info.name;
  const random = seededRandom(streamSeed(seed, "m1-sweep", name));
  const think = questions.map(
    (q) => model.thinkMedian * Math.exp(0.55 * normal(random) + 0.3 * q.difficulty)
  );
  const base = questions.map((q) => 0.8 * q.difficulty + 0.45 * normal(random));
  let noise = questions.map(() => normal(random));
  return M1_BUDGETS.map((budget, b) => {
    if (b > 0) noise = noise.map((e) => 0.85 * e + Math.sqrt(1 - 0.85 ** 2) * normal(random));
    const scores = questions.map(
      (_, i) => base[i] + 0.3 * noise[i] + 0.5 * Math.max(0, Math.log(think[i] / budget))
    );
    const order = scores.map((_, i) => i).sort((x, y) => scores[x] - scores[y] || x - y);
    const k = nearestCorrect(model.accuracy[b], n);
    const correct = new Uint8Array(n);
    for (let r = 0; r < k; r++) correct[order[r]] = 1;
    const nullShare = n > k ? Math.min(1, ((budget <= 128 ? 0.02 : 0.004) * n) / (n - k)) : 0;
    const answers = questions.map((q, i): M1Answer[] => {
      const thinking = Math.max(8, Math.round(Math.min(think[i], budget)));
      const truncated = think[i] > budget;
      const unparsed = !correct[i] && random() < nullShare;
      const answer = correct[i] ? q.gold : unparsed ? null : wrongAnswer(random, q);
      const tokens = thinking + 15 + Math.floor(random() * 26);
      return [{answer, kind: unparsed ? "hedging" : null, thinking, tokens, truncated}];
    });
    return {
      run_id: `${name}.budget-${String(budget).padStart(5, "0")}`,
      model,
      budget,
      answers,
      questions: [...questions],
      strategy: "thinking-budget"
    };
  });
}

/**
 * Plans a model's budget-forcing run at {@link FORCING_BUDGET}: round 0 is the sweep's answer at that
 * budget; in each later round "Wait" is appended and the model continues (150–400 more tokens), and
 * round(share · n) currently-correct questions turn wrong and round(share · n) currently-wrong ones turn
 * right (model.forcing), drawn at random; a wrong answer may also change to another wrong letter.
 */
export function planForcing(seed: number, model: M1Model, sweepAtBudget: M1Plan): M1Plan {
  const random = seededRandom(streamSeed(seed, "m1-forcing", model.info.name));
  const questions = sweepAtBudget.questions;
  const n = questions.length;
  const rounds: M1Answer[][] = sweepAtBudget.answers.map((a) => [a[0]]);
  for (let r = 1; r <= FORCING_ROUNDS; r++) {
    const current = rounds.map((a) => a[r - 1]);
    const right = current.map((a, i) => (a.answer === questions[i].gold ? i : -1)).filter((i) => i >= 0);
    const wrong = current.map((a, i) => (a.answer !== questions[i].gold ? i : -1)).filter((i) => i >= 0);
    const flip = new Set<number>([
      ...shuffled(random, right).slice(0, Math.round(model.forcing.correctToWrong[r - 1] * n)),
      ...shuffled(random, wrong).slice(0, Math.round(model.forcing.wrongToCorrect[r - 1] * n))
    ]);
    current.forEach((before, i) => {
      const q = questions[i];
      const isRight = before.answer === q.gold;
      let answer = before.answer;
      if (flip.has(i)) answer = isRight ? wrongAnswer(random, q) : q.gold;
      else if (!isRight && random() < 0.15) answer = wrongAnswer(random, q, before.answer);
      const extra = 150 + Math.floor(random() * 251);
      rounds[i].push({
        answer,
        kind: answer === null ? (before.kind ?? "hedging") : null,
        thinking: before.thinking + extra,
        tokens: before.tokens + extra,
        truncated: false
      });
    });
  }
  return {
    run_id: `${model.info.name}.forcing`,
    model,
    budget: FORCING_BUDGET,
    answers: rounds,
    questions: [...questions],
    strategy: "budget-forcing"
  };
}

function shuffled<T>(random: () => number, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * The text of one line: a `<think>` block (monolog sentences; cut mid-sentence when the budget ran out;
 * for forcing rounds ≥ 1, the continuation after "Wait") closed before the final answer phrase — or a
 * hedge with no answer when unparsable. Stored text is abridged; output_tokens carries the count.
 */
export function renderM1Response(random: () => number, q: O1Question, a: M1Answer, round: number): string {
  let thought: string;
  if (round > 0) {
    thought = [
      ...drawSentences(random, WAIT_TEMPLATES, 1, q.words),
      ...drawSentences(random, MONOLOG_TEMPLATES, 1 + Math.floor(random() * 2), q.words)
    ].join(" ");
  } else {
    const count = Math.max(1, Math.min(MONOLOG_TEMPLATES.length, Math.round(a.thinking / 250)));
    thought = drawSentences(random, MONOLOG_TEMPLATES, count, q.words).join(" ");
    if (a.truncated) {
      const cut = thought.slice(0, Math.max(12, Math.floor(thought.length * (0.5 + 0.4 * random()))));
      thought = cut.slice(0, Math.max(cut.lastIndexOf(" "), 8));
    }
  }
  const head = `<think>\n${thought}\n</think>\n\n`;
  if (a.answer === null)
    return (
      head +
      composeResponse(
        {
          answerType: "mcq",
          lead: "plain",
          answer: null,
          unparsed: a.kind ?? "hedging",
          agree: true,
          targetChars: 0,
          phrase: 0,
          hedge: [q.lure, q.gold],
          words: q.words
        },
        random
      )
    );
  return head + answerPhrase(random, a.answer);
}

function renderLines(seed: number, plan: M1Plan): string[] {
  const random = seededRandom(streamSeed(seed, "m1-text", plan.run_id));
  const lines: string[] = [];
  const forcing = plan.strategy === "budget-forcing";
  plan.questions.forEach((q, i) => {
    plan.answers[i].forEach((a, round) => {
      const response = renderM1Response(random, q, a, round);
      lines.push(
        `{"question_id":${JSON.stringify(q.question_id)},"sample":0,${forcing ? `"round":${round},` : ""}"response":${JSON.stringify(response)},"gold":${JSON.stringify(q.gold)},"choices":${JSON.stringify(q.choices)},"output_tokens":${a.tokens}}\n`
      );
    });
  });
  return lines;
}

/** Contents of root.json. */
export function rootInfo(seed: number): Record<string, unknown> {
  return {
    name: "m1 demo",
    synthetic: true,
    description:
      "Illustrative synthetic logs: the m1 seed paper (abstract only) gives qualitative findings, not numbers " +
      "— an optimal reasoning budget of about 4K tokens with a decline beyond it, and budget forcing that can " +
      "turn correct answers wrong. Two model sizes answer MedQA-like four-option questions under thinking " +
      "budgets of 128 to 8192 tokens, plus budget forcing ('Wait', rounds 0–3) at 4096; the accuracies are " +
      "invented to show those shapes. Not real model output and not calibrated to any published value.",
    generator: "runs/demo-m1.ts",
    seed,
    calibrated_to: "nothing (illustrative of m1's qualitative findings, abstract)"
  };
}

export interface GenerateOptions {
  seed?: number;
  /** Multiplies the question count (1273 at scale 1; at least 8). */
  scale?: number;
  onProgress?: (message: string) => void;
}

/** Every run of the root, planned (no text): per model its sweep, then its forcing run. */
export function planM1(seed = DEFAULT_SEED, scale = 1): M1Plan[] {
  const questions = buildQuestions(seed, M1_TASK, scale);
  return M1_MODELS.flatMap((model) => {
    const sweep = planSweep(seed, model, questions);
    return [
      ...sweep,
      planForcing(
        seed,
        model,
        sweep.find((p) => p.budget === FORCING_BUDGET)!
      )
    ];
  });
}

/**
 * Writes the m1 demo runs root to `dir` (replacing it): per model 7 sweep runs (`thinking_budget` in
 * run.json, one sample per question) and one forcing run (`round` 0–3 on its lines, `thinking_budget`
 * 4096), with root.json, models.json, tasks.json and index.json.
 *
 * @example
 * await generateM1("runs/demo/m1") // {runs: 16, lines: 2 × (7 + 4) × 1273}
 */
export async function generateM1(
  dir: string,
  options: GenerateOptions = {}
): Promise<{runs: number; lines: number}> {
  const seed = options.seed ?? DEFAULT_SEED;
  const scale = options.scale ?? 1;
  if (!Number.isInteger(seed) || seed < 0)
    throw new RangeError(`seed must be a non-negative integer, got ${seed}`);
  scaledQuestions(1, scale);
  const progress = options.onProgress ?? (() => {});
  const plans = planM1(seed, scale);
  let lines = 0;
  const task: TaskInfo = {
    ...M1_TASK.info,
    name: "medqa",
    note: `${M1_TASK.info.note} Questions and answers are synthetic.`
  };
  await writeRoot(dir, async (put, json) => {
    await put("root.json", json(rootInfo(seed)));
    await put("models.json", json(M1_MODELS.map((m) => m.info)));
    await put("tasks.json", json([task]));
    for (const [index, plan] of plans.entries()) {
      const run: RunInfo = {
        run_id: plan.run_id,
        model: plan.model.info.name,
        task: task.name,
        strategy: plan.strategy,
        samples: 1,
        thinking_budget: plan.budget,
        ...DECODING
      };
      const text = renderLines(seed, plan);
      await put(`runs/${plan.run_id}/run.json`, json(run));
      await put(`runs/${plan.run_id}/samples.jsonl.gz`, gzipSync(Buffer.from(text.join("")), {level: 1}));
      lines += text.length;
      progress(`[${index + 1}/${plans.length}] ${plan.run_id}: ${text.length} lines`);
    }
  });
  return {runs: plans.length, lines};
}
