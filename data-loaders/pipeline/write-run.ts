import {join} from "node:path";
import {gzipSync} from "node:zlib";
import type {DuckDBConnection} from "@duckdb/node-api";
import {
  type QuestionTextRow,
  type ResponsesSetting,
  runFiles,
  type RunIndexEntry,
  type RunPageInfo,
  runInfoName,
  type RunVote,
  textChunkName,
  type VotesFile,
  votesFileName
} from "../../src/contracts/run-files.js";
import type {RunMetrics} from "../../src/lib/types.js";
import {
  readQuestionTexts,
  readResponseCounts,
  readRunResponseQuestions,
  readRunVotes,
  type ResponseQuestionRow,
  type VoteRow
} from "../db/queries.js";
import {
  chunkQuestions,
  chunkResponses,
  type ChunkOptions,
  firstChunkOf,
  SITE_GZIP_LEVEL
} from "./response-chunks.js";
import {writeFileAtomic} from "./write.js";

/**
 * Writing one run's files for its run page (src/contracts/run-files.ts): its raw responses and question texts in
 * gzip chunks, its votes and its run.json, read from the ingest database. run-files.ts decides which runs are
 * written, names them in run-index.json and keeps the stamps.
 */

/** What a run's files hold: how much raw response text, for a summaries root or not, in chunks of what size. */
export interface RunWriteOptions {
  responses: ResponsesSetting;
  /** The root carries per-question summaries, not samples: the run pages say so (docs/summaries.md). */
  summaries?: boolean;
  chunks?: ChunkOptions;
}

/** What a run's files were written from (`stamp`), their names, and their counts. */
export interface RunStamp {
  stamp: string;
  entry: RunIndexEntry;
  chunks: number;
  bytes: number;
  chars: number;
  /** Questions with a text. */
  texts: number;
  responses: {total: number; stored: number; truncated: number};
}

/** Writes a run's votes under the name its stamp gives (`votesFileName`); returns the gzip's size. */
function writeVotes(dir: string, runId: string, file: VotesFile["file"], votes: RunVote[]): number {
  const data = gzipSync(JSON.stringify(votes), {level: SITE_GZIP_LEVEL});
  writeFileAtomic(join(dir, runFiles.votes(runId, file).name), data);
  return data.length;
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

/** Runs whose chunks are compressed and written at once while the next run is read (gzip runs off the JS thread). */
const WRITERS = 2;

/** A run whose files are to be written: its metrics and its stamp, which names its run.json and votes. */
export interface PlannedRun {
  run: RunMetrics;
  stamp: string;
}

/** What one run's files are written from, read from the database. */
interface RunRows extends PlannedRun {
  /** Samples with a response (before the setting leaves any out). */
  total: number;
  responses: ResponseQuestionRow[];
  texts: QuestionTextRow[];
  votes: VoteRow[];
}

/** The names of a run's run.json and votes: from its stamp, so they are known before the files are written. */
export function entryOf(stamp: string): RunIndexEntry {
  return {info: runInfoName(stamp), votes: {file: votesFileName(stamp)}};
}

/** Writes one run's response chunks, text chunks, votes and run.json; returns its stamp. */
async function writeRun(
  dir: string,
  setting: ResponsesSetting,
  {run, stamp, total, responses, texts: textRows, votes: voteRows}: RunRows,
  options: RunWriteOptions
): Promise<RunStamp> {
  const entry = entryOf(stamp);
  const chunks = await chunkQuestions(
    responses.map((q) => ({id: q.question_id, rows: q.rows, json: q.json})),
    options.chunks
  );
  let bytes = 0;
  for (const chunk of chunks) {
    writeFileAtomic(join(dir, runFiles.responses(run.run_id, chunk.info.file).name), chunk.data);
    bytes += chunk.data.length;
  }
  const texts = await chunkResponses(textRows, {...options.chunks, name: textChunkName});
  for (const chunk of texts) {
    writeFileAtomic(join(dir, runFiles.texts(run.run_id, chunk.info.file).name), chunk.data);
    bytes += chunk.data.length;
  }
  bytes += writeVotes(dir, run.run_id, entry.votes.file, runVotes(voteRows, firstChunkOf(chunks)));
  const truncated = responses.reduce((n, q) => n + q.cut, 0);
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
  writeFileAtomic(join(dir, runFiles.info(run.run_id, entry.info).name), JSON.stringify(info));
  return {
    stamp,
    entry,
    chunks: chunks.length,
    bytes,
    chars: responses.reduce((n, q) => n + q.chars, 0),
    texts: texts.reduce((n, c) => n + c.info.rows, 0),
    responses: {total, stored: info.responses.stored, truncated}
  };
}

/**
 * Reads each planned run's rows, one query at a time on the connection, and writes its files: its chunks are
 * compressed and written while the next runs are read (at most WRITERS at once). Stamps in run order.
 */
export async function writeRuns(
  connection: DuckDBConnection,
  rootId: string,
  planned: readonly PlannedRun[],
  dir: string,
  options: RunWriteOptions
): Promise<RunStamp[]> {
  const {responses: setting} = options;
  const totals =
    planned.length > 0 ? await readResponseCounts(connection, rootId) : new Map<string, number>();
  const written: Promise<RunStamp>[] = [];
  const writing = new Set<Promise<void>>();
  for (const {run, stamp} of planned) {
    const read: RunRows = {
      run,
      stamp,
      total: totals.get(run.run_id) ?? 0,
      responses:
        setting === "none"
          ? []
          : await readRunResponseQuestions(
              connection,
              rootId,
              run.run_id,
              setting === "all" ? null : setting.max_chars
            ),
      texts: await runTexts(connection, rootId, run.run_id),
      votes: await readRunVotes(connection, rootId, run.run_id)
    };
    const task = writeRun(dir, setting, read, options);
    written.push(task);
    const settled: Promise<void> = task.then(
      () => void writing.delete(settled),
      () => void writing.delete(settled)
    );
    writing.add(settled);
    if (writing.size >= WRITERS) await Promise.race(writing);
  }
  return Promise.all(written);
}
