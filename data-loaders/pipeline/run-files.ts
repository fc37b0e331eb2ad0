import {createHash} from "node:crypto";
import {join} from "node:path";
import {gzipSync} from "node:zlib";
import type {DuckDBConnection} from "@duckdb/node-api";
import {commonFiles} from "../../src/contracts/common.js";
import {
  type QuestionTextRow,
  type ResponseRow,
  type ResponsesSetting,
  runFiles,
  type RunIndex,
  type RunPageInfo,
  runInfoName,
  type RunVote,
  textChunkName,
  type VotesFile,
  votesFileName
} from "../../src/contracts/run-files.js";
import type {SiteFile} from "../../src/contracts/site-file.js";
import type {RunMetrics} from "../../src/lib/types.js";
import {
  readQuestionTexts,
  readResponseCounts,
  readRunResponses,
  readVotes,
  type VoteRow
} from "../db/queries.js";
import {chunkResponses, type ChunkOptions, firstChunkOf, SITE_GZIP_LEVEL} from "./response-chunks.js";
import {describeResponsesSetting} from "./responses-setting.js";
import {writeFileAtomic} from "./write.js";

/**
 * The run page's files (src/contracts/run-files.ts): for every valid run, `runs/<run_id>/run-<sha>.json`
 * (its metrics and response index), `votes-<sha>.json.gz` and the raw responses in gzip chunks by question
 * range, and its question texts (where the logs carry them) in chunks the same way; and `run-index.json`, every
 * run's file names. The run page then downloads its own run's files, and one chunk per question the reader opens.
 */

/** Above this much raw response text (characters) in one root, the log suggests capping it. */
const LARGE_RESPONSES_CHARS = 500_000_000;

export interface RunFilesOptions {
  responses: ResponsesSetting;
  /** The root carries per-question summaries, not samples: the run pages say so (docs/summaries.md). */
  summaries?: boolean;
  chunks?: ChunkOptions;
  log?: (message: string) => void;
}

/** What was written, for the log and the tests. */
export interface RunFilesSummary {
  runs: number;
  chunks: number;
  /** Bytes of the gzip files (votes, response and text chunks). */
  bytes: number;
  /** Questions with a text (a prompt or choice texts), over all runs. */
  texts: number;
  responses: {total: number; stored: number; truncated: number};
}

/** Writes a declared site file into `dir`: JSON, gzipped when its name ends in `.gz`. */
export function writeSiteFile<T>(dir: string, file: SiteFile<T>, value: T): number {
  const json = JSON.stringify(value);
  const data = file.name.endsWith(".gz") ? gzipSync(json, {level: SITE_GZIP_LEVEL}) : json;
  writeFileAtomic(join(dir, file.name), data);
  return typeof data === "string" ? Buffer.byteLength(data) : data.length;
}

const sha256 = (data: string | Uint8Array) => createHash("sha256").update(data).digest("hex");

/** Writes a run's votes under their content-hashed name (`votesFileName`). */
function writeVotes(dir: string, runId: string, votes: RunVote[]): VotesFile {
  const data = gzipSync(JSON.stringify(votes), {level: SITE_GZIP_LEVEL});
  const file = votesFileName(sha256(data));
  writeFileAtomic(join(dir, runFiles.votes(runId, file).name), data);
  return {file, bytes: data.length};
}

/** Writes a run's run.json under its content-hashed name (`runInfoName`). */
function writeInfo(dir: string, runId: string, info: RunPageInfo): `${string}.json` {
  const json = JSON.stringify(info);
  const file = runInfoName(sha256(json));
  writeFileAtomic(join(dir, runFiles.info(runId, file).name), json);
  return file;
}

/** The run's votes as the page reads them, with the chunk holding each question's responses. */
function runVotes(rows: readonly VoteRow[], chunkOf: ReadonlyMap<string, number>): RunVote[] {
  return rows.map((r) => ({
    question_id: r.question_id,
    round: r.round,
    gold: r.gold,
    prediction: r.prediction,
    correct: r.correct,
    tie: r.tie,
    unparsed: r.unparsed,
    answers: JSON.parse(r.answers) as (string | null)[],
    chunk: chunkOf.get(r.question_id) ?? null
  }));
}

