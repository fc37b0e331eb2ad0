/**
 * Credentials in a runs-root URL — a user name or password (`https://user:secret@host/`), values in the
 * query string (`?token=…`, signed URLs) — must never reach an output, a site file, a cache or a log.
 * Everything medscale shows of such a URL goes through `redactUrl`.
 */

const MASK = "***";

/**
 * The text of a URL (or of anything that may hold one) with its credentials masked: the user-info part
 * becomes `***@`, every query value and a fragment become `***`. Text that is not a URL is returned as it
 * is, so a local path passes through unchanged. In a message, a URL ends at white space, a quote, `<`, `>`
 * or a parenthesis.
 * @example redactUrl("https://user:secret@host/path?token=abc&x=1") // "https://***@host/path?token=***&x=***"
 * @example redactUrl("runs/demo/medreseval") // "runs/demo/medreseval"
 */
export function redactUrl(text: string): string {
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)([^\s"'<>()]*)/gi, (_, scheme: string, rest: string) => {
    // user-info: everything before the last "@" of the authority (the part up to the first / ? #)
    const authorityEnd = rest.search(/[/?#]/);
    const authority = authorityEnd === -1 ? rest : rest.slice(0, authorityEnd);
    const at = authority.lastIndexOf("@");
    let out = at === -1 ? rest : `${MASK}@${rest.slice(at + 1)}`;
    const hash = out.indexOf("#");
    if (hash !== -1) out = `${out.slice(0, hash)}#${MASK}`;
    const query = out.indexOf("?");
    if (query !== -1) {
      const end = out.indexOf("#", query);
      const q = out.slice(query + 1, end === -1 ? undefined : end);
      const masked = q
        .split("&")
        .map((pair) => (pair.includes("=") ? `${pair.slice(0, pair.indexOf("="))}=${MASK}` : pair && MASK))
        .join("&");
      out = `${out.slice(0, query + 1)}${masked}${end === -1 ? "" : out.slice(end)}`;
    }
    return scheme + out;
  });
}

/**
 * A URL without its user-info, and the `Authorization: Basic` value the user-info stood for (undefined
 * when there was none). fetch refuses URLs with credentials; the header carries them instead.
 * @example splitCredentials(new URL("https://u:p@host/a/")) // {url: "https://host/a/", authorization: "Basic dTpw"}
 */
export function splitCredentials(url: URL): {url: string; authorization?: string} {
  if (url.username === "" && url.password === "") return {url: url.href};
  const user = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  const plain = new URL(url.href);
  plain.username = "";
  plain.password = "";
  return {url: plain.href, authorization: `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`};
}
