import {Worker} from "node:worker_threads";
import type {LocalTextFile} from "../adapters/types.js";
import {SourceError} from "../source/errors.js";
import type {StageContext, StagedChunk} from "./stage-line.js";
import type {WorkerReply, WorkerRequest} from "./stage-messages.js";

/**
 * Worker threads that stage local JSON lines files (stage-worker.ts) while the main thread appends rows
 * to DuckDB and DuckDB scores the previous batch: the per-line work (gunzip, line splitting, JSON.parse,
 * validation, answer extraction) is the largest cost of a cold ingest and runs on the other cores. Jobs
 * are handed out in the order ingest consumes them, round robin, and each job's chunks come back in file
 * order, so the rows are exactly those the main thread would stage.
 */

interface JobStream {
  worker: Worker;
  chunks: StagedChunk[];
  done: boolean;
  error?: Error;
  wake?: () => void;
}

// The workers run TypeScript sources as the CLI does (tsx); Node 20 does not pass loader hooks to workers.
const bootstrap = (entry: string) =>
  `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;

export class StagePool {
  private readonly workers: Worker[] = [];
  private readonly jobs = new Map<number, JobStream>();
  private nextId = 0;
  private closed = false;

  constructor(size: number) {
    const entry = new URL("./stage-worker.ts", import.meta.url).href;
    for (let i = 0; i < size; i++) {
      const worker = new Worker(bootstrap(entry), {eval: true});
      worker.on("message", (reply: WorkerReply) => this.receive(reply));
      worker.on("error", (error: Error) => this.fail(worker, error));
      worker.on("exit", (code) => {
        if (!this.closed) this.fail(worker, new Error(`a staging worker exited (code ${code})`));
      });
      this.workers.push(worker);
    }
  }

  /** Number of workers. */
  get size(): number {
    return this.workers.length;
  }

  /** Queues a file on the next worker; its staged rows come, chunk by chunk, from the returned iterable. */
  stage(file: LocalTextFile, context: StageContext): AsyncIterable<StagedChunk> {
    const id = this.nextId++;
    const worker = this.workers[id % this.workers.length];
    const job: JobStream = {worker, chunks: [], done: false};
    this.jobs.set(id, job);
    const request: WorkerRequest = {
      type: "job",
      job: {id, file: file.file, name: file.name, where: file.where, context}
    };
    worker.postMessage(request);
    return this.consume(id, job);
  }

  /** Stops the workers. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private async *consume(id: number, job: JobStream): AsyncGenerator<StagedChunk> {
    try {
      for (;;) {
        const chunk = job.chunks.shift();
        if (chunk !== undefined) {
          const ack: WorkerRequest = {type: "ack", id};
          job.worker.postMessage(ack);
          yield chunk;
          continue;
        }
        if (job.error) throw job.error;
        if (job.done) return;
        await new Promise<void>((resolve) => (job.wake = resolve));
      }
    } finally {
      this.jobs.delete(id);
    }
  }

  private receive(reply: WorkerReply): void {
    const job = this.jobs.get(reply.id);
    if (job === undefined) return;
    if (reply.type === "chunk") job.chunks.push(reply.chunk);
    else if (reply.type === "done") job.done = true;
    else job.error = reply.name === "SourceError" ? new SourceError(reply.message) : new Error(reply.message);
    this.wakeUp(job);
  }

  private fail(worker: Worker, error: Error): void {
    for (const job of this.jobs.values())
      if (job.worker === worker && !job.done) {
        job.error ??= error;
        this.wakeUp(job);
      }
  }

  private wakeUp(job: JobStream): void {
    const wake = job.wake;
    job.wake = undefined;
    wake?.();
  }
}
