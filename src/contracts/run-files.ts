import type {RunMetrics} from "../lib/types.js";
import {gzipJsonFile, jsonFile, type SiteFile} from "./site-file.js";

/*
 * The files of the run page (src/[dataset]/run.md, opened as `<study>/run.html?id=<run_id>`), each run's in
 * its own folder `runs/<run_id>/` of its study, so the page downloads that run's data and nothing else:
 * the study's `run-index.json` (each run's file names), the run's metrics and response index
 * (`run-<sha>.json`), its per-question votes (`votes-<sha>.json.gz`) and, only when the reader opens a
 * question, the one chunk of raw responses holding it (`responses-<k>-<sha>.json.gz`) and the one chunk of
 * question texts holding it (`texts-<k>-<sha>.json.gz`), when the logs carry any. Written by
 * data-loaders/pipeline/run-files.ts.
 *
 * One page serves every run: Framework renders each page it builds, and a page per run made the build's
 * time grow with the number of runs. Pages name only run-index.json literally (Framework hashes it); the
 * other names they learn at run time, so observablehq.config.ts lists every run file in dynamicPaths,
 * which copies it to dist/ at its own path, and its name carries the start of its sha256 instead: a
 * changed file gets a new URL, and a browser never pairs a cached old file with a new one.
 */

/** The folder, inside a study's site folder, holding one subfolder per run. */
export const RUN_FILES_DIR = "runs";

/**
 * How much raw response text a build ships (`MEDSCALE_RESPONSES`): every response (`all`), none
 * (`none`), or each response cut to at most `max_chars` characters.
 */
export type ResponsesSetting = "all" | "none" | {max_chars: number};

/** One vote of the run: a question (and budget-forcing round) with the parsed answer of every sample. */
export interface RunVote {
  question_id: string;
  /** Budget-forcing round, 0 when the run has none. */
  round: number;
  gold: string;
  /** The majority vote, null when no sample parsed. */
  prediction: string | null;
  correct: boolean;
  tie: boolean;
  unparsed: number;
  /** The parsed answer of each sample, in sample order (null = unparsed). */
  answers: (string | null)[];
  /** Index of the first response chunk holding this question's responses; null when none is stored. */
  chunk: number | null;
}

/**
 * One stored raw response: [question_id, sample, round, parsed, response], and `true` as a sixth element
 * when MEDSCALE_RESPONSES cut the response.
 */
export type ResponseRow =
  | [string, number, number | null, string | null, string | null]
  | [string, number, number | null, string | null, string | null, true];

/**
 * A question's text, where the logs carry it (docs/input-format.md, "Question text"): [question_id, the prompt
 * (null: none), the choices as [label, text] pairs (null: none)]. Untrusted text, cut to its caps
 * (src/lib/scoring/cap-text.ts): pages show it as text, never as HTML.
 */
export type QuestionTextRow = [string, string | null, [string, string][] | null];

/** One chunk of a run's raw responses (or question texts): a range of questions (in vote order), gzip JSON. */
export interface ResponseChunk {
  /** File name in the run's folder (`responseChunkName`). */
  file: `${string}.json.gz`;
  /** First and last question_id it holds (a question too large for one chunk spans several). */
  first: string;
  last: string;
  /** Responses (rows) in the chunk. */
  rows: number;
  /** Size of the gzip file in bytes: what opening a question of this chunk downloads. */
  bytes: number;
}

/** A run's votes file: its name in the run's folder (`votesFileName`). */
export interface VotesFile {
  file: `${string}.json.gz`;
}

/** What the run page knows of the run's raw responses before it downloads any. */
export interface RunResponses {
  setting: ResponsesSetting;
  /** Responses the run has (samples with a response), stored or not. */
  total: number;
  /** Responses stored in the chunks (0 when the setting is `none`). */
  stored: number;
  /** Stored responses cut to `max_chars`. */
  truncated: number;
  chunks: ResponseChunk[];
  /**
   * True when the root carries per-question summaries, not samples (docs/summaries.md): no response
   * exists, and a vote's `answers` are its answers in first-appearance order, each repeated by its count.
   */
  summaries?: boolean;
}

