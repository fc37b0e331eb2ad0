import katex from "katex";

/**
 * An equation typeset by KaTeX from node_modules (no CDN): `display` for a centred block. The pages
 * also load KaTeX's stylesheet (src/medreseval/katex.css, fonts inlined) so it renders offline.
 *
 * @example
 * tex("P = 1 - e^{A} D^{-\\alpha}", {display: true})
 */
export function tex(
  source: string,
  {display = false, document: doc = globalThis.document}: {display?: boolean; document?: Document} = {}
): HTMLElement {
  const el = doc.createElement(display ? "div" : "span");
  el.className = display ? "equation" : "math";
  // KaTeX's output is built from our own source strings, never from logs.
  el.innerHTML = katex.renderToString(source, {displayMode: display, throwOnError: true, output: "html"});
  return el;
}
