/** A runs root could not be listed or read; the message names the root, path or URL, and the reason. */
export class SourceError extends Error {
  constructor(message: string, options?: {cause?: unknown}) {
    super(message, options);
    this.name = "SourceError";
  }
}

/** The message of any thrown value, with its cause (undici hides the real reason in `cause`). */
export function describeError(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const cause = e.cause instanceof Error ? e.cause.message : undefined;
  return cause && cause !== e.message ? `${e.message}: ${cause}` : e.message;
}
