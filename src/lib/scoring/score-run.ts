import {checkLine, EXTRACTABLE_TYPES} from "./check-line.js";
import {extractAnswer} from "./extract/index.js";
import {normalizedScore} from "./normalize.js";
import type {QuestionVote, SampleRecord} from "../types.js";
import {majorityVote} from "./vote.js";

export {EXTRACTABLE_TYPES};

/** A sample as scored: what was parsed and, when an upstream answer exists, what medscale extracts itself. */
export interface ScoredLine {
  /** The answer that votes (upstream answer when given, else medscale's extraction); null = unparsed. */
  parsed: string | null;
  /** medscale's own extraction from `response` (null when unparsed or no response; undefined when not attempted). */
  extracted: string | null | undefined;
  gold: string;
}

/** Per-run totals, before run identity is attached. */
export interface RunTotals {
  questions: number;
  samples: number;
  accuracy: number;
  chance: number | null;
  normalized: number | null;
  unparsed: number;
  ties: number;
  mean_output_tokens: number | null;
}

export interface RunScorerOptions {
  answerType: string;
  /** The run's `samples` (self-consistency n). */
  samples: number;
  /** Task-level chance; when absent, derived per question as 1/len(choices). */
  chance?: number;
  /** Task-level P_max (default 1). */
  max?: number;
}

/** Votes for one (question, round). */
interface QuestionState {
  question_id: string;
  round: number;
  gold: string;
  answers: (string | null)[];
  upstreamCorrect: (number | null)[];
  chance: number | null;
  cluster: string | null;
}

/**
 * Scores one run line by line, as the spec's scoring rules say: answers are extracted (or taken from
 * upstream), a question's prediction is the plurality vote of its samples (tie rule: see vote.ts),
 * unparsed samples count as wrong and are counted, accuracy = correct questions / questions.
 *
 * The checks that need other lines or the task's answer form live here: a gold that is not a valid answer
 * of the task, or not one of the line's `choices`, is rejected; so are a duplicate (question_id, sample,
 * round), a gold that differs from the gold of the question's first accepted line, and a `cluster` that differs
 * from that line's (a question belongs to one cluster; absent counts as null). Questions are scored at their
 * lowest round (round 0 = the first answer; later budget-forcing rounds are reported separately).
 *
 * @example
 * const scorer = new RunScorer({answerType: "mcq", samples: 3});
 * for (const [sample, response] of ["Answer: B", "Answer: C", "The answer is B."].entries())
 *   scorer.add({question_id: "q1", sample, response, gold: "B", choices: null, output_tokens: 10, round: null});
 * scorer.finish().totals.accuracy // 1
 */
export class RunScorer {
  readonly options: RunScorerOptions;
  private readonly questions = new Map<string, QuestionState>();
  private readonly goldByQuestion = new Map<string, string>();
  private readonly clusterByQuestion = new Map<string, string | null>();
  private acceptedSamples = 0;
  private unparsedSamples = 0;
  private tokenSum = 0;
  private tokenCount = 0;

  constructor(options: RunScorerOptions) {
    if (!Number.isInteger(options.samples) || options.samples < 1)
      throw new RangeError(`RunScorer: samples must be a positive integer, got ${options.samples}`);
    this.options = options;
  }

