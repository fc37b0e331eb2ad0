import type {SiteMeta} from "../contracts/common.js";

/**
 * The line an analysis page opens with: which logs its numbers come from. Synthetic demo logs are
 * labelled as such (with the root's own description), real logs by their location, and a study whose
 * logs are absent from the build gets a warning with the reason, so a page never reads as empty
 * without saying why. Text from meta.json goes in as text, never as HTML.
 *
 * @example dataSourceLabel(db.meta) // <p class="synthetic-label"><strong>Synthetic demo logs, not real model output.</strong> …</p>
 */
export function dataSourceLabel(
  meta: SiteMeta,
  {document: doc = globalThis.document}: {document?: Document} = {}
): HTMLElement {
  const p = doc.createElement("p");
  const strong = doc.createElement("strong");
  const add = (text: string) => p.append(doc.createTextNode(text));
  p.append(strong);
  if (meta.absent_reason !== null) {
    p.className = "warning";
    strong.textContent = `${meta.title}: the logs are absent from this build.`;
    add(` ${meta.absent_reason.replace(/\.?$/, ".")} Nothing below is computed for it.`);
  } else if (meta.root?.synthetic === true) {
    p.className = "synthetic-label";
    strong.textContent = `${meta.title}: synthetic demo logs, not real model output.`;
    const description = typeof meta.root.description === "string" ? meta.root.description : "";
    add(` ${description} Read from ${meta.location ?? "?"} (${meta.files} files).`.replace(/\s+/g, " "));
  } else {
    p.className = "real-data-label";
    strong.textContent = /real logs/i.test(meta.title) ? `${meta.title}.` : `${meta.title}: real logs.`;
    add(` Read from ${meta.location ?? "?"} (${meta.format ?? "?"} format, ${meta.files} files).`);
  }
  return p;
}
