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

/** Serializes a figure with its unstable parts normalized: generated ids and long decimals. */
export function normalizeSvg(element: Element): string {
  const html = element.outerHTML;
  return html
    .replace(/\b(id|href|clip-path|mask|fill)="([^"]*?)(-?\d{6,}|[0-9a-f]{8,})([^"]*)"/g, '$1="$2#$4"')
    .replace(/url\(#[^)]*\)/g, "url(#)")
    .replace(/(\d+\.\d{2})\d+/g, "$1")
    .replace(/></g, ">\n<");
}

/**
 * Compares a rendered figure with `test/snapshots/<name>.svg` (or .html). On mismatch, writes
 * `test/output/<name>-changed.svg` to look at and fails. A missing snapshot is written only outside CI — in CI
 * (CI=true) it fails, so nothing is ever regenerated silently there.
 */
export function expectSnapshot(element: Element, name: string): void {
  const ext = element.tagName.toLowerCase() === "svg" ? "svg" : "html";
  const actual = normalizeSvg(element) + "\n";
  const path = join(SNAPSHOTS, `${name}.${ext}`);
  if (!existsSync(path)) {
    if (process.env.CI) throw new Error(`missing snapshot ${path} (snapshots are not created in CI)`);
    mkdirSync(SNAPSHOTS, {recursive: true});
    writeFileSync(path, actual);
    return;
  }
  const expected = readFileSync(path, "utf8");
  if (actual !== expected) {
    mkdirSync(OUTPUT, {recursive: true});
    writeFileSync(join(OUTPUT, `${name}-changed.${ext}`), actual);
  }
  expect(actual, `snapshot ${path} changed; see ${OUTPUT}/${name}-changed.${ext}`).toBe(expected);
}
