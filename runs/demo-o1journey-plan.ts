import {
  O1_MAJORITY_CLAIMS,
  type PublishedTable1Row
} from "../data-loaders/studies/o1journey/reference/published.js";
import {seededRandom} from "../src/lib/stats/random.js";
import type {ModelInfo} from "../src/lib/types.js";
import {
  calibrateMajority,
  drawCounts,
  MAJORITY_SAMPLES,
  nearestCorrect,
  type Counts,
  type MajorityCalibration,
  type MajorityTargets
} from "./demo-o1journey-calibration.js";
import {DECODING, O1_MODELS, styleOf, type O1Question, type O1Task} from "./demo-o1journey-registry.js";
import {normal, shuffle, streamSeed} from "./demo-random.js";
import type {UnparsedKind} from "./demo-text.js";

/**
 * Per-run answer planning of the O1 Journey demo (no text yet): which questions each sample gets
 * right, which answers are unparsable, and how many output tokens each sample spends — a Table 1 run
 * from its published accuracy and mean tokens, a majority-voting run from its calibrated counts.
 */

/**
 * Share of unparsable samples of a Table 1 run. Small models under CoT prompting "fail to adhere to the
 * instructed output format" (§3.3, Fig. 4), so they get more.
 */
export function unparsedRate(model: ModelInfo, strategy: string): number {
  const small = model.params_b !== null && model.params_b <= 20;
  if (strategy === "vanilla") return 0.002;
  if (strategy === "vanilla-cot") return model.name === "InternLM2.5-7B" ? 0.05 : small ? 0.025 : 0.004;
  return strategy === "cot-sft" ? 0.004 : strategy === "longstep" ? 0.006 : 0.01;
}

/** One run as planned: per question, each sample's intended answer (null = unparsable), kind and tokens. */
export interface RunPlan {
  run_id: string;
  model: string;
  strategy: string;
  task: O1Task;
  samples: number;
  questions: O1Question[];
  answers: (string | null)[][];
  kinds: (UnparsedKind | null)[][];
  tokens: number[][];
  /** Questions whose sample 0 is correct. */
  firstCorrect: number;
  /** Set when this run is sample 0 of a majority-voting run: that run's id (its text is reused). */
  sampleOf?: string;
}

/** Latent score of each question for one model × strategy (lower = more likely right). */
function runScores(
  seed: number,
  model: string,
  strategy: string,
  questions: readonly O1Question[],
  task: string
) {
  const modelNoise = seededRandom(streamSeed(seed, "model-noise", model, task));
  const runNoise = seededRandom(streamSeed(seed, "run-noise", model, strategy, task));
  return questions.map((q) => 0.7 * q.difficulty + 0.5 * normal(modelNoise) + 0.45 * normal(runNoise));
}

function pickWrong(random: () => number, q: O1Question, lureShare: number): string {
  if (random() < lureShare) return q.lure;
  const others = q.choices.filter((c) => c !== q.gold && c !== q.lure);
  return others[Math.floor(random() * others.length)];
}

/**
 * Plans a Table 1 run (one sample per question): the k = {@link nearestCorrect} questions with the lowest
 * latent score are right; some wrong ones are unparsable.
 */
export function planTableRun(
  seed: number,
  row: PublishedTable1Row,
  task: O1Task,
  questions: readonly O1Question[]
): RunPlan {
  const model = O1_MODELS.find((m) => m.name === row.model);
  if (!model) throw new Error(`demo-o1journey: Table 1 model ${row.model} is not in O1_MODELS`);
  const n = questions.length;
  const k = nearestCorrect(row.acc[task.benchmark], n);
  const scores = runScores(seed, row.model, row.strategy, questions, task.info.name);
  const order = scores.map((_, i) => i).sort((a, b) => scores[a] - scores[b] || a - b);
  const correct = new Uint8Array(n);
  for (let r = 0; r < k; r++) correct[order[r]] = 1;
  const random = seededRandom(streamSeed(seed, "table-run", row.model, row.strategy, task.info.name));
  const style = styleOf(row.strategy);
  // Unparsable outputs are wrong by definition, so they are drawn among the wrong questions.
  const nullShare = n > k ? Math.min(1, (unparsedRate(model, row.strategy) * n) / (n - k)) : 0;
  const answers: (string | null)[][] = [];
  const kinds: (UnparsedKind | null)[][] = [];
  questions.forEach((q, i) => {
    if (correct[i]) {
      answers.push([q.gold]);
      kinds.push([null]);
    } else if (random() < nullShare) {
      answers.push([null]);
      kinds.push([style.unparsedKinds[Math.floor(random() * style.unparsedKinds.length)]]);
    } else {
      answers.push([pickWrong(random, q, 0.65)]);
      kinds.push([null]);
    }
  });
  const published = row.tokens[task.benchmark];
  const tokens = drawTokens(random, row.strategy, answers, kinds, questions, published, [0]);
  return {
    run_id: `${row.model}.${row.strategy}.${task.info.name}`,
    model: row.model,
    strategy: row.strategy,
    task,
    samples: 1,
    questions: [...questions],
    answers,
    kinds,
    tokens,
    firstCorrect: k
  };
}