/** A run's question texts as the pages read them (the choices parsed from their stored JSON). */
async function runTexts(
  connection: DuckDBConnection,
  rootId: string,
  runId: string
): Promise<QuestionTextRow[]> {
  return (await readQuestionTexts(connection, rootId, runId)).map(([questionId, prompt, choices]) => [
    questionId,
    prompt,
    choices === null ? null : (JSON.parse(choices) as [string, string][])
  ]);
}

/** Writes the files of every run in `runs` (the valid runs of the root) under `dir`. */
export async function writeRunFiles(
  connection: DuckDBConnection,
  rootId: string,
  runs: readonly RunMetrics[],
  dir: string,
  options: RunFilesOptions
): Promise<RunFilesSummary> {
  const {responses: setting} = options;
  const started = performance.now();
  const votesByRun = new Map<string, VoteRow[]>();
  for (const vote of await readVotes(connection, rootId)) {
    const list = votesByRun.get(vote.run_id);
    if (list) list.push(vote);
    else votesByRun.set(vote.run_id, [vote]);
  }
  const summary: RunFilesSummary = {
    runs: 0,
    chunks: 0,
    bytes: 0,
    texts: 0,
    responses: {total: 0, stored: 0, truncated: 0}
  };
  const index: RunIndex = {};
  const totals = await readResponseCounts(connection, rootId);
  let totalChars = 0;
  for (const run of runs) {
    const total = totals.get(run.run_id) ?? 0;
    const rows: ResponseRow[] = [];
    let truncated = 0;
    if (setting !== "none") {
      const maxChars = setting === "all" ? null : setting.max_chars;
      for (const [questionId, sample, round, parsed, response, cut] of await readRunResponses(
        connection,
        rootId,
        run.run_id,
        maxChars
      )) {
        rows.push(
          cut
            ? [questionId, sample, round, parsed, response, true]
            : [questionId, sample, round, parsed, response]
        );
        totalChars += response?.length ?? 0;
        if (cut) truncated++;
      }
    }
    const chunks = chunkResponses(rows, options.chunks);
    for (const chunk of chunks) {
      writeFileAtomic(join(dir, runFiles.responses(run.run_id, chunk.info.file).name), chunk.data);
      summary.bytes += chunk.data.length;
    }
    const texts = chunkResponses(await runTexts(connection, rootId, run.run_id), {
      ...options.chunks,
      name: textChunkName
    });
    for (const chunk of texts) {
      writeFileAtomic(join(dir, runFiles.texts(run.run_id, chunk.info.file).name), chunk.data);
      summary.bytes += chunk.data.length;
      summary.texts += chunk.info.rows;
    }
    const votes = writeVotes(
      dir,
      run.run_id,
      runVotes(votesByRun.get(run.run_id) ?? [], firstChunkOf(chunks))
    );
    summary.bytes += votes.bytes;
    const info: RunPageInfo = {
      run,
      responses: {
        setting,
        total,
        stored: chunks.reduce((n, c) => n + c.info.rows, 0),
        truncated,
        chunks: chunks.map((c) => c.info),
        ...(options.summaries ? {summaries: true} : {})
      },
      texts: texts.map((c) => c.info)
    };
    index[run.run_id] = {info: writeInfo(dir, run.run_id, info), votes};
    summary.runs++;
    summary.chunks += chunks.length;
    summary.responses.total += total;
    summary.responses.stored += info.responses.stored;
    summary.responses.truncated += truncated;
  }
  writeSiteFile(dir, commonFiles.runIndex, index);
  const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;
  options.log?.(
    `site: ${summary.runs} runs, ${summary.chunks} response chunks, ${summary.texts} question texts, ` +
      `${mb(summary.bytes)} gzip ` +
      `(${summary.responses.stored} of ${summary.responses.total} responses, ${summary.responses.truncated} cut; ` +
      `${describeResponsesSetting(setting)}) in ${((performance.now() - started) / 1000).toFixed(1)} s`
  );
  if (setting === "all" && totalChars > LARGE_RESPONSES_CHARS)
    options.log?.(
      `site: the raw responses hold ${mb(totalChars)} of text; set MEDSCALE_RESPONSES=<max chars> or ` +
        "MEDSCALE_RESPONSES=none to ship less (docs/site.md)"
    );
  return summary;
}
