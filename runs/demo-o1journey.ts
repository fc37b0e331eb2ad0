/**
 * Seeded, deterministic generator of the O1 Journey demo runs root: synthetic raw logs for every
 * model × strategy × benchmark of O1 Replication Journey Part 3, Table 1 (one sample per question),
 * calibrated so each run's accuracy is the k/n nearest the published value and its mean output tokens
 * equal the published mean; plus 32-sample majority-voting runs of Qwen2.5-72B on MedQA (vanilla,
 * vanilla CoT, LongStep, LongMonolog) whose exact maj@k (src/lib/inference/maj-at-k.ts) follows the points quoted
 * in §3.3. Output follows spec/run-logs.md; decisions are documented in docs/demo-o1journey-m1.md.
 *
 * Determinism: every random choice comes from `seededRandom` streams whose seeds are hashes of
 * (seed, purpose, labels), so a run's content does not depend on the order runs are written in.
 */
import {createHash} from "node:crypto";
import {mkdir, mkdtemp, rename, rm, stat, writeFile} from "node:fs/promises";
import path from "node:path";
import {gzipSync} from "node:zlib";
import {
  O1_MAJORITY_CLAIMS,
  type O1Benchmark,
  type PublishedTable1Row
} from "../data-loaders/studies/o1journey/reference/published.js";
import {readPublishedTable1} from "../data-loaders/studies/o1journey/reference/table1.js";
import {majAtKCurve} from "../src/lib/inference/maj-at-k.js";
import {seededRandom} from "../src/lib/stats/random.js";
import type {ModelInfo, RunInfo, TaskInfo} from "../src/lib/types.js";
import {
  ANSWER_PHRASES,
  composeResponse,
  drawCaseWords,
  type CaseWords,
  type UnparsedKind
} from "./demo-text.js";

/** Default seed of the O1 Journey demo. */
export const DEFAULT_SEED = 20250111;
/** Samples per question of the majority-voting runs (§3.3: votes over 4, 8, 16 and 32 samples). */
export const MAJORITY_SAMPLES = 32;
/** Decoding settings; the paper states none, so these are the generator's choice. */
export const DECODING = {temperature: 0.7, top_p: 0.95, max_tokens: 4096} as const;

/** A benchmark of Table 1: its tasks.json entry, full size and option letters. */
export interface O1Task {
  info: TaskInfo & {chance: number; note: string};
  benchmark: O1Benchmark;
  /** Questions at scale 1 (Table 1's header). */
  questions: number;
  choices: string[];
}

const LETTERS = ["A", "B", "C", "D", "E"];

/** The three benchmarks of §2.1 with the option counts the generator uses (docs/demo-o1journey-m1.md). */
export const O1_TASKS: readonly O1Task[] = [
  {
    info: {
      name: "jama",
      benchmark: "jama",
      group: "clinical-challenge",
      answer_type: "mcq",
      chance: 0.25,
      max: 1,
      note:
        "JAMA Clinical Challenge subset of 646 cases (§2.1), four options A–D as in Chen et al. (2024); " +
        "chance = 1/4."
    },
    benchmark: "jama",
    questions: 646,
    choices: LETTERS.slice(0, 4)
  },
  {
    info: {
      name: "medbullets",
      benchmark: "medbullets",
      group: "usmle-step2-3",
      answer_type: "mcq",
      chance: 0.2,
      max: 1,
      note: "Medbullets Step 2/3, 308 questions, five answer choices (§2.1) A–E; chance = 1/5."
    },
    benchmark: "medbullets",
    questions: 308,
    choices: LETTERS.slice(0, 5)
  },
  {
    info: {
      name: "medqa",
      benchmark: "medqa",
      group: "usmle",
      answer_type: "mcq",
      chance: 0.25,
      max: 1,
      note: "MedQA (US) test set, 1273 questions, the four-option version A–D; chance = 1/4."
    },
    benchmark: "medqa",
    questions: 1273,
    choices: LETTERS.slice(0, 4)
  }
];