/** `runs/<run_id>/run-<sha>.json`: the run's metrics (its row of runs.json) and its response index. */
export interface RunPageInfo {
  run: RunMetrics;
  responses: RunResponses;
  /** The chunks of the run's question texts, by question range; empty when its logs carry none. */
  texts: ResponseChunk[];
}

/** A run's entry in run-index.json: the names of its files. */
export interface RunIndexEntry {
  /** Its run.json (`runInfoName`). */
  info: `${string}.json`;
  votes: VotesFile;
}

/**
 * `run-index.json` (in the study's folder, beside runs.json): every run's file names by run id, for the
 * pages that open a run by its id — the run page, and the comparisons page, which reads the two runs' votes
 * of the pair the reader picks, not every run's.
 */
export type RunIndex = Record<string, RunIndexEntry>;

/**
 * Name of chunk `k` of a run's responses, with the start of its sha256: a chunk whose content changes gets
 * a new URL, so a browser never pairs a cached old chunk with new votes.
 *
 * @example responseChunkName(3, "9f86d081884c7d65…") // "responses-3-9f86d081884c.json.gz"
 */
export function responseChunkName(k: number, sha256: string): `${string}.json.gz` {
  return `responses-${k}-${sha256.slice(0, 12)}.json.gz`;
}

/**
 * Name of chunk `k` of a run's question texts (as `responseChunkName`).
 *
 * @example textChunkName(0, "9f86d081884c7d65…") // "texts-0-9f86d081884c.json.gz"
 */
export function textChunkName(k: number, sha256: string): `${string}.json.gz` {
  return `texts-${k}-${sha256.slice(0, 12)}.json.gz`;
}

/**
 * Name of a run's votes file, with the start of the run's stamp: the sha256 of what its files are written
 * from (its content key, the analysis code, the response setting and its metrics), so that votes written
 * from anything else get a new URL, and run-index.json can name them before they are written.
 *
 * @example votesFileName("9f86d081884c7d65…") // "votes-9f86d081884c.json.gz"
 */
export function votesFileName(sha256: string): `${string}.json.gz` {
  return `votes-${sha256.slice(0, 12)}.json.gz`;
}

/**
 * Name of a run's run.json, with the start of the run's stamp (as `votesFileName`).
 *
 * @example runInfoName("9f86d081884c7d65…") // "run-9f86d081884c.json"
 */
export function runInfoName(sha256: string): `${string}.json` {
  return `run-${sha256.slice(0, 12)}.json`;
}

/** The files of run `runId` (names relative to the study's site folder). */
export const runFiles = {
  /** The run's metrics and response index, by its `RunIndexEntry.info`. */
  info: (runId: string, file: `${string}.json`): SiteFile<RunPageInfo> =>
    jsonFile(`${RUN_FILES_DIR}/${runId}/${file}`),
  /** The run's votes, by its `VotesFile.file`. */
  votes: (runId: string, file: `${string}.json.gz`): SiteFile<RunVote[]> =>
    gzipJsonFile(`${RUN_FILES_DIR}/${runId}/${file}`),
  /** A chunk of raw responses, by its `ResponseChunk.file`. */
  responses: (runId: string, file: `${string}.json.gz`): SiteFile<ResponseRow[]> =>
    gzipJsonFile(`${RUN_FILES_DIR}/${runId}/${file}`),
  /** A chunk of question texts, by its `ResponseChunk.file` in `RunPageInfo.texts`. */
  texts: (runId: string, file: `${string}.json.gz`): SiteFile<QuestionTextRow[]> =>
    gzipJsonFile(`${RUN_FILES_DIR}/${runId}/${file}`)
} as const;
