import type {StageContext, StagedChunk} from "./stage-line.js";

/** The messages between ingest's staging pool (stage-pool.ts) and its workers (stage-worker.ts). */

/** One file to stage: a local JSON lines file and its run's context. */
export interface StageJob {
  id: number;
  file: string;
  name: string;
  where: string;
  context: StageContext;
}

/** Main thread → worker: a job to queue, or one chunk of a job consumed. */
export type WorkerRequest = {type: "job"; job: StageJob} | {type: "ack"; id: number};

/** Worker → main thread: a chunk of rows, a job finished, or a job failed (the file could not be read). */
export type WorkerReply =
  | {type: "chunk"; id: number; chunk: StagedChunk}
  | {type: "done"; id: number}
  | {type: "error"; id: number; name: string; message: string};