/**
 * Output tokens per sample. With a published mean, lognormal around it (wrong answers 10 % longer,
 * truncated ones at max_tokens), then adjusted so that each group of sample indices in `groups` sums to
 * exactly mean × count — so the run's mean per sample equals the published integer. Without one (vanilla
 * answers), a short count from the length of the text (≈ 4 characters per token), drawn at render time:
 * here −1 marks "count from the text".
 */
function drawTokens(
  random: () => number,
  strategy: string,
  answers: readonly (string | null)[][],
  kinds: readonly (UnparsedKind | null)[][],
  questions: readonly O1Question[],
  published: number | null,
  groups: readonly number[]
): number[][] {
  const tokens = answers.map((row) => row.map(() => -1));
  if (published === null) return tokens;
  const sigma = strategy === "longstep" || strategy === "longmonolog" ? 0.3 : 0.35;
  // Group g holds sample indices s with groups[min(s, groups.length − 1)] === g: e.g. [0, 1] puts
  // sample 0 in group 0 and every later sample in group 1.
  const groupOf = (s: number) => groups[Math.min(s, groups.length - 1)];
  const adjustable = new Map<number, [number, number][]>();
  const fixedSum = new Map<number, number>();
  const count = new Map<number, number>();
  answers.forEach((row, q) =>
    row.forEach((answer, s) => {
      const g = groupOf(s);
      count.set(g, (count.get(g) ?? 0) + 1);
      if (kinds[q][s] === "truncated" || kinds[q][s] === "repetition") {
        tokens[q][s] = DECODING.max_tokens;
        fixedSum.set(g, (fixedSum.get(g) ?? 0) + DECODING.max_tokens);
        return;
      }
      const wrong = answer !== questions[q].gold ? 1.1 : 1;
      tokens[q][s] = published * wrong * Math.exp(sigma * normal(random) - (sigma * sigma) / 2);
      if (!adjustable.has(g)) adjustable.set(g, []);
      adjustable.get(g)!.push([q, s]);
    })
  );
  for (const [g, cells] of adjustable) {
    const target = published * count.get(g)! - (fixedSum.get(g) ?? 0);
    const sum = cells.reduce((acc, [q, s]) => acc + tokens[q][s], 0);
    const factor = Math.max(0, target) / sum;
    let rounded = 0;
    for (const [q, s] of cells) {
      tokens[q][s] = Math.max(1, Math.round(tokens[q][s] * factor));
      rounded += tokens[q][s];
    }
    // Spread the rounding residue one token at a time over random cells.
    let residue = Math.round(target) - rounded;
    for (let guard = 0; residue !== 0 && guard < 100 * cells.length; guard++) {
      const [q, s] = cells[Math.floor(random() * cells.length)];
      const step = Math.sign(residue);
      if (tokens[q][s] + step < 1) continue;
      tokens[q][s] += step;
      residue -= step;
    }
  }
  return tokens;
}