/** The models of Table 1 (base models; fine-tuned variants are strategies of their base model). */
export const O1_MODELS: readonly ModelInfo[] = [
  {name: "GPT-4o", family: "GPT-4o", params_b: null, train_tokens_t: null, instruct: true},
  {name: "o1-mini", family: "o1", params_b: null, train_tokens_t: null, instruct: true},
  {name: "o1-preview", family: "o1", params_b: null, train_tokens_t: null, instruct: true},
  {name: "Qwen2.5-7B", family: "Qwen2.5", params_b: 7, train_tokens_t: 18, instruct: true, size_class: "~7B"},
  {
    name: "InternLM2.5-7B",
    family: "InternLM2.5",
    params_b: 7,
    train_tokens_t: null,
    instruct: true,
    size_class: "~7B"
  },
  {
    name: "LLama3.1-8B",
    family: "LLama3.1",
    params_b: 8,
    train_tokens_t: 15,
    instruct: true,
    size_class: "~7B"
  },
  {
    name: "InternLM2.5-20B",
    family: "InternLM2.5",
    params_b: 20,
    train_tokens_t: null,
    instruct: true,
    size_class: "~20B"
  },
  {
    name: "Qwen2.5-32B",
    family: "Qwen2.5",
    params_b: 32,
    train_tokens_t: 18,
    instruct: true,
    size_class: "~32B"
  },
  {
    name: "LLama3.1-70B",
    family: "LLama3.1",
    params_b: 70,
    train_tokens_t: 15,
    instruct: true,
    size_class: "~70B"
  },
  {
    name: "Qwen2.5-72B",
    family: "Qwen2.5",
    params_b: 72,
    train_tokens_t: 18,
    instruct: true,
    size_class: "~70B"
  }
];

/** Questions of a benchmark at a scale: round(n · scale), at least 8. */
export function scaledQuestions(full: number, scale = 1): number {
  if (!(scale > 0) || !Number.isFinite(scale))
    throw new RangeError(`scale must be a positive number, got ${scale}`);
  return Math.max(8, Math.round(full * scale));
}

/**
 * The k whose k/n is nearest a printed percentage with two decimals (ties up), in integers:
 * with P = 100 · percent, k = round(P · n / 10000).
 *
 * @example
 * nearestCorrect(74.31, 1273) // 946 (946/1273 = 74.3126 %)
 */
export function nearestCorrect(percent: number, n: number): number {
  const P = Math.round(percent * 100);
  if (Math.abs(P - percent * 100) > 1e-6)
    throw new RangeError(`nearestCorrect: ${percent} has more than two decimals`);
  return Math.min(n, Math.max(0, Math.floor((2 * P * n + 10000) / 20000)));
}

/** A 32-bit stream seed from labels (sha256, first four bytes). */
export function streamSeed(...parts: (string | number)[]): number {
  return createHash("sha256").update(parts.join("\u0000")).digest().readUInt32LE(0);
}

