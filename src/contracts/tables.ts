import {parquetFile} from "./site-file.js";

/*
 * The tables every study publishes for pages that ask their own questions (docs/authoring.md): Parquet
 * files written by DuckDB from the ingest database (data-loaders/db/tables.ts), queried in the browser
 * with SQL through `studyDatabase(study)` (src/components/study-database.ts). Counts are INTEGER and
 * rates DOUBLE, so rows reach JavaScript as plain numbers. Only valid runs appear (as in runs.json).
 */

/** `runs.parquet`: one row per valid run, with its model's registry facts (models.json, tasks.json). */
export interface RunTableRow {
  run_id: string;
  model: string;
  /** Model family as models.json names it (null when the registry has none). */
  family: string | null;
  /** Parameters, billions (null when unknown). */
  params_b: number | null;
  /** Pre-training tokens, trillions (null when unknown). */
  train_tokens_t: number | null;
  size_class: string | null;
  /** Instruction-tuned, as models.json says (null when it does not). */
  instruct: boolean | null;
  task: string;
  benchmark: string | null;
  /** Questions scored (each at its lowest budget-forcing round). */
  questions: number;
  /** Questions whose majority vote equals gold: accuracy = correct / questions. */
  correct: number;
  accuracy: number;
  /** P_rand of the task (null when undefined). */
  chance: number | null;
  /** Eq. 4 normalized score (null when chance is undefined). */
  normalized: number | null;
  /** Accepted samples. */
  samples: number;
  /** Samples from which no answer could be extracted. */
  unparsed: number;
  /** Questions decided by the tie rule. */
  ties: number;
  mean_output_tokens: number | null;
  upstream_accuracy: number | null;
}

/** One answer and how many samples gave it (a `VoteTableRow.answer_counts` entry). */
export interface AnswerCount {
  answer: string;
  n: number;
}

/** `votes.parquet`: one row per valid run × question × round — the majority vote and its counts. */
export interface VoteTableRow {
  run_id: string;
  model: string;
  task: string;
  question_id: string;
  /** Budget-forcing round (0 without forcing); the run's accuracy uses each question's lowest round. */
  round: number;
  gold: string;
  /** The majority answer; null when every sample was unparsed. */
  prediction: string | null;
  correct: boolean;
  /** Whether the tie rule decided the vote. */
  tie: boolean;
  /** Samples voted over (parsed or not). */
  samples: number;
  /** Samples with no extractable answer. */
  unparsed: number;
  /** Samples whose answer equals gold. */
  gold_votes: number;
  /** Each parsed answer with its count, most frequent first. */
  answer_counts: AnswerCount[];
  /** Output tokens summed over the samples that report them (null when none does). */
  output_tokens: number | null;
}

/** `maj_at_k.parquet`: exact maj@k per valid run and k (src/lib/inference/maj-at-k-rows.ts). */
export interface MajAtKTableRow {
  run_id: string;
  k: number;
  /** Mean over questions of exact maj@k, a proportion. */
  accuracy: number;
  /** Mean over questions of k × mean output tokens per sample; null when no sample has a count. */
  mean_output_tokens: number | null;
  questions: number;
}

/**
 * `fits.parquet`: one row per scaling-law fit of the study (MedResEval Eq. 5, docs/fits.md); empty for a
 * study that fits none. `alpha_lower`/`alpha_upper` are the question-level bootstrap percentile interval.
 */
export interface FitTableRow {
  id: string;
  group: string;
  size_class: string;
  n_points: number;
  alpha: number | null;
  coefficient: number | null;
  r2: number | null;
  alpha_lower: number | null;
  alpha_upper: number | null;
  alpha_se: number | null;
  /** The models behind the fit's points. */
  models: string[];
  /** Why alpha is null, when it is. */
  reason: string | null;
}

/** The Parquet tables of every study (data/<study>/<name>), in the order `studyDatabase` registers them. */
export const studyTables = {
  runs: parquetFile<RunTableRow>("runs.parquet", [
    "run_id",
    "model",
    "family",
    "params_b",
    "train_tokens_t",
    "size_class",
    "instruct",
    "task",
    "benchmark",
    "questions",
    "correct",
    "accuracy",
    "chance",
    "normalized",
    "samples",
    "unparsed",
    "ties",
    "mean_output_tokens",
    "upstream_accuracy"
  ]),
  votes: parquetFile<VoteTableRow>("votes.parquet", [
    "run_id",
    "model",
    "task",
    "question_id",
    "round",
    "gold",
    "prediction",
    "correct",
    "tie",
    "samples",
    "unparsed",
    "gold_votes",
    "answer_counts",
    "output_tokens"
  ]),
  majAtK: parquetFile<MajAtKTableRow>("maj_at_k.parquet", [
    "run_id",
    "k",
    "accuracy",
    "mean_output_tokens",
    "questions"
  ]),
  fits: parquetFile<FitTableRow>("fits.parquet", [
    "id",
    "group",
    "size_class",
    "n_points",
    "alpha",
    "coefficient",
    "r2",
    "alpha_lower",
    "alpha_upper",
    "alpha_se",
    "models",
    "reason"
  ])
} as const;