/**
 * Plans a majority-voting run (32 samples per question) of Qwen2.5-72B on MedQA under one strategy:
 * 1. per question a probability p of a correct sample, p = logistic(sharpness · (a − score)) with the
 *    latent score of the run and `a` set so that the mean p is the k = 1 target; counts of gold, lure,
 *    other wrong options and unparsable samples drawn from it;
 * 2. {@link calibrateMajority} adjusts the counts until the exact maj@k hits the §3.3 targets;
 * 3. sample 0 is gold in exactly nearestCorrect(Table 1 value, n) questions (drawn with probability
 *    G/32, then topped up or trimmed among eligible questions), so the first sample reproduces Table 1;
 *    the other samples are the remaining answers in random order.
 */
export function planMajorityRun(
  seed: number,
  targets: MajorityTargets,
  task: O1Task,
  questions: readonly O1Question[],
  published: number | null,
  {maxIterations}: {maxIterations?: number} = {}
): RunPlan & {calibration: MajorityCalibration} {
  const model = O1_MAJORITY_CLAIMS.model;
  const strategy = targets.strategy;
  const style = styleOf(strategy);
  const n = questions.length;
  const scores = runScores(seed, model, strategy, questions, task.info.name);
  const mean = scores.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(scores.reduce((a, b) => a + (b - mean) ** 2, 0) / n) || 1;
  const z = scores.map((s) => (s - mean) / sd);
  const start = targets.points[0].value / 100 / (1 - style.majorityNullRate);
  const meanP = (a: number) =>
    z.reduce((acc, zi) => acc + 1 / (1 + Math.exp(-style.sharpness * (a - zi))), 0) / n;
  let lo = -20;
  let hi = 20;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (meanP(mid) < start) lo = mid;
    else hi = mid;
  }
  const a = (lo + hi) / 2;
  const random = seededRandom(streamSeed(seed, "majority", model, strategy, task.info.name));
  const classes = task.choices.length + 1;
  const initial: Counts[] = z.map((zi) =>
    drawCounts(
      random,
      1 / (1 + Math.exp(-style.sharpness * (a - zi))),
      0.5 + 0.4 * random(),
      style.majorityNullRate,
      MAJORITY_SAMPLES,
      classes
    )
  );
  const calibration = calibrateMajority(initial, targets, random, {maxIterations});

  // Sample 0: gold in exactly k questions.
  const k = nearestCorrect(targets.points[0].value, n);
  const first = calibration.counts.map((c) => random() < c[0] / MAJORITY_SAMPLES);
  let chosen = first.filter(Boolean).length;
  const order = shuffle(
    random,
    questions.map((_, i) => i)
  );
  for (const i of order) {
    if (chosen === k) break;
    const c = calibration.counts[i];
    if (chosen < k && !first[i] && c[0] > 0) {
      first[i] = true;
      chosen++;
    } else if (chosen > k && first[i] && c[0] < MAJORITY_SAMPLES) {
      first[i] = false;
      chosen--;
    }
  }
  if (chosen !== k) throw new Error(`demo-o1journey: cannot place ${k} correct first samples (${strategy})`);

  const answers: (string | null)[][] = [];
  const kinds: (UnparsedKind | null)[][] = [];
  questions.forEach((q, i) => {
    const c = calibration.counts[i];
    const others = q.choices.filter((o) => o !== q.gold && o !== q.lure);
    const pool: (string | null)[] = [];
    c.forEach((count, cls) => {
      const value = cls === 0 ? q.gold : cls === 1 ? q.lure : cls === c.length - 1 ? null : others[cls - 2];
      for (let j = 0; j < count; j++) pool.push(value);
    });
    shuffle(random, pool);
    // Move a sample of the required kind to position 0.
    const wanted = first[i] ? pool.indexOf(q.gold) : pool.findIndex((v) => v !== q.gold);
    [pool[0], pool[wanted]] = [pool[wanted], pool[0]];
    answers.push(pool);
    kinds.push(
      pool.map((v) =>
        v === null ? style.unparsedKinds[Math.floor(random() * style.unparsedKinds.length)] : null
      )
    );
  });
  const tokens = drawTokens(random, strategy, answers, kinds, questions, published, [0, 1]);
  return {
    run_id: `${model}.${strategy}.${task.info.name}.maj${MAJORITY_SAMPLES}`,
    model,
    strategy,
    task,
    samples: MAJORITY_SAMPLES,
    questions: [...questions],
    answers,
    kinds,
    tokens,
    firstCorrect: k,
    calibration
  };
}
