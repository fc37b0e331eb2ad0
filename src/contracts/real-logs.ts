import {jsonFile} from "./site-file.js";

/*
 * The real-log studies (docs/real-data.md): what the pages under src/real/ show about third-party logs
 * (MedAgentsBench, lm-evaluation-harness, Inspect). Written by data-loaders/studies/real-logs/; each set's
 * `real-study.json` holds one of the three study types below, told apart by `kind`.
 */

/** Where a real set comes from: the public repository at a pinned commit. */
export interface RealLogsProvenance {
  /** Folder name under $MEDSCALE_REAL_LOGS (`medagentsbench`, `lm-eval-harness`, `inspect`). */
  set: string;
  /** owner/name on GitHub. */
  repo: string;
  /** The pinned commit (as the shared README gives it). */
  commit: string;
  license: string;
  /** Browsable address of the repository at the commit. */
  url: string;
  /** Where this build read the files from: a directory or an HTTP root. */
  location: string;
  mode: "local" | "http";
  files: number;
}

/** Lines (records) of a set: read, accepted, rejected. */
export interface LineCounts {
  read: number;
  accepted: number;
  rejected: number;
}

/** One run with its accuracy, Wilson 95 % interval and tokens per question. */
export interface RunInterval {
  run_id: string;
  model: string;
  task: string;
  source: string;
  strategy: string | null;
  /** MedAgentsBench: `samples` (medscale's vote over the logged samples) or `logged` (the file's answer). */
  view: string | null;
  benchmark: string | null;
  split: string | null;
  method: string | null;
  /** Samples per question (self-consistency n). */
  n: number;
  questions: number;
  correct: number;
  accuracy: number;
  lower: number;
  upper: number;
  chance: number | null;
  unparsed: number;
  ties: number;
  /** Mean over questions of the completion tokens of all the question's samples; null when none counted. */
  tokens_per_question: number | null;
  /** Mean of the upstream per-sample verdicts (null when the log has none). */
  upstream_accuracy: number | null;
  reported_accuracy: number | null;
  reported_metric: string | null;
  extraction_compared: number;
  extraction_agreed: number;
  reasoning: boolean;
}

/** Questions of a run whose majority had `k` agreeing votes, and how many of them were right. */
export interface AgreementCount {
  /** Votes agreeing with the majority, 0…n (0 = nothing parsed). */
  k: number;
  questions: number;
  correct: number;
}

/** The vote-agreement distribution of one run with several samples per question. */
export interface VoteAgreementRun {
  run_id: string;
  model: string;
  task: string;
  method: string | null;
  n: number;
  questions: number;
  /** k = votes agreeing with the majority, 0…n: questions with that k, and how many of them were right. */
  agreement: AgreementCount[];
  /** The run holding the file's own answer for the same questions (MedAgentsBench `.logged`), if any. */
  logged_run_id: string | null;
  /** Questions where the logged answer differs from medscale's majority vote. */
  logged_differs: number | null;
  /** Questions where the logged answer is not among the most frequent votes (not a plurality leader). */
  logged_not_leader: number | null;
}

/** Per run: medscale's extraction from the raw text against the logged answer. */
export interface ExtractionRun {
  run_id: string;
  model: string;
  task: string;
  method: string | null;
  compared: number;
  agreed: number;
  /** medscale found no answer in the text (often a response cut off before its answer). */
  extractor_none: number;
  /** The log has no answer (NaN, ""), but medscale found one. */
  logged_none: number;
  /** Both have an answer and they differ. */
  different: number;
}

/** One sample where medscale's extraction and the logged answer disagree, for a reviewer to judge. */
export interface ExtractionDisagreement {
  run_id: string;
  model: string;
  task: string;
  method: string | null;
  question_id: string;
  sample: number;
  /** The question's first characters, when the root has its data file (MedAgentsBench `data/`). */
  question: string | null;
  logged: string | null;
  extracted: string | null;
  gold: string;
  /** The response's last characters (where answers usually are); the whole text is on the run page. */
  response_end: string;
  response_chars: number;
}

/** Extraction agreement of a root: per-run counts and every disagreement. */
export interface ExtractionAgreement {
  runs: ExtractionRun[];
  disagreements: ExtractionDisagreement[];
}

/** What the MedAgentsBench page shows. */
export interface MedAgentsBenchStudy {
  kind: "medagentsbench";
  provenance: RealLogsProvenance;
  /** Distinct models in the files (the shared README says 13; see docs/real-data.md). */
  models: {name: string; reasoning: boolean}[];
  runs: RunInterval[];
  votes: VoteAgreementRun[];
  extraction: ExtractionAgreement;
  notes: string[];
  lines: LineCounts;
}

/** The accuracy an lm-evaluation-harness results file reports for one task, metric and filter. */
export interface ReportedAccuracy {
  results_file: string;
  model: string;
  task: string;
  metric: string;
  filter: string;
  value: number | null;
  /** The samples file with this task and time, or null when the folder has none. */
  samples_file: string | null;
  /** The run imported for it, or null (no samples file, or no samples for this filter). */
  run_id: string | null;
}

/** One lm-eval run beside its results file. */
export interface LmEvalRun extends RunInterval {
  lm_eval_task: string | null;
  filter: string | null;
  results_file: string | null;
  /** Samples whose filtered answer is `[invalid]` or blank, over all samples. */
  invalid_share: number;
  /** Why a reader should look twice at this run (empty when nothing stands out). */
  flags: string[];
}

/** Rejected lines of one file: how many, and the first as an example. */
export interface RejectedFile {
  file: string;
  lines: number;
  example: string;
}

/** What the lm-evaluation-harness page shows. */
export interface LmEvalStudy {
  kind: "lm-eval";
  provenance: RealLogsProvenance;
  runs: LmEvalRun[];
  /** Results-file values with no run (no samples file, or acc_norm): listed beside, never scored. */
  unmatched_results: ReportedAccuracy[];
  rejected: RejectedFile[];
  notes: string[];
  lines: LineCounts;
}

/** One Inspect run with its epochs and scores. */
export interface InspectRun extends RunInterval {
  epochs: number | null;
  epochs_reducer: string | null;
  scorer: string | null;
  status: string | null;
}

/** One scored sample (one epoch of one question) of an Inspect log. */
export interface InspectSample {
  run_id: string;
  question_id: string;
  epoch: number;
  answer: string | null;
  gold: string;
  /** The scorer's value read as a number (C 1, I 0, P 0.5…); null when the log has no score. */
  score: number | null;
  output_tokens: number | null;
}

/** What the Inspect page shows. */
export interface InspectStudy {
  kind: "inspect";
  provenance: RealLogsProvenance;
  runs: InspectRun[];
  samples: InspectSample[];
  notes: string[];
  lines: LineCounts;
}

/** The study of one real set, by its `kind`. */
export type RealLogsStudy = MedAgentsBenchStudy | LmEvalStudy | InspectStudy;

/** The file of each real-log study (data/real-<set>/real-study.json), written by data-loaders/studies/real-logs/. */
export const realLogsFiles = {
  study: jsonFile<RealLogsStudy>("real-study.json")
} as const;
