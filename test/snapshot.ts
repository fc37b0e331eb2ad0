import {existsSync, mkdirSync, readFileSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {JSDOM} from "jsdom";
import {expect} from "vitest";

/** A DOM document for rendering figures in Node (pass it as the figure function's `document` option). */
export function testDocument(): Document {
  return new JSDOM("<!doctype html><html><body></body></html>").window.document;
}

const SNAPSHOTS = "test/snapshots";
const OUTPUT = "test/output";

/** Attributes that only place marks: their long decimals vary with floating-point noise, not with the data. */
const POSITIONAL = /\b(x|y|x1|x2|y1|y2|cx|cy|r|dx|dy|width|height|d|transform|points|viewBox)="([^"]*)"/g;

/**
 * Serializes a figure with its unstable parts normalized: generated ids, and decimals beyond two places in
 * positional attributes only. Text, titles and labels keep every digit: where a number is the point, a
 * change in its third decimal must fail the snapshot.
 */
export function normalizeSvg(element: Element): string {
  const html = element.outerHTML;
  return html
    .replace(/\b(id|href|clip-path|mask|fill)="([^"]*?)(-?\d{6,}|[0-9a-f]{8,})([^"]*)"/g, '$1="$2#$4"')
    .replace(/url\(#[^)]*\)/g, "url(#)")
    .replace(
      POSITIONAL,
      (_, name: string, value: string) => `${name}="${value.replace(/(\d+\.\d{2})\d+/g, "$1")}"`
    )
    .replace(/></g, ">\n<");
}

/** Snapshots are (re)written only when asked: `npx vitest run -u` (or UPDATE_SNAPSHOTS=1). */
function updating(): boolean {
  const state = expect.getState().snapshotState as unknown as {_updateSnapshot?: string} | undefined;
  return process.env.UPDATE_SNAPSHOTS === "1" || state?._updateSnapshot === "all";
}

/**
 * Compares a rendered figure with `test/snapshots/<name>.svg` (or .html). On mismatch, writes
 * `test/output/<name>-changed.svg` to look at and fails. A missing snapshot fails too, everywhere: snapshots
 * are written only with an explicit update (`npx vitest run -u test/components`), never silently.
 */
export function expectSnapshot(element: Element, name: string): void {
  const ext = element.tagName.toLowerCase() === "svg" ? "svg" : "html";
  const actual = normalizeSvg(element) + "\n";
  const path = join(SNAPSHOTS, `${name}.${ext}`);
  if (updating()) {
    mkdirSync(SNAPSHOTS, {recursive: true});
    writeFileSync(path, actual);
    return;
  }
  if (!existsSync(path))
    throw new Error(
      `missing snapshot ${path}: write it with \`npx vitest run -u test/components\` and look at it`
    );
  const expected = readFileSync(path, "utf8");
  if (actual !== expected) {
    mkdirSync(OUTPUT, {recursive: true});
    writeFileSync(join(OUTPUT, `${name}-changed.${ext}`), actual);
  }
  expect(actual, `snapshot ${path} changed; see ${OUTPUT}/${name}-changed.${ext}`).toBe(expected);
}

/**
 * Texts (`<text>` and `<title>`) inside a figure's groups with this `aria-label` ("dot", "x-axis tick
 * label", …), in document order: what a snapshot test asserts about the data it drew.
 */
export function textsOf(element: Element, ariaLabel: string): string[] {
  return [...element.querySelectorAll(`[aria-label="${ariaLabel}"]`)].flatMap((group) =>
    [...group.querySelectorAll("text, title")].map((t) => t.textContent ?? "")
  );
}

/** Number of `selector` elements (marks) inside a figure's groups with this `aria-label`. */
export function countOf(element: Element, ariaLabel: string, selector: string): number {
  return [...element.querySelectorAll(`[aria-label="${ariaLabel}"]`)].reduce(
    (n, group) => n + group.querySelectorAll(selector).length,
    0
  );
}
