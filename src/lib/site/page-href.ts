/**
 * The href of a page of the built site, relative as given, with the `.html` Framework writes it under
 * (`preserveExtension` in observablehq.config.ts). Framework adds the extension to links it sees in
 * Markdown; links a page builds in JavaScript pass through here, so that they resolve under a plain static
 * file server and under a sub-path (GitHub Pages), not only on hosts that map `/a` to `a.html`. Segments are
 * URI-encoded (a run id may hold any character); a trailing `/` (a folder's index) is kept as it is.
 *
 * @param segments the path's segments, the first one relative ("." / ".." prefixes allowed, e.g. "../run")
 * @param hash an anchor on the page, without "#"
 * @example
 * pageHref("./run", "llama-7B.origin") // "./run/llama-7B.origin.html"
 * pageHref("../comparison") // "../comparison.html"
 * pageHref("./audit", "simple-7b", {hash: "backtest"}) // "./audit/simple-7b.html#backtest"
 */
export function pageHref(...args: [...string[], {hash?: string}] | string[]): string {
  const last = args[args.length - 1];
  const hash = typeof last === "object" && last.hash ? `#${encodeURIComponent(last.hash)}` : "";
  const parts: string[] = [];
  for (const a of args as readonly unknown[]) if (typeof a === "string") parts.push(a);
  const path = parts.map((p, i) => (i === 0 ? p : encodeURIComponent(p))).join("/");
  return `${path.endsWith("/") ? path : `${path}.html`}${hash}`;
}