  /** Adds one validated line; returns the reason when the line is rejected. */
  add(record: SampleRecord): ScoredLine | {reason: string} {
    const checked = checkLine(record, this.options.answerType);
    if ("reason" in checked) return {reason: checked.reason};
    const gold = checked.gold;
    const firstGold = this.goldByQuestion.get(record.question_id);
    if (firstGold !== undefined && firstGold !== gold)
      return {
        reason: `gold ${JSON.stringify(gold)} differs from the question's first gold ${JSON.stringify(firstGold)}`
      };
    const cluster = record.cluster ?? null;
    const firstCluster = this.clusterByQuestion.get(record.question_id);
    if (firstCluster !== undefined && firstCluster !== cluster)
      return {
        reason: `cluster ${JSON.stringify(cluster)} differs from the question's first cluster ${JSON.stringify(firstCluster)}`
      };
    const round = record.round ?? 0;
    const key = `${record.question_id}\u0000${round}`;
    let state = this.questions.get(key);
    if (state?.answers[record.sample] !== undefined)
      return {
        reason: `duplicate (question_id ${JSON.stringify(record.question_id)}, sample ${record.sample}${record.round === null ? "" : `, round ${round}`})`
      };

    const extracted = checked.extract
      ? extractAnswer(record.response!, this.options.answerType, record.choices)
      : checked.upstream === undefined
        ? null
        : undefined;
    const parsed = checked.upstream === undefined ? (extracted ?? null) : checked.upstream;

    if (state === undefined) {
      const chance = this.options.chance ?? (record.choices ? 1 / record.choices.length : null);
      state = {
        question_id: record.question_id,
        round,
        gold,
        answers: [],
        upstreamCorrect: [],
        chance,
        cluster
      };
      this.questions.set(key, state);
    }
    // Stryker disable next-line ConditionalExpression: setting it always is equivalent — a gold that differs from the first was rejected above
    if (firstGold === undefined) this.goldByQuestion.set(record.question_id, gold);
    if (firstCluster === undefined) this.clusterByQuestion.set(record.question_id, cluster);
    state.answers[record.sample] = parsed;
    state.upstreamCorrect[record.sample] = record.upstream_correct ?? null;
    this.acceptedSamples++;
    if (parsed === null) this.unparsedSamples++;
    if (record.output_tokens !== null) {
      this.tokenSum += record.output_tokens;
      this.tokenCount++;
    }
    return {parsed, extracted, gold};
  }

  /** Votes per (question, round) and the run's totals. */
  finish(): {votes: (QuestionVote & {round: number})[]; totals: RunTotals} {
    const votes: (QuestionVote & {round: number})[] = [];
    const scored = new Map<string, QuestionVote & {round: number}>(); // question → vote at its lowest round
    for (const state of this.questions.values()) {
      const answers = Array.from(state.answers, (a) => a ?? null); // holes (missing samples) do not vote
      const vote = majorityVote(answers);
      const correct = this.isCorrect(vote.prediction, state);
      const row = {
        question_id: state.question_id,
        round: state.round,
        gold: state.gold,
        prediction: vote.prediction,
        correct,
        tie: vote.tie,
        answers,
        unparsed: answers.filter((a, i) => a === null && i in state.answers).length,
        chance: state.chance ?? NaN,
        cluster: state.cluster
      };
      votes.push(row);
      const current = scored.get(state.question_id);
      // Stryker disable next-line EqualityOperator: `<=` is equivalent — a question has one state per round, so rounds never tie
      if (current === undefined || row.round < current.round) scored.set(state.question_id, row);
    }
    const decided = [...scored.values()];
    const questions = decided.length;
    const accuracy = questions === 0 ? 0 : decided.filter((v) => v.correct).length / questions;
    const chances = decided.map((v) => v.chance);
    const chance =
      this.options.chance ??
      (questions > 0 && chances.every((c) => Number.isFinite(c))
        ? chances.reduce((a, b) => a + b, 0) / questions
        : null);
    const max = this.options.max ?? 1;
    return {
      votes,
      totals: {
        questions,
        samples: this.acceptedSamples,
        accuracy,
        chance,
        normalized: chance === null || questions === 0 ? null : normalizedScore(accuracy, chance, max),
        unparsed: this.unparsedSamples,
        ties: decided.filter((v) => v.tie).length,
        mean_output_tokens: this.tokenCount === 0 ? null : this.tokenSum / this.tokenCount
      }
    };
  }

  /** `judged` answers take the upstream verdict of the first sample that cast the winning answer. */
  private isCorrect(prediction: string | null, state: QuestionState): boolean {
    if (prediction === null) return false;
    if (this.options.answerType !== "judged") return prediction === state.gold;
    const first = state.answers.findIndex((a) => a === prediction);
    return (state.upstreamCorrect[first] ?? 0) >= 1;
  }
}
