import {parentPort} from "node:worker_threads";
import {parseJsonLines} from "../adapters/json-lines.js";
import {readTextLines} from "../source/text.js";
import {CHUNK_LINES, StagedRunBuilder} from "./stage-line.js";
import type {StageJob, WorkerReply, WorkerRequest} from "./stage-messages.js";

/**
 * A staging worker (started by stage-pool.ts): reads the JSON lines files it is given, one job at a time
 * in the order given, stages their lines (stage-line.ts) and posts the rows back a chunk at a time. It
 * runs ahead of the main thread by at most {@link AHEAD} unacknowledged chunks, so a large file is never
 * held whole.
 */
const AHEAD = 4;

const port = parentPort!;
const jobs: StageJob[] = [];
let unacknowledged = 0;
let resume: (() => void) | undefined;
let running = false;

const post = (reply: WorkerReply) => port.postMessage(reply);

async function stageJob(job: StageJob): Promise<void> {
  const builder = new StagedRunBuilder(job.context);
  const send = async () => {
    post({type: "chunk", id: job.id, chunk: builder.take()});
    unacknowledged++;
    while (unacknowledged >= AHEAD) await new Promise<void>((r) => (resume = r));
  };
  for await (const raw of parseJsonLines(readTextLines(job.file, job.name, job.where))) {
    builder.add(raw);
    if (builder.size >= CHUNK_LINES) await send();
  }
  if (builder.size > 0) await send();
}

async function drain(): Promise<void> {
  if (running) return;
  running = true;
  while (jobs.length > 0) {
    const job = jobs.shift()!;
    try {
      await stageJob(job);
      post({type: "done", id: job.id});
    } catch (error) {
      const e = error as Error;
      post({type: "error", id: job.id, name: e?.name ?? "Error", message: e?.message ?? String(error)});
    }
  }
  running = false;
}

port.on("message", (request: WorkerRequest) => {
  if (request.type === "ack") {
    unacknowledged--;
    if (unacknowledged < AHEAD && resume) {
      const r = resume;
      resume = undefined;
      r();
    }
    return;
  }
  jobs.push(request.job);
  void drain();
});