function normal(random: () => number): number {
  const u = 1 - random(); // (0, 1], so log is finite
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

function shuffle<T>(random: () => number, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

/** A question as every model sees it. */
export interface O1Question {
  question_id: string;
  gold: string;
  choices: string[];
  /** Latent difficulty shared by every model (higher = harder). */
  difficulty: number;
  /** The wrong option models fall for most often. */
  lure: string;
  words: CaseWords;
}

/** The questions of a benchmark at a scale, identical for every run. */
export function buildQuestions(seed: number, task: O1Task, scale = 1): O1Question[] {
  const n = scaledQuestions(task.questions, scale);
  const random = seededRandom(streamSeed(seed, "questions", task.info.name));
  return Array.from({length: n}, (_, i) => {
    const gold = task.choices[Math.floor(random() * task.choices.length)];
    const wrongs = task.choices.filter((c) => c !== gold);
    return {
      question_id: `${task.info.name}-${String(i + 1).padStart(4, "0")}`,
      gold,
      choices: task.choices,
      difficulty: normal(random),
      lure: wrongs[Math.floor(random() * wrongs.length)],
      words: drawCaseWords(random, false)
    };
  });
}

/** How a strategy writes and how consistent its samples are. */
interface StrategyStyle {
  /** Slope of the per-question probability of a correct sample in the latent score (majority runs). */
  sharpness: number;
  /** Share of unparsable samples (majority runs; Table 1 runs use {@link unparsedRate}). */
  majorityNullRate: number;
  /** Stored characters per output token (the stored text is abridged; output_tokens carries the count). */
  charsPerToken: number;
  /** Kinds of unparsable output this strategy produces. */
  unparsedKinds: readonly UnparsedKind[];
}

/**
 * Sharpness was chosen so that a plain draw already has about the §3.3 gains from voting (maj@32 −
 * maj@1: vanilla ≈ 0.3, CoT ≈ 0.5, LongStep ≈ 1.3, LongMonolog ≈ 1.5 points); the calibration then
 * makes them exact.
 */
const STYLES: Record<string, StrategyStyle> = {
  vanilla: {sharpness: 30, majorityNullRate: 0.002, charsPerToken: 4, unparsedKinds: ["refusal", "hedging"]},
  "vanilla-cot": {
    sharpness: 18,
    majorityNullRate: 0.004,
    charsPerToken: 0.7,
    unparsedKinds: ["truncated", "hedging", "repetition"]
  },
  "cot-sft": {
    sharpness: 18,
    majorityNullRate: 0.004,
    charsPerToken: 0.7,
    unparsedKinds: ["truncated", "hedging"]
  },
  longstep: {sharpness: 12, majorityNullRate: 0.006, charsPerToken: 0.8, unparsedKinds: ["truncated"]},
  longmonolog: {sharpness: 11, majorityNullRate: 0.008, charsPerToken: 0.75, unparsedKinds: ["truncated"]}
};

function styleOf(strategy: string): StrategyStyle {
  const style = STYLES[strategy];
  if (!style) throw new Error(`demo-o1journey: unknown strategy ${strategy}`);
  return style;
}

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

/** What the majority-voting calibration aims at, in percent. */
export interface MajorityTargets {
  strategy: string;
  /** maj@k values to hit. */
  points: {k: number; value: number}[];
  /** Ascending checkpoints over which the curve must not fall. */
  rising: number[];
  /** No k may exceed this (the CoT peak), or null. */
  ceiling: number | null;
}

/**
 * The §3.3 targets for the four majority-voting runs: maj@1 = Table 1's MedQA accuracy (the single-sample
 * value the curve starts from), maj@32 = the quoted end point (vanilla 74.63; vanilla CoT 79.81; LongStep
 * and LongMonolog Table 1 + 1.26 / + 1.50), and for vanilla CoT the quoted peak 80.44 placed at k = 16
 * (the paper does not say at which k it peaks; 16 is the largest k before the end point) with no k above it.
 */
export function majorityTargets(
  table: readonly PublishedTable1Row[] = readPublishedTable1()
): MajorityTargets[] {
  const {model, strategies} = O1_MAJORITY_CLAIMS;
  return strategies.map((strategy) => {
    const row = table.find((r) => r.model === model && r.strategy === strategy);
    if (!row) throw new Error(`demo-o1journey: no Table 1 row for ${model} ${strategy}`);
    const start = row.acc.medqa;
    const claim = (kind: string) =>
      O1_MAJORITY_CLAIMS.points.find((p) => p.strategy === strategy && p.kind === kind);
    const end = claim("at-32");
    const gain = claim("gain-32");
    const peak = claim("peak");
    const endValue = end ? end.value : gain ? Math.round((start + gain.value) * 100) / 100 : null;
    if (endValue === null) throw new Error(`demo-o1journey: no §3.3 end point for ${strategy}`);
    const points = [{k: 1, value: start}];
    if (peak) points.push({k: 16, value: peak.value});
    points.push({k: MAJORITY_SAMPLES, value: endValue});
    return {
      strategy,
      points,
      rising: peak ? [1, 4, 8, 16] : [1, 4, 8, 16, 32],
      ceiling: peak ? peak.value : null
    };
  });
}

/** Answer-class counts of one question: [gold, lure, other wrong 1, other wrong 2, (other wrong 3), unparsable]. */
type Counts = number[];

const CLASS_LABELS = ["g", "w", "x", "y", "z"];

/** Exact maj@k curves of count vectors, memoized (many questions share a vector). */
class CurveCache {
  private readonly cache = new Map<string, number[]>();
  curve(counts: Counts): number[] {
    const key = counts.join(",");
    let curve = this.cache.get(key);
    if (curve === undefined) {
      const answers: (string | null)[] = [];
      const nullIndex = counts.length - 1;
      counts.forEach((c, i) => {
        for (let j = 0; j < c; j++) answers.push(i === nullIndex ? null : CLASS_LABELS[i]);
      });
      curve = majAtKCurve(answers, "g");
      this.cache.set(key, curve);
    }
    return curve;
  }
}

/**
 * One question's answer counts from `samples` draws: unparsable with probability `nullRate`, else gold
 * with probability p, else the lure with probability `lureShare`, else one of the other wrong options.
 */
function drawCounts(
  random: () => number,
  p: number,
  lureShare: number,
  nullRate: number,
  samples: number,
  classes: number
): Counts {
  const counts = new Array<number>(classes).fill(0);
  const others = classes - 3; // wrong options besides the lure
  for (let s = 0; s < samples; s++) {
    if (random() < nullRate) counts[classes - 1]++;
    else if (random() < p) counts[0]++;
    else if (random() < lureShare) counts[1]++;
    else counts[2 + Math.floor(random() * others)]++;
  }
  return counts;
}

/** The result of calibrating a majority-voting run's answer counts. */
export interface MajorityCalibration {
  counts: Counts[];
  /** Exact maj@k of the run, k = 1 … samples, as proportions. */
  curve: number[];
  /** Proposals tried. */
  iterations: number;
  /** Whether every target was met to its tolerance and the shape holds. */
  converged: boolean;
}

/**
 * Adjusts per-question answer counts until the run's exact maj@k hits the targets. A descent over
 * proposals that change one question: a one-sample move between its answer classes (gold, lure, other
 * wrong options, unparsable), or — a quarter of the time — a fresh natural draw of its counts (any p,
 * half of them near the vote boundary), which reaches shapes one-sample moves cannot (gold narrowly
 * behind the lure). A proposal is kept when it does not increase the loss = Σ ((maj@k − target) /
 * tolerance)² + penalties for a fall along `rising` and for any k above `ceiling`; maj@k is recomputed
 * exactly (majAtKCurve) for the changed question only.
 *
 * Two phases, because maj@n moves in steps of half a question while the other targets are nearly
 * continuous: phase 1 descends on the maj@n target alone; phase 2 on the whole loss, accepting only
 * proposals that leave the question's maj@n unchanged, so phase 1's result is kept while maj@1, the
 * peak and the shape are tuned. Tolerances: 0.0049 points (the value prints to the target's two
 * decimals) unless the run is too small for that (maj@n: a quarter question; maj@1: half a sample).
 */
export function calibrateMajority(
  initial: readonly Counts[],
  targets: MajorityTargets,
  random: () => number,
  {maxIterations = 400_000}: {maxIterations?: number} = {}
): MajorityCalibration {
  const n = initial.length;
  const counts = initial.map((c) => [...c]);
  const cache = new CurveCache();
  const samples = counts[0].reduce((a, b) => a + b, 0);
  const classes = counts[0].length;
  const sum = new Float64Array(samples);
  for (const c of counts) cache.curve(c).forEach((v, k) => (sum[k] += v));
  const toleranceAt = (k: number) =>
    Math.max(0.0049, k === samples ? 25 / n : k === 1 ? 50 / (samples * n) : 5 / n);
  const shapeTolerance = Math.max(0.0049, 5 / n);
  const fullVote = targets.points.filter((p) => p.k === samples);

  const lossOf = (s: Float64Array, points: MajorityTargets["points"], shape: boolean) => {
    let loss = 0;
    let met = true;
    for (const {k, value} of points) {
      const error = (100 * s[k - 1]) / n - value;
      const tolerance = toleranceAt(k);
      if (Math.abs(error) > tolerance) met = false;
      loss += (error / tolerance) ** 2;
    }
    if (!shape) return {loss, met};
    for (let i = 1; i < targets.rising.length; i++) {
      const fall = (100 * (s[targets.rising[i - 1] - 1] - s[targets.rising[i] - 1])) / n;
      if (fall > 0) {
        met = false;
        loss += 10 * (fall / shapeTolerance) ** 2;
      }
    }
    if (targets.ceiling !== null) {
      for (let k = 0; k < s.length; k++) {
        const over = (100 * s[k]) / n - targets.ceiling;
        if (over > shapeTolerance) {
          met = false;
          loss += 10 * (over / shapeTolerance) ** 2;
        }
      }
    }
    return {loss, met};
  };

  const trial = new Float64Array(samples);
  let iterations = 0;
  const descend = (
    points: MajorityTargets["points"],
    shape: boolean,
    lockFullVote: boolean,
    budget: number
  ) => {
    let {loss, met} = lossOf(sum, points, shape);
    for (let i = 0; !met && i < budget; i++) {
      iterations++;
      const q = Math.floor(random() * n);
      const c = counts[q];
      let proposal: Counts;
      if (random() < 0.25) {
        const p = random() < 0.5 ? random() : 0.3 + 0.3 * random();
        proposal = drawCounts(random, p, 0.5 + 0.5 * random(), c[classes - 1] / samples, samples, classes);
      } else {
        const from = Math.floor(random() * classes);
        if (c[from] === 0) continue;
        // Unparsable samples are a small share: move into that class rarely.
        const to = Math.floor(random() * classes);
        if (to === from || (to === classes - 1 && random() < 0.9)) continue;
        proposal = [...c];
        proposal[from]--;
        proposal[to]++;
      }
      const before = cache.curve(c);
      const after = cache.curve(proposal);
      if (lockFullVote && after[samples - 1] !== before[samples - 1]) continue;
      for (let k = 0; k < samples; k++) trial[k] = sum[k] - before[k] + after[k];
      const next = lossOf(trial, points, shape);
      if (next.loss <= loss) {
        sum.set(trial);
        counts[q] = proposal;
        loss = next.loss;
        met = next.met;
      }
    }
    return met;
  };
  if (fullVote.length > 0) descend(fullVote, false, false, maxIterations / 4);
  const converged = descend(targets.points, true, fullVote.length > 0, maxIterations - iterations);
  return {counts, curve: Array.from(sum, (v) => v / n), iterations, converged};
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

/**
 * Long-form reasoning templates (LongStep steps, LongMonolog thoughts, budget-forcing continuations).
 * Placeholders as in demo-text.ts ({f1} {f2} {f3} findings, {c1} {c2} conditions, {lab}, {mech}). Like
 * the templates there they contain nothing an extractor could read as an answer: no standalone capital
 * letter (no sentence starts with the article "A", the pronoun "I" is never used, and no template
 * starts with a placeholder), no "answer"/"option" wording, none of true/false/yes/no.
 */
export const LONG_STEP_TEMPLATES = [
  "Identify the key findings: {f1}, together with {f2}.",
  "Build the differential: {c1} and {c2} both deserve attention here.",
  "Weigh {c2}: it would typically produce {f3}, which the case does not describe.",
  "Interpret the laboratory data: the {lab} result is the most informative value.",
  "Link the findings to a mechanism: {mech} explains the presentation.",
  "Check the timeline: the course of illness matches {c1} better than {c2}.",
  "Review the risk factors and demographics, which are typical for {c1}.",
  "Consider management: confirming {c1} would change the next step.",
  "Exclude the alternatives that do not account for {f2}.",
  "Summarize: {f1}, the {lab} result and {mech} converge on {c1}."
] as const;

export const MONOLOG_TEMPLATES = [
  "Okay, so the patient has {f1}, and that immediately makes me think of {c1}.",
  "Hmm, but {f2} is also there, so let me not jump ahead.",
  "Wait, could this be {c2} instead? That would usually come with {f3}.",
  "Let me think about the {lab} for a second; it should help separate {c1} from {c2}.",
  "Actually, {mech} would tie everything together here.",
  "So far {c1} still fits best, but let me double-check the timeline.",
  "Hold on, did the vignette mention {f3}? It did not, which argues against {c2}.",
  "Thinking it through again, the combination of {f1} and {f2} is classic for {c1}.",
  "Alright, going back over everything once more to be sure.",
  "Hmm, {c2} keeps nagging at me, but it does not explain {f1}.",
  "Let me reconsider the mechanism: is {mech} really the driver here?",
  "That settles it, or at least it is the most consistent reading of the case."
] as const;

export const WAIT_TEMPLATES = [
  "Wait, let me re-check whether {f2} really fits {c1}.",
  "Wait, maybe {c2} deserves another look given the {lab}.",
  "Wait, the {lab} could also point toward {c2}; let me reconsider.",
  "Wait, going over {mech} once more to be sure."
] as const;

/** Fills the placeholders of a template with a question's case words. */
export function fillWords(template: string, words: CaseWords): string {
  return template.replace(
    /\{(f1|f2|f3|c1|c2|lab|mech)\}/g,
    (_, key: "f1" | "f2" | "f3" | "c1" | "c2" | "lab" | "mech") => words[key]
  );
}

/** `count` sentences from a template pool, drawn without repeats while possible. */
export function drawSentences(
  random: () => number,
  pool: readonly string[],
  count: number,
  words: CaseWords
): string[] {
  const order = shuffle(
    random,
    pool.map((_, i) => i)
  );
  return Array.from({length: count}, (_, i) => fillWords(pool[order[i % pool.length]], words));
}

/** The final phrase naming `letter`, from demo-text's mcq phrasings. */
export function answerPhrase(random: () => number, letter: string): string {
  const phrases = ANSWER_PHRASES.mcq;
  return phrases[Math.floor(random() * phrases.length)].replace("{L}", letter);
}

/**
 * The response text of one sample. The answer it commits to is fixed by `answer` (null = unparsable, of
 * `kind`); `tokens` sets its length (≈ charsPerToken × tokens stored characters; long strategies write
 * several paragraphs). Vanilla answers are short: a bare answer phrase, or one sentence and the phrase.
 */
export function renderResponse(
  random: () => number,
  strategy: string,
  q: O1Question,
  answer: string | null,
  kind: UnparsedKind | null,
  tokens: number
): string {
  const style = styleOf(strategy);
  const words = q.words;
  if (strategy === "vanilla") {
    if (answer === null) return composeResponse(spec(answer, kind, 0, q, random), random);
    return random() < 0.5
      ? answerPhrase(random, answer)
      : composeResponse(spec(answer, null, 0, q, random), random);
  }
  if (strategy === "vanilla-cot" || strategy === "cot-sft") {
    return composeResponse(spec(answer, kind, style.charsPerToken * tokens, q, random), random);
  }
  const pool = strategy === "longstep" ? LONG_STEP_TEMPLATES : MONOLOG_TEMPLATES;
  const sentences = Math.max(
    4,
    Math.min(pool.length, Math.round((style.charsPerToken * Math.min(tokens, 1400)) / 70))
  );
  const body = drawSentences(random, pool, sentences, words);
  const text =
    strategy === "longstep" ? body.map((s, i) => `Step ${i + 1}: ${s}`).join("\n\n") : body.join(" ");
  if (answer === null) {
    // Cut mid-sentence, as when generation stops at max_tokens.
    const cut = text.slice(0, Math.max(20, Math.floor(text.length * (0.6 + 0.3 * random()))));
    return cut.slice(0, cut.lastIndexOf(" "));
  }
  return `${text}\n\n${answerPhrase(random, answer)}`;
}

function spec(
  answer: string | null,
  kind: UnparsedKind | null,
  targetChars: number,
  q: O1Question,
  random: () => number
) {
  const phrases = ANSWER_PHRASES.mcq.length;
  const other = q.choices.find((c) => c !== q.gold && c !== q.lure) ?? q.gold;
  return {
    answerType: "mcq" as const,
    lead: "plain" as const,
    answer,
    unparsed: answer === null ? (kind ?? "hedging") : null,
    agree: true,
    targetChars,
    phrase: Math.floor(random() * phrases),
    hedge: [q.lure, other] as [string, string],
    words: q.words
  };
}

/** The samples.jsonl lines of a planned run (question-major, sample order); vanilla token counts come from the text. */
export function renderLines(seed: number, plan: RunPlan): string[] {
  const random = seededRandom(streamSeed(seed, "text", plan.run_id));
  const lines: string[] = [];
  plan.questions.forEach((q, i) => {
    const head = `{"question_id":${JSON.stringify(q.question_id)},"sample":`;
    const tail = `,"gold":${JSON.stringify(q.gold)},"choices":${JSON.stringify(q.choices)}`;
    for (let s = 0; s < plan.samples; s++) {
      const planned = plan.tokens[i][s];
      const response = renderResponse(
        random,
        plan.strategy,
        q,
        plan.answers[i][s],
        plan.kinds[i][s],
        Math.max(planned, 0)
      );
      const tokens =
        planned >= 0 ? planned : Math.max(2, Math.round(response.length / 4 + 2 * normal(random)));
      lines.push(`${head}${s},"response":${JSON.stringify(response)}${tail},"output_tokens":${tokens}}\n`);
    }
  });
  return lines;
}

/** Contents of root.json. */
export function rootInfo(seed: number): Record<string, unknown> {
  return {
    name: "O1 Journey demo",
    synthetic: true,
    description:
      "Synthetic logs calibrated to O1 Replication Journey Part 3: every model × strategy × benchmark of " +
      "Table 1 with one sample per question, accuracy the k/n nearest the published value and mean output " +
      "tokens equal to the published mean (short answers where none is printed); plus 32-sample " +
      "majority-voting runs of Qwen2.5-72B on MedQA whose exact maj@k follows the points quoted in §3.3. " +
      "Not real model output.",
    generator: "runs/demo-o1journey.ts",
    seed,
    calibrated_to: "O1 Replication Journey Part 3, Table 1 and §3.3"
  };
}

export interface GenerateOptions {
  seed?: number;
  /** Multiplies every benchmark's question count (at least 8 questions). */
  scale?: number;
  onProgress?: (message: string) => void;
}

/** What one generation wrote, with the majority-voting curves it achieved (percent). */
export interface O1JourneyResult {
  runs: number;
  lines: number;
  majority: {run_id: string; strategy: string; curve: number[]; iterations: number; converged: boolean}[];
}

/** The full plan of a root (no text), in the order runs are written. */
export function planO1Journey(
  seed = DEFAULT_SEED,
  scale = 1
): {plans: RunPlan[]; majority: O1JourneyResult["majority"]} {
  const table = readPublishedTable1();
  const plans: RunPlan[] = [];
  const majority: O1JourneyResult["majority"] = [];
  const medqa = O1_TASKS.find((t) => t.benchmark === "medqa")!;
  const medqaQuestions = buildQuestions(seed, medqa, scale);
  // The majority runs first: a Table 1 MedQA run of the same model and strategy is their sample 0.
  const firstSamples = new Map<string, RunPlan>();
  for (const targets of majorityTargets(table)) {
    const row = table.find((r) => r.model === O1_MAJORITY_CLAIMS.model && r.strategy === targets.strategy)!;
    const plan = planMajorityRun(seed, targets, medqa, medqaQuestions, row.tokens.medqa);
    plans.push(plan);
    majority.push({
      run_id: plan.run_id,
      strategy: plan.strategy,
      curve: plan.calibration.curve.map((v) => 100 * v),
      iterations: plan.calibration.iterations,
      converged: plan.calibration.converged
    });
    firstSamples.set(`${row.model}.${row.strategy}.medqa`, {
      ...plan,
      run_id: `${row.model}.${row.strategy}.medqa`,
      sampleOf: plan.run_id,
      samples: 1,
      answers: plan.answers.map((a) => a.slice(0, 1)),
      kinds: plan.kinds.map((k) => k.slice(0, 1)),
      tokens: plan.tokens.map((t) => t.slice(0, 1))
    });
  }
  for (const task of O1_TASKS) {
    const questions = task.benchmark === "medqa" ? medqaQuestions : buildQuestions(seed, task, scale);
    for (const row of table) {
      const id = `${row.model}.${row.strategy}.${task.info.name}`;
      plans.push(firstSamples.get(id) ?? planTableRun(seed, row, task, questions));
    }
  }
  return {plans, majority};
}

/**
 * Writes the O1 Journey demo runs root to `dir` (replacing it), through a temporary sibling directory
 * renamed into place at the end. A Table 1 MedQA run of Qwen2.5-72B under a voted strategy holds sample 0
 * of that strategy's majority-voting run (same text), so "the first sample reproduces Table 1" literally.
 *
 * @example
 * await generateO1Journey("runs/demo/o1journey") // {runs: 82, lines: …, majority: [...]}
 */
export async function generateO1Journey(
  dir: string,
  options: GenerateOptions = {}
): Promise<O1JourneyResult> {
  const seed = options.seed ?? DEFAULT_SEED;
  const scale = options.scale ?? 1;
  if (!Number.isInteger(seed) || seed < 0)
    throw new RangeError(`seed must be a non-negative integer, got ${seed}`);
  scaledQuestions(1, scale); // validates scale before touching the disk
  const progress = options.onProgress ?? (() => {});
  const {plans, majority} = planO1Journey(seed, scale);
  const rendered = new Map<string, string[]>();
  let lines = 0;
  await writeRoot(dir, async (put, json) => {
    await put("root.json", json(rootInfo(seed)));
    await put("models.json", json(O1_MODELS));
    await put("tasks.json", json(O1_TASKS.map((t) => t.info)));
    for (const [index, plan] of plans.entries()) {
      // A run cut from a majority run keeps that run's sample-0 lines byte for byte (majority runs come first).
      const source = plan.sampleOf === undefined ? undefined : rendered.get(plan.sampleOf);
      if (plan.sampleOf !== undefined && source === undefined)
        throw new Error(`demo-o1journey: ${plan.run_id} needs ${plan.sampleOf} rendered first`);
      const runLines = source ? source.filter((_, i) => i % MAJORITY_SAMPLES === 0) : renderLines(seed, plan);
      if (plan.samples > 1) rendered.set(plan.run_id, runLines);
      const run: RunInfo = {
        run_id: plan.run_id,
        model: plan.model,
        task: plan.task.info.name,
        strategy: plan.strategy,
        samples: plan.samples,
        ...DECODING
      };
      await put(`runs/${plan.run_id}/run.json`, json(run));
      await put(`runs/${plan.run_id}/samples.jsonl.gz`, gzipSync(Buffer.from(runLines.join("")), {level: 1}));
      lines += runLines.length;
      progress(
        `[${index + 1}/${plans.length}] ${plan.run_id}: ${plan.firstCorrect}/${plan.questions.length} first samples correct`
      );
    }
  });
  return {runs: plans.length, lines, majority};
}

type Put = (relative: string, content: string | Buffer) => Promise<void>;

/** Writes a root through a temporary sibling directory, with index.json (sizes, sha256) last. */
export async function writeRoot(
  dir: string,
  body: (put: Put, json: (value: unknown) => string) => Promise<void>
): Promise<void> {
  const target = path.resolve(dir);
  await mkdir(path.dirname(target), {recursive: true});
  const tmp = await mkdtemp(path.join(path.dirname(target), `.${path.basename(target)}.tmp-`));
  const index: {path: string; bytes: number; sha256: string}[] = [];
  const put: Put = async (relative, content) => {
    const bytes = typeof content === "string" ? Buffer.from(content) : content;
    await mkdir(path.dirname(path.join(tmp, relative)), {recursive: true});
    await writeFile(path.join(tmp, relative), bytes);
    index.push({
      path: relative,
      bytes: bytes.length,
      sha256: createHash("sha256").update(bytes).digest("hex")
    });
  };
  const json = (value: unknown) => JSON.stringify(value, null, 2) + "\n";
  try {
    await body(put, json);
    index.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    await writeFile(path.join(tmp, "index.json"), json({files: index}));
    const old = `${tmp}.old`;
    const exists = await stat(target).then(
      () => true,
      () => false
    );
    if (exists) await rename(target, old);
    await rename(tmp, target);
    if (exists) await rm(old, {recursive: true, force: true});
  } catch (error) {
    await rm(tmp, {recursive: true, force: true});
    throw error;
  }
}
