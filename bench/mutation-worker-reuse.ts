import {ThreadsPoolWorker, type PoolOptions, type PoolWorker, type WorkerRequest} from "vitest/node";
import type {Plugin} from "vitest/config";

/**
 * One vitest worker thread per Stryker test runner process, kept from one mutant's run to the next
 * (vitest.mutation.config.ts; `MUTATION_REUSE_WORKER=0` turns it off).
 *
 * Stryker's vitest runner starts a vitest run for every mutant, and vitest starts a fresh worker thread
 * for every run and terminates it at the end. A CPU profile of those threads (`npx stryker run
 * --testRunnerNodeArgs "--cpu-prof …"` on the 58 mutants of src/lib/stats/wilson.ts) showed each thread
 * spending most of its 0.3–0.7 s starting Node and loading vitest's runtime, where the mutant's tests
 * took a few milliseconds (docs/mutation-testing.md). Here the thread is started once: the first run's
 * "start" reaches it, later runs' "start" and every "stop" are answered in its place, and each run
 * carries the configuration of its own "start" (Stryker changes the test name filter between runs),
 * which the thread's runtime reads before its own. What a fresh thread gave each run, this keeps: vitest
 * evaluates the test files and the code under test anew for every run (a new module cache per run), and
 * hands it the values Stryker provides (the active mutant) with the run. Node's own module cache (the
 * dependencies vitest leaves to Node, such as DuckDB's native binding) and globals are shared between
 * runs, as they are between the test files of one run without isolation.
 */
const NAME = "medscale-reused-thread";

/** The thread kept by this process, and whether it has been sent its first "start". */
let kept: {thread: ThreadsPoolWorker; started: boolean} | undefined;

type Listener = (arg: unknown) => void;
type StartRequest = Extract<WorkerRequest, {type: "start"}>;

class ReusedThreadWorker implements PoolWorker {
  readonly name = NAME;
  private listeners: [string, Listener][] = [];
  private config: StartRequest["context"]["config"] | undefined;

  constructor(private readonly options: PoolOptions) {}

  async start(): Promise<void> {
    if (kept !== undefined) return;
    const thread = new ThreadsPoolWorker(this.options);
    await thread.start();
    kept = {thread, started: false};
    // A thread that exits (a crash) is not reused: the next run starts another.
    thread.on("exit", () => {
      if (kept?.thread === thread) kept = undefined;
    });
  }

  /** Detaches this run's listeners and leaves the thread running for the next run. */
  async stop(): Promise<void> {
    for (const [event, listener] of this.listeners) kept?.thread.off(event, listener);
    this.listeners = [];
  }

  on(event: string, listener: Listener): void {
    this.listeners.push([event, listener]);
    kept!.thread.on(event, listener);
  }

  off(event: string, listener: Listener): void {
    this.listeners = this.listeners.filter(([e, l]) => e !== event || l !== listener);
    kept!.thread.off(event, listener);
  }

  send(message: WorkerRequest): void {
    if (message.type === "start") {
      this.config = message.context.config;
      if (kept!.started) return this.answer("started");
      kept!.started = true;
    } else if (message.type === "stop") return this.answer("stopped");
    else if (message.type === "run" || message.type === "collect") {
      // The thread's runtime spreads a run's context over what its "start" gave it, so this run's
      // configuration replaces the first run's.
      const context = {...message.context, config: this.config};
      message = {...message, context};
    }
    kept!.thread.send(message);
  }

  deserialize(data: unknown): unknown {
    return data;
  }

  /** Answers a request the kept thread is not sent, as the thread would, on the next turn of the loop. */
  private answer(type: "started" | "stopped"): void {
    setImmediate(() => {
      for (const [event, listener] of this.listeners)
        if (event === "message") listener({type, __vitest_worker_response__: true});
    });
  }
}

/**
 * A vitest plugin that runs the tests of each Stryker test runner process in one kept worker thread. It
 * sets the pool after Stryker's own options are applied (Stryker asks vitest for its "threads" pool).
 */
export function reuseWorkerThread(): Plugin {
  return {
    name: "medscale:mutation-worker-reuse",
    configureVitest({project}) {
      project.config.pool = NAME;
      project.config.poolRunner = {
        name: NAME,
        createPoolWorker: (options) => new ReusedThreadWorker(options)
      };
    }
  };
}
