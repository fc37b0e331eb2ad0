import {describeError} from "./errors.js";

/** How requests are made: injected fetch, inactivity timeout, retry budget, progress sink. */
export interface FetchPolicy {
  fetch: typeof fetch;
  timeoutMs: number;
  retries: number;
  onProgress: (msg: string) => void;
}

/** A failed attempt; `transient` failures (network, timeout, 5xx, 408, 429, bad body) are retried. */
export class AttemptError extends Error {
  constructor(
    message: string,
    readonly transient: boolean
  ) {
    super(message);
  }
}

/** Backoff before retry `attempt` (1-based): 250 ms, 500 ms, 1 s, then 2 s. */
export function backoffMs(attempt: number): number {
  return Math.min(2000, 250 * 2 ** (attempt - 1));
}

/**
 * Runs `attempt` until it succeeds, a non-transient error occurs, or `policy.retries` retries are used.
 * The final error is an AttemptError whose message says how many attempts were made.
 * @example await withRetries(policy, url, () => fetchBody(policy, url, sink))
 */
export async function withRetries<T>(
  policy: FetchPolicy,
  what: string,
  attempt: () => Promise<T>
): Promise<T> {
  for (let n = 0; ; n++) {
    try {
      return await attempt();
    } catch (e) {
      if (!(e instanceof AttemptError)) throw e;
      if (!e.transient) throw e;
      if (n >= policy.retries) {
        throw new AttemptError(`${e.message} (after ${n + 1} attempt${n === 0 ? "" : "s"})`, true);
      }
      policy.onProgress(`retrying ${what} in ${backoffMs(n + 1)} ms: ${e.message}`);
      await new Promise((resolve) => setTimeout(resolve, backoffMs(n + 1)));
    }
  }
}

/**
 * One GET of `url`, handing each body chunk to `sink` in order. The request is aborted when nothing
 * arrives for `policy.timeoutMs` (before the headers or between chunks), so a slow but steady large
 * download is not cut off while a stalled one is. Errors thrown by `sink` propagate unchanged.
 */
export async function fetchBody(
  policy: FetchPolicy,
  url: string,
  sink: (chunk: Uint8Array) => void | Promise<void>
): Promise<void> {
  const controller = new AbortController();
  let timedOut = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, policy.timeoutMs);
  };
  let received = 0;
  const failure = (e: unknown, stage: string) =>
    new AttemptError(
      `${stage}: ${timedOut ? `no data for ${policy.timeoutMs} ms (timeout)` : describeError(e)}`,
      true
    );
  let finished = false;
  arm();
  try {
    let res: Response;
    try {
      res = await policy.fetch(url, {signal: controller.signal});
    } catch (e) {
      throw failure(e, "request failed");
    }
    if (!res.ok) {
      const transient = res.status >= 500 || res.status === 408 || res.status === 429;
      throw new AttemptError(`HTTP ${res.status} ${res.statusText}`.trim(), transient);
    }
    if (!res.body) throw new AttemptError("response has no body", true);
    const reader = res.body.getReader();
    for (;;) {
      arm();
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (e) {
        throw failure(e, `body interrupted after ${received} bytes`);
      }
      if (chunk.done) break;
      received += chunk.value.length;
      await sink(chunk.value);
    }
    finished = true;
  } finally {
    clearTimeout(timer);
    if (!finished) controller.abort(); // release the connection when we stop early
  }
}
