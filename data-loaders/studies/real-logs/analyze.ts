import type {DuckDBConnection} from "@duckdb/node-api";
import {wilsonInterval} from "../../../src/lib/stats/wilson.js";
import type {ReportedAccuracy} from "../../adapters/lm-eval.js";
import type {Analysis} from "../../pipeline/analyze.js";
import type {RunsRoot} from "../../source/index.js";

/**
 * The real-data study: what the pages under src/real/ show about third-party logs (MedAgentsBench, lm-eval,
 * Inspect), computed from the ingested database after `analyze`. Everything here is read from the `runs`,
 * `samples` and `votes` tables of one root; nothing is copied from the logs except short excerpts
 * (question starts, response ends) that go into the built site, never into the repository.
 * See docs/real-data.md.
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

/**
 * Models trained to reason at length before answering (OpenAI o-series, DeepSeek-R1, QwQ). A label from the
 * model's name, not a measurement: the pages show each model's measured tokens beside it.
 */
export const REASONING_MODEL = /^(o\d+(-|$)|deepseek-r1|qwq)/i;

/** Whether `model` is a reasoning model by {@link REASONING_MODEL} (a provider prefix like `openai/` is ignored). */
export function isReasoningModel(model: string): boolean {
  return REASONING_MODEL.test(model.replace(/^.*\//, ""));
}

type Row = Record<string, unknown>;

async function rows(connection: DuckDBConnection, sql: string, params: string[]): Promise<Row[]> {
  return (await connection.runAndReadAll(sql, params)).getRowObjectsJS() as Row[];
}

const str = (v: unknown): string | null => (typeof v === "string" ? v : null);
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
function json(v: unknown): Record<string, unknown> {
  if (typeof v === "string") return JSON.parse(v) as Record<string, unknown>;
  return (v ?? {}) as Record<string, unknown>;
}

/** Correct questions from a run's accuracy; it is a ratio of integers, so anything else is a bug upstream. */
function correctCount(runId: string, accuracy: number, questions: number): number {
  const correct = Math.round(accuracy * questions);
  if (Math.abs(correct - accuracy * questions) > 1e-6)
    throw new Error(`run ${runId}: accuracy ${accuracy} × ${questions} questions is not a whole number`);
  return correct;
}

/**
 * Every scored run of a root with its Wilson 95 % interval and tokens per question (the completion tokens of
 * all a question's samples, summed, then averaged over the questions that have counts).
 */
export async function runIntervals(connection: DuckDBConnection, rootId: string): Promise<RunInterval[]> {
  const tokens = new Map<string, number>();
  for (const r of await rows(
    connection,
    `SELECT run_id, avg(t)::DOUBLE AS tokens FROM (
       SELECT run_id, question_id, sum(output_tokens)::DOUBLE AS t FROM samples
       WHERE root_id = $1 AND output_tokens IS NOT NULL GROUP BY run_id, question_id)
     GROUP BY run_id`,
    [rootId]
  ))
    tokens.set(r.run_id as string, r.tokens as number);
  const runs = await rows(
    connection,
    `SELECT run_id, model, task, source, run_json, questions, accuracy, chance, unparsed, ties, upstream_accuracy,
       extraction_compared, extraction_agreed
     FROM runs WHERE root_id = $1 AND invalid IS NULL AND questions > 0 ORDER BY run_id`,
    [rootId]
  );
  return runs.map((r) => {
    const runId = r.run_id as string;
    const info = json(r.run_json);
    const questions = r.questions as number;
    const accuracy = r.accuracy as number;
    const correct = correctCount(runId, accuracy, questions);
    const {lower, upper} = wilsonInterval(correct, questions);
    return {
      run_id: runId,
      model: r.model as string,
      task: r.task as string,
      source: r.source as string,
      strategy: str(info.strategy),
      view: str(info.view),
      benchmark: str(info.benchmark),
      split: str(info.split),
      method: str(info.method),
      n: num(info.samples) ?? 1,
      questions,
      correct,
      accuracy,
      lower,
      upper,
      chance: num(r.chance),
      unparsed: r.unparsed as number,
      ties: r.ties as number,
      tokens_per_question: tokens.get(runId) ?? null,
      upstream_accuracy: num(r.upstream_accuracy),
      reported_accuracy: num(info.reported_accuracy),
      reported_metric: str(info.reported_metric),
      extraction_compared: r.extraction_compared as number,
      extraction_agreed: r.extraction_agreed as number,
      reasoning: isReasoningModel(r.model as string)
    };
  });
}

/** How many of a question's votes agree with its majority prediction (0 when nothing parsed). */
export function majoritySize(answers: readonly (string | null)[], prediction: string | null): number {
  return prediction === null ? 0 : answers.filter((a) => a === prediction).length;
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
  agreement: {k: number; questions: number; correct: number}[];
  /** The run holding the file's own answer for the same questions (MedAgentsBench `.logged`), if any. */
  logged_run_id: string | null;
  /** Questions where the logged answer differs from medscale's majority vote. */
  logged_differs: number | null;
  /** Questions where the logged answer is not among the most frequent votes (not a plurality leader). */
  logged_not_leader: number | null;
}

/**
 * For every run with more than one sample per question: how many votes agree with the majority, and how the
 * file's own answer (its `.logged` companion run) relates to medscale's vote. Questions are scored at their
 * lowest round, as in scoring.
 */
export async function voteAgreement(
  connection: DuckDBConnection,
  rootId: string,
  intervals: readonly RunInterval[]
): Promise<VoteAgreementRun[]> {
  const byId = new Map(intervals.map((r) => [r.run_id, r]));
  const out: VoteAgreementRun[] = [];
  for (const run of intervals) {
    if (run.n < 2) continue;
    const loggedId = byId.has(`${run.run_id}.logged`) ? `${run.run_id}.logged` : null;
    const votes = await rows(
      connection,
      `SELECT question_id, prediction, correct, answers FROM votes v
       WHERE root_id = $1 AND run_id = $2
         AND round = (SELECT min(round) FROM votes w WHERE w.root_id = v.root_id AND w.run_id = v.run_id
                      AND w.question_id = v.question_id)
       ORDER BY question_id`,
      [rootId, run.run_id]
    );
    const logged = new Map<string, string | null>();
    if (loggedId)
      for (const r of await rows(
        connection,
        "SELECT question_id, prediction FROM votes WHERE root_id = $1 AND run_id = $2",
        [rootId, loggedId]
      ))
        logged.set(r.question_id as string, str(r.prediction));
    const agreement = Array.from({length: run.n + 1}, (_, k) => ({k, questions: 0, correct: 0}));
    let differs = 0;
    let notLeader = 0;
    for (const v of votes) {
      const answers = JSON.parse(v.answers as string) as (string | null)[];
      const prediction = str(v.prediction);
      const k = majoritySize(answers, prediction);
      if (k > run.n)
        throw new Error(`run ${run.run_id}: question ${v.question_id} has ${k} votes > n = ${run.n}`);
      agreement[k].questions++;
      if (v.correct) agreement[k].correct++;
      if (loggedId) {
        const answer = logged.get(v.question_id as string) ?? null;
        if (answer !== prediction) differs++;
        const count = (a: string | null) => answers.filter((x) => x !== null && x === a).length;
        const top = Math.max(0, ...answers.map(count));
        if (answer === null || count(answer) < top) notLeader++;
      }
    }
    out.push({
      run_id: run.run_id,
      model: run.model,
      task: run.task,
      method: run.method,
      n: run.n,
      questions: votes.length,
      agreement,
      logged_run_id: loggedId,
      logged_differs: loggedId ? differs : null,
      logged_not_leader: loggedId ? notLeader : null
    });
  }
  return out;
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

/** Characters of a response's end shown in the disagreement list. */
export const RESPONSE_END_CHARS = 400;

/**
 * Extraction agreement: for every sample that has both an upstream answer and raw text, medscale's own
 * extraction (column `extracted`) against the answer that votes (`parsed`), by run, and every disagreement.
 * The per-run counts are checked against the counts ingest stored (`extraction_compared`/`_agreed`).
 * @param questions question text by `<task>\n<question_id>` (see {@link readQuestionTexts})
 */
export async function extractionAgreement(
  connection: DuckDBConnection,
  rootId: string,
  intervals: readonly RunInterval[],
  questions: ReadonlyMap<string, string> = new Map()
): Promise<{runs: ExtractionRun[]; disagreements: ExtractionDisagreement[]}> {
  const byId = new Map(intervals.map((r) => [r.run_id, r]));
  const compared = intervals.filter((r) => r.extraction_compared > 0).map((r) => r.run_id);
  if (compared.length === 0) return {runs: [], disagreements: []};
  // Ingest compares exactly the samples with an upstream answer and a response, in runs that compared any.
  const scope = `root_id = $1 AND response IS NOT NULL AND run_id IN (SELECT run_id FROM runs WHERE root_id = $1
    AND invalid IS NULL AND extraction_compared > 0)`;
  const counts = await rows(
    connection,
    `SELECT run_id, count(*)::INTEGER AS compared,
       count(*) FILTER (WHERE extracted IS NOT DISTINCT FROM parsed)::INTEGER AS agreed,
       count(*) FILTER (WHERE extracted IS NULL AND parsed IS NOT NULL)::INTEGER AS extractor_none,
       count(*) FILTER (WHERE parsed IS NULL AND extracted IS NOT NULL)::INTEGER AS logged_none,
       count(*) FILTER (WHERE extracted <> parsed)::INTEGER AS different
     FROM samples WHERE ${scope} GROUP BY run_id ORDER BY run_id`,
    [rootId]
  );
  const runs: ExtractionRun[] = counts.map((c) => {
    const run = byId.get(c.run_id as string);
    if (!run) throw new Error(`extraction agreement: run ${c.run_id} is not scored`);
    if (c.compared !== run.extraction_compared || c.agreed !== run.extraction_agreed)
      throw new Error(
        `extraction agreement of ${run.run_id}: ${c.agreed}/${c.compared} here, ${run.extraction_agreed}/${run.extraction_compared} at ingest`
      );
    return {
      run_id: run.run_id,
      model: run.model,
      task: run.task,
      method: run.method,
      compared: c.compared as number,
      agreed: c.agreed as number,
      extractor_none: c.extractor_none as number,
      logged_none: c.logged_none as number,
      different: c.different as number
    };
  });
  if (runs.length !== compared.length)
    throw new Error(`extraction agreement: ${compared.length} runs compared at ingest, ${runs.length} found`);
  const rowsOut = await rows(
    connection,
    `SELECT run_id, question_id, sample, parsed, extracted, gold, right(response, ${RESPONSE_END_CHARS}) AS response_end,
       length(response)::INTEGER AS response_chars
     FROM samples WHERE ${scope} AND extracted IS DISTINCT FROM parsed
     ORDER BY run_id, question_id, sample`,
    [rootId]
  );
  const disagreements = rowsOut.map((r): ExtractionDisagreement => {
    const run = byId.get(r.run_id as string) as RunInterval;
    return {
      run_id: run.run_id,
      model: run.model,
      task: run.task,
      method: run.method,
      question_id: r.question_id as string,
      sample: r.sample as number,
      question: questions.get(`${run.task}\n${r.question_id}`) ?? null,
      logged: str(r.parsed),
      extracted: str(r.extracted),
      gold: r.gold as string,
      response_end: r.response_end as string,
      response_chars: r.response_chars as number
    };
  });
  return {runs, disagreements};
}

/** Characters of a question's start kept for the disagreement list. */
export const QUESTION_START_CHARS = 200;

/**
 * Question starts by `<task>\n<realidx>` from a MedAgentsBench root's `data/<benchmark>/<split>.jsonl`, for
 * the tasks given (`<benchmark>.<split>`). Tasks without a data file are left out; a line that is not a JSON
 * record with `realidx` and `question` is counted in `skipped` (it is not a run's line: nothing is scored
 * from these files).
 */
export async function readQuestionTexts(
  root: RunsRoot,
  tasks: readonly string[]
): Promise<{texts: Map<string, string>; skipped: number}> {
  const listed = new Set((await root.list()).map((f) => f.path));
  const texts = new Map<string, string>();
  let skipped = 0;
  for (const task of tasks) {
    const dot = task.indexOf(".");
    const file = `data/${task.slice(0, dot)}/${task.slice(dot + 1)}.jsonl`;
    if (dot < 0 || !listed.has(file)) continue;
    for await (const line of root.lines(file)) {
      if (line.trim() === "") continue;
      try {
        const record = JSON.parse(line) as {realidx?: unknown; question?: unknown};
        if (
          (typeof record.realidx !== "string" && typeof record.realidx !== "number") ||
          typeof record.question !== "string"
        )
          throw new Error("no realidx/question");
        const text = record.question.replace(/\s+/g, " ").trim();
        texts.set(
          `${task}\n${record.realidx}`,
          text.length > QUESTION_START_CHARS ? `${text.slice(0, QUESTION_START_CHARS)}…` : text
        );
      } catch {
        skipped++;
      }
    }
  }
  return {texts, skipped};
}

/** What the MedAgentsBench page shows. */
export interface MedAgentsBenchStudy {
  kind: "medagentsbench";
  provenance: RealLogsProvenance;
  /** Distinct models in the files (the shared README says 13; see docs/real-data.md). */
  models: {name: string; reasoning: boolean}[];
  runs: RunInterval[];
  votes: VoteAgreementRun[];
  extraction: {runs: ExtractionRun[]; disagreements: ExtractionDisagreement[]};
  notes: string[];
  lines: {read: number; accepted: number; rejected: number};
}

/** The MedAgentsBench study of an analyzed root (`root` gives the question texts; optional). */
export async function medAgentsBenchStudy(
  connection: DuckDBConnection,
  analysis: Analysis,
  provenance: RealLogsProvenance,
  root?: RunsRoot
): Promise<MedAgentsBenchStudy> {
  const rootId = analysis.ingest.rootId;
  const runs = await runIntervals(connection, rootId);
  const notes = [...(analysis.input.notes ?? [])];
  let texts = new Map<string, string>();
  if (root) {
    const read = await readQuestionTexts(root, [...new Set(runs.map((r) => r.task))]);
    texts = read.texts;
    if (read.skipped > 0)
      notes.push(`${read.skipped} data-file line(s) without realidx/question: no question text shown`);
  }
  const models = [...new Set(runs.map((r) => r.model))]
    .sort((a, b) => a.localeCompare(b))
    .map((name) => ({name, reasoning: isReasoningModel(name)}));
  return {
    kind: "medagentsbench",
    provenance,
    models,
    runs,
    votes: await voteAgreement(connection, rootId, runs),
    extraction: await extractionAgreement(connection, rootId, runs, texts),
    notes,
    lines: {
      read: analysis.summary.lines_read,
      accepted: analysis.summary.lines_accepted,
      rejected: analysis.summary.lines_rejected
    }
  };
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

/** Invalid (filtered-out) answers above this share flag a run: its reported accuracy says little. */
export const INVALID_FLAG_SHARE = 0.5;

/** The flags of an lm-eval run (see docs/real-data.md): mostly invalid answers; a reported 0 medscale does not reproduce. */
export function lmEvalFlags(run: {
  accuracy: number;
  reported_accuracy: number | null;
  unparsed: number;
  samples: number;
  filter: string | null;
}): string[] {
  const flags: string[] = [];
  if (run.samples > 0 && run.unparsed / run.samples > INVALID_FLAG_SHARE)
    flags.push(
      `filter ${run.filter ?? "?"} left ${run.unparsed} of ${run.samples} answers invalid: the reported accuracy scores the filter, not the model`
    );
  if (run.reported_accuracy === 0 && run.accuracy > 0)
    flags.push(
      `the results file reports 0, medscale scores ${run.accuracy.toFixed(3)} from the same answers: the harness reported zero by mistake`
    );
  else if (run.reported_accuracy !== null && Math.abs(run.reported_accuracy - run.accuracy) > 1e-9)
    flags.push(`medscale's accuracy differs from the results file`);
  return flags;
}

export interface LmEvalStudy {
  kind: "lm-eval";
  provenance: RealLogsProvenance;
  runs: LmEvalRun[];
  /** Results-file values with no run (no samples file, or acc_norm): listed beside, never scored. */
  unmatched_results: ReportedAccuracy[];
  rejected: {file: string; lines: number; example: string}[];
  notes: string[];
  lines: {read: number; accepted: number; rejected: number};
}

/** The lm-eval study: every run beside its results file, with flags. `reported` from readLmEvalReported. */
export async function lmEvalStudy(
  connection: DuckDBConnection,
  analysis: Analysis,
  provenance: RealLogsProvenance,
  reported: readonly ReportedAccuracy[]
): Promise<LmEvalStudy> {
  const rootId = analysis.ingest.rootId;
  const totals = new Map<string, {samples: number; info: Record<string, unknown>}>();
  for (const r of await rows(
    connection,
    "SELECT run_id, samples, run_json FROM runs WHERE root_id = $1 AND invalid IS NULL",
    [rootId]
  ))
    totals.set(r.run_id as string, {samples: r.samples as number, info: json(r.run_json)});
  const runs = (await runIntervals(connection, rootId)).map((run): LmEvalRun => {
    const {samples, info} = totals.get(run.run_id) ?? {samples: 0, info: {}};
    const filter = str(info.filter);
    return {
      ...run,
      lm_eval_task: str(info.lm_eval_task),
      filter,
      results_file: str(info.results_file),
      invalid_share: samples > 0 ? run.unparsed / samples : 0,
      flags: lmEvalFlags({...run, samples, filter})
    };
  });
  const rejected = new Map<string, {file: string; lines: number; example: string}>();
  for (const r of analysis.rejects) {
    const entry = rejected.get(r.file) ?? {file: r.file, lines: 0, example: `line ${r.line}: ${r.reason}`};
    entry.lines++;
    rejected.set(r.file, entry);
  }
  return {
    kind: "lm-eval",
    provenance,
    runs,
    unmatched_results: reported.filter((r) => r.run_id === null),
    rejected: [...rejected.values()],
    notes: [...(analysis.input.notes ?? [])],
    lines: {
      read: analysis.summary.lines_read,
      accepted: analysis.summary.lines_accepted,
      rejected: analysis.summary.lines_rejected
    }
  };
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

export interface InspectStudy {
  kind: "inspect";
  provenance: RealLogsProvenance;
  runs: InspectRun[];
  samples: InspectSample[];
  notes: string[];
  lines: {read: number; accepted: number; rejected: number};
}

/** Characters of an Inspect answer kept in the samples table (judged answers are whole completions). */
export const INSPECT_ANSWER_CHARS = 200;

/** The Inspect study: runs with their epochs, the header's accuracy beside medscale's, and every score. */
export async function inspectStudy(
  connection: DuckDBConnection,
  analysis: Analysis,
  provenance: RealLogsProvenance
): Promise<InspectStudy> {
  const rootId = analysis.ingest.rootId;
  const infos = new Map<string, Record<string, unknown>>();
  for (const r of await rows(connection, "SELECT run_id, run_json FROM runs WHERE root_id = $1", [rootId]))
    infos.set(r.run_id as string, json(r.run_json));
  const runs = (await runIntervals(connection, rootId)).map((run): InspectRun => {
    const info = infos.get(run.run_id) ?? {};
    const reducer = info.epochs_reducer;
    return {
      ...run,
      epochs: num(info.epochs),
      epochs_reducer: Array.isArray(reducer) ? reducer.join(", ") : str(reducer),
      scorer: str(info.scorer),
      status: str(info.status)
    };
  });
  const samples = (
    await rows(
      connection,
      `SELECT run_id, question_id, sample, parsed, gold, upstream_correct, output_tokens FROM samples
       WHERE root_id = $1 ORDER BY run_id, line, sample`,
      [rootId]
    )
  ).map((r): InspectSample => {
    const answer = str(r.parsed);
    return {
      run_id: r.run_id as string,
      question_id: r.question_id as string,
      epoch: (r.sample as number) + 1,
      answer:
        answer !== null && answer.length > INSPECT_ANSWER_CHARS
          ? `${answer.slice(0, INSPECT_ANSWER_CHARS)}…`
          : answer,
      gold: r.gold as string,
      score: num(r.upstream_correct),
      output_tokens: num(r.output_tokens)
    };
  });
  return {
    kind: "inspect",
    provenance,
    runs,
    samples,
    notes: [...(analysis.input.notes ?? [])],
    lines: {
      read: analysis.summary.lines_read,
      accepted: analysis.summary.lines_accepted,
      rejected: analysis.summary.lines_rejected
    }
  };
}
