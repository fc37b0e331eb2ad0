import {describeError} from "./errors.js";

/** How requests are made: injected fetch, inactivity timeout, overall deadline, retry budget, progress sink. */
export interface FetchPolicy {
  fetch: typeof fetch;
  /** Longest wait for the headers or for the next body chunk. */
  timeoutMs: number;
  /** Longest time one request may take from start to last byte (before the allowance for its size). */
  deadlineMs: number;
  retries: number;
  onProgress: (msg: string) => void;
  /** `Authorization` header value (from the URL's user-info), sent with every request. */
  authorization?: string;
}

/** Time allowed per KiB of expected body on top of `deadlineMs`: a download must average ≥ 256 KiB/s. */
export const DEADLINE_MS_PER_KIB = 4;

/**
 * A failed attempt; `transient` failures (network, timeout, deadline, 5xx, 408, 429, bad body) are
 * retried. Failures another attempt cannot fix (other 4xx, a request that cannot even be made) are not.
 */
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
 * download is not cut off while a stalled one is; and, whatever arrives, when it is not complete within
 * `policy.deadlineMs` plus {@link DEADLINE_MS_PER_KIB} per KiB of `expectedBytes`, so a server that
 * drips a byte now and then is cut off too. Errors thrown by `sink` propagate unchanged.
 */
export async function fetchBody(
  policy: FetchPolicy,
  url: string,
  sink: (chunk: Uint8Array) => void | Promise<void>,
  expectedBytes = 0
): Promise<void> {
  const controller = new AbortController();
  let timedOut = false;
  let overdue = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadlineMs = policy.deadlineMs + Math.ceil((expectedBytes / 1024) * DEADLINE_MS_PER_KIB);
  const deadline = setTimeout(() => {
    overdue = true;
    controller.abort();
  }, deadlineMs);
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
      `${stage}: ${
        overdue
          ? `not complete within ${deadlineMs} ms (deadline)`
          : timedOut
            ? `no data for ${policy.timeoutMs} ms (timeout)`
            : describeError(e)
      }`,
      // A request that cannot even be made (a TypeError with no network cause: a bad URL or header)
      // fails the same way every time.
      overdue || timedOut || !(e instanceof TypeError) || e.cause !== undefined
    );
  let finished = false;
  arm();
  try {
    let res: Response;
    try {
      const init: RequestInit = {signal: controller.signal};
      if (policy.authorization) init.headers = {authorization: policy.authorization};
      res = await policy.fetch(url, init);
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
    clearTimeout(deadline);
    if (!finished) controller.abort(); // release the connection when we stop early
  }
}
