/*
 * Functions that run inside a built page (puppeteer serializes each one alone: no closure, no import).
 * `npm run pdf` renders each report page in Chromium, takes its rendered <main> as one part with
 * `serializePart`, then joins the parts into one printable document with `assembleDocument`.
 */

/** One rendered page, ready to be joined with others. */
export interface PagePart {
  /** Site-relative path of the page ("medreseval/report.html"). */
  path: string;
  /** The id prefix given to everything in the part, so that ids of different pages cannot collide. */
  prefix: string;
  /** The part's <main>, as HTML: figures are SVG, links carry their target as `data-site-path`. */
  html: string;
}

/**
 * Serializes the page's rendered <main> (run in the page). Every id, and every reference to one (`#id`,
 * `url(#id)`), gets `prefix`; relative URLs become absolute; a link to another page of the site keeps its
 * site-relative target in `data-site-path` (resolved by `assembleDocument`). `drop` removes the main's direct
 * children from the first whose text is one of its entries onward (the home page's contents list).
 */
export function serializePart(prefix: string, siteRoot: string, drop: string[]): string {
  const main = document.querySelector("main")!.cloneNode(true) as HTMLElement;
  const live = document.querySelector("main")!;
  // A clone does not carry a control's current state; the attributes it is serialized from must.
  live.querySelectorAll("input").forEach((input, i) => {
    const copy = main.querySelectorAll("input")[i];
    if (input.checked) copy?.setAttribute("checked", "");
    else copy?.removeAttribute("checked");
    if (input.type !== "checkbox" && input.type !== "radio") copy?.setAttribute("value", input.value);
  });
  main.querySelectorAll("script, #observablehq-toc").forEach((e) => e.remove());
  let dropping = false;
  for (const child of [...main.children]) {
    if (drop.includes((child.textContent ?? "").trim())) dropping = true;
    if (dropping) child.remove();
  }
  for (const element of main.querySelectorAll("*")) {
    for (const attribute of [...element.attributes]) {
      const {name, value} = attribute;
      if (name === "id") element.setAttribute(name, prefix + value);
      else if (value.includes("url(#"))
        element.setAttribute(name, value.replaceAll("url(#", `url(#${prefix}`));
      else if ((name === "href" || name === "xlink:href") && value.startsWith("#"))
        element.setAttribute(name, `#${prefix}${value.slice(1)}`);
    }
  }
  for (const link of main.querySelectorAll<HTMLAnchorElement>("a[href]")) {
    if (link.getAttribute("href")!.startsWith("#")) continue;
    const url = new URL(link.getAttribute("href")!, location.href);
    if (url.href.startsWith(siteRoot)) {
      link.setAttribute("data-site-path", url.href.slice(siteRoot.length));
      link.removeAttribute("href");
    } else link.setAttribute("href", url.href);
  }
  for (const [selector, attribute] of [
    ["link[href]", "href"],
    ["img[src]", "src"]
  ])
    for (const element of main.querySelectorAll(selector))
      element.setAttribute(attribute, new URL(element.getAttribute(attribute)!, location.href).href);
  return main.innerHTML;
}

/**
 * Replaces the page's <main> with the printable document (run in the page): the abstract (opening with the
 * home page's title, followed by `subtitle`), each part
 * on a new page, and a numbered list of the site's pages the text links to. A link to a printed part
 * becomes a link inside the PDF; a link to another page becomes `siteUrl` + its path when a site URL is
 * given, else text with a numbered reference giving its site-relative path. Returns the references.
 */
export function assembleDocument(document_: {
  subtitle: string;
  abstract: string;
  parts: {path: string; prefix: string; html: string}[];
  siteUrl: string | null;
}): string[] {
  const main = document.querySelector("main")!;
  const esc = (text: string) => {
    const span = document.createElement("span");
    span.textContent = text;
    return span.innerHTML;
  };
  main.innerHTML =
    `<section class="print-abstract" id="top">${document_.abstract}</section>` +
    document_.parts
      .map(
        (p) =>
          `<section class="print-part" id="${p.prefix}top" data-path="${esc(p.path)}">${p.html}</section>`
      )
      .join("");
  // The PDF's title is the document's: the home page's title, not the first report's.
  document.title = main.querySelector("h1")?.textContent ?? document.title;
  const subtitle = document.createElement("p");
  subtitle.className = "print-subtitle";
  subtitle.textContent = document_.subtitle;
  main.querySelector("h1")?.after(subtitle);
  const printed = new Map(document_.parts.map((p) => [p.path, p.prefix]));
  const references: string[] = [];
  for (const link of main.querySelectorAll<HTMLAnchorElement>("a[data-site-path]")) {
    const sitePath = link.getAttribute("data-site-path")!;
    const url = new URL(sitePath, "http://site/");
    const page = url.pathname.slice(1) || "index.html";
    const prefix = printed.get(page);
    if (prefix !== undefined && !url.search) {
      const target = url.hash ? `${prefix}${decodeURIComponent(url.hash.slice(1))}` : `${prefix}top`;
      link.setAttribute("href", `#${target}`);
    } else if (document_.siteUrl) link.setAttribute("href", new URL(sitePath, document_.siteUrl).href);
    else {
      let n = references.indexOf(sitePath);
      if (n < 0) n = references.push(sitePath) - 1;
      const text = document.createElement("span");
      text.className = "print-link";
      text.innerHTML = `${link.innerHTML}<sup class="print-ref">[${n + 1}]</sup>`;
      link.replaceWith(text);
    }
  }
  if (references.length > 0) {
    const section = document.createElement("section");
    section.className = "print-references";
    section.innerHTML =
      `<h2 id="references">References: pages of the site</h2>` +
      `<p>The pages cited as [n] above, as paths from the root of the built site (<code>dist/</code>, ` +
      `or the address it is published at); the audit pages hold every fit's inputs and steps.</p>` +
      `<ol>${references.map((r) => `<li><code>${esc(r)}</code></li>`).join("")}</ol>`;
    main.append(section);
  }
  return references;
}
