/**
 * The canonical data model of a runs root (spec: ../shared/spec/run-logs.md, version 1).
 * Every adapter maps into these shapes so that one scoring path serves all sources.
 */

/** One entry of `models.json`. */
export interface ModelInfo {
  name: string;
  family: string;
  /** Parameters, billions. */
  params_b: number | null;
  /** Pre-training tokens, trillions; null when unknown. */
  train_tokens_t: number | null;
  instruct?: boolean;
  /** Group label for fits, e.g. `~7B`; derived from params_b when absent. */
  size_class?: string;
}

/** One entry of `tasks.json`. */
export interface TaskInfo {
  name: string;
  benchmark: string;
  group?: string;
  /** `mcq`, `boolean`, `yesno`, or a project-defined type. */
  answer_type: string;
  /** Accuracy of uniform random guessing; derived per question from `choices` when absent. */
  chance?: number;
  /** Best attainable accuracy (default 1). */
  max?: number;
  /** Free-text note, e.g. how chance was derived. */
  note?: string;
}

/** `runs/<run_id>/run.json`. */
export interface RunInfo {
  run_id: string;
  model: string;
  task: string;
  strategy?: string;
  /** Sampled responses per question (self-consistency n). */
  samples: number;
  temperature?: number;
  top_p?: number;
  max_tokens?: number;
  thinking_budget?: number;
  [extra: string]: unknown;
}

/** One accepted line of `samples.jsonl`, after validation. */
export interface SampleRecord {
  question_id: string;
  sample: number;
  response: string | null;
  /**
   * Answer extracted upstream. Absent (undefined): medscale extracts it from `response`.
   * null: the upstream extractor found no answer, so the sample is unparsed.
   */
  answer?: string | null;
  gold: string;
  choices: string[] | null;
  output_tokens: number | null;
  round: number | null;
  /**
   * Correctness judged upstream (e.g. a harness metric, 0/1). Scoring uses it only for the `judged`
   * answer type; elsewhere it is kept so reports can compare with the upstream number.
   */
  upstream_correct?: number | null;
  /**
   * Questions that derive from one source question share a cluster id (e.g. MedResEval's variants of one
   * MedQA item): their scores are correlated, so standard errors are clustered on it (Miller 2024 §3).
   * Absent or null: the question is its own cluster.
   */
  cluster?: string | null;
  /**
   * The question as shown to the model (spec 1.1 `prompt`), for question views only; cut to
   * MAX_PROMPT_CHARS (src/lib/scoring/cap-text.ts). Absent or null: the line carries none.
   */
  prompt?: string | null;
  /** Each choice's text, in the order of `choices` (medscale's extension), each cut to MAX_CHOICE_TEXT_CHARS. */
  choice_texts?: string[] | null;
}

/** A sample after answer extraction. */
export interface ScoredSample {
  question_id: string;
  sample: number;
  /** Normalized answer (e.g. `C`, `true`, `yes`), or null when unparsed. */
  parsed: string | null;
  gold: string;
  output_tokens: number | null;
}

/** One question's vote outcome. */
export interface QuestionVote {
  question_id: string;
  gold: string;
  /** Majority-vote prediction, or null when no sample parsed. */
  prediction: string | null;
  correct: boolean;
  /** True when two or more answers shared the top count (the tie rule decided). */
  tie: boolean;
  /** Answers in sample order (null = unparsed). */
  answers: (string | null)[];
  unparsed: number;
  /** Chance level of this question (from the task, or 1/len(choices)). */
  chance: number;
  /** The question's cluster (its samples' `cluster`); null or absent: its own cluster. */
  cluster?: string | null;
}

/** Per-run metrics, as written to `runs.json`. */
export interface RunMetrics {
  run_id: string;
  model: string;
  task: string;
  /** Input path of the samples file, relative to the root. */
  source: string;
  questions: number;
  samples: number;
  accuracy: number;
  /** 95 % Wilson score interval of `accuracy` over the questions (null without questions). */
  accuracy_ci: [number, number] | null;
  /** P_rand; null when neither the task nor the questions' choices define it. */
  chance: number | null;
  normalized: number | null;
  /** Unparsed samples. */
  unparsed: number;
  /** Questions decided by the tie rule. */
  ties: number;
  mean_output_tokens: number | null;
  /**
   * The format's own per-sample score averaged over the run's accepted samples (lm-eval's exact_match or
   * acc, Inspect's score value, MedAgentsBench's predicted_answer against answer_idx, a canonical
   * `upstream_correct`), beside medscale's `accuracy`; null when the logs carry none.
   */
  upstream_accuracy: number | null;
}

/** One rejected input line. */
export interface RejectedLine {
  file: string;
  line: number;
  reason: string;
}

/**
 * An entry of a runs root that is neither read nor rejected, with the reason (spec: run-logs.md, "No
 * entry of a root is skipped silently"): a hidden name, a symbolic link leading out of the root, a file
 * no adapter reads.
 */
export interface IgnoredEntry {
  /** Relative to the root, with `/` (a directory's path when the whole directory is left out). */
  path: string;
  reason: string;
}

/** Line accounting of one ingest: lines_read = lines_accepted + lines_rejected, always. */
export interface IngestSummary {
  lines_read: number;
  lines_accepted: number;
  lines_rejected: number;
  runs: number;
  /** Entries of the root neither read nor rejected, by path; present only when there is one. */
  ignored?: IgnoredEntry[];
}
