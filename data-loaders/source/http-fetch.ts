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
  /**
   * Headers of one attempt, computed afresh each time (S3: a SigV4 signature over the URL, the request's
   * headers and the current time, so a retry after a backoff is not signed in the past).
   */
  sign?: (url: string, headers: Record<string, string>) => Record<string, string>;
  /**
   * The reason an error response gives in its body (S3: the XML `<Code>` and `<Message>`), appended to
   * `HTTP <status>`. Only the first 16 KiB of the body are read; what this returns must hold no secret.
   */
  errorReason?: (body: string) => string | undefined;
}

/** What one request adds to the policy: its own headers, and a look at the response before its body. */
export interface RequestExtras {
  headers?: Record<string, string>;
  /** Called with the response headers of a 2xx response; a thrown AttemptError fails the attempt. */
  onResponse?: (res: Response) => void;
}

/** At most this much of an error response's body is read for {@link FetchPolicy.errorReason}. */
const ERROR_BODY_BYTES = 16 << 10;

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
  expectedBytes = 0,
  extras: RequestExtras = {}
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
      const headers: Record<string, string> = {...extras.headers};
      if (policy.authorization) headers.authorization = policy.authorization;
      Object.assign(headers, policy.sign?.(url, headers));
      res = await policy.fetch(url, {signal: controller.signal, headers});
    } catch (e) {
      throw failure(e, "request failed");
    }
    if (!res.ok) {
      const transient = res.status >= 500 || res.status === 408 || res.status === 429;
      const reason = policy.errorReason ? policy.errorReason(await errorBody(res)) : undefined;
      const status = `HTTP ${res.status} ${res.statusText}`.trim();
      throw new AttemptError(reason ? `${status}: ${reason}` : status, transient);
    }
    extras.onResponse?.(res);
    if (!res.body) throw new AttemptError("response has no body", true);
    const reader = res.body.getReader();
    for (;;) {
      arm();
      let chunk: Awaited<ReturnType<typeof reader.read>>;
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

/** The first {@link ERROR_BODY_BYTES} of an error response's body as text ("" when it cannot be read). */
async function errorBody(res: Response): Promise<string> {
  if (!res.body) return "";
  const reader = res.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < ERROR_BODY_BYTES) {
      const {done, value} = await reader.read();
      if (done) break;
      parts.push(value);
      size += value.length;
    }
  } catch {
    // the status alone still says what failed
  } finally {
    reader.cancel().catch(() => {});
  }
  return Buffer.concat(parts).subarray(0, ERROR_BODY_BYTES).toString("utf8");
}
