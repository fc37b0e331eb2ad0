import {readdirSync, readFileSync} from "node:fs";
import {dirname, join, normalize, relative} from "node:path";
import {fileURLToPath} from "node:url";
import {describe, expect, it} from "vitest";

/*
 * The shape of the code, checked: imports point one way (entry points → studies → pipeline → src/lib;
 * pages → components → src/lib + contracts), with no cycle and no dynamic import hiding an order.
 */

const repo = fileURLToPath(new URL("..", import.meta.url));
const SOURCE_DIRS = ["src", "data-loaders", "runs", "bench"];

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(join(repo, dir), {withFileTypes: true})) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!entry.name.startsWith(".") && entry.name !== "demo" && entry.name !== "node_modules")
        sourceFiles(path, out);
    } else if (/\.(ts|js)$/.test(entry.name) && !entry.name.endsWith(".d.ts")) out.push(path);
  }
  return out;
}

const files = SOURCE_DIRS.flatMap((d) => sourceFiles(d));
const fileSet = new Set(files);
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s*["'](\.{1,2}\/[^"']+)["']/g;

/** Local imports of each file, resolved to repository paths. */
const graph = new Map<string, string[]>(
  files.map((file) => {
    const text = readFileSync(join(repo, file), "utf8");
    const targets: string[] = [];
    for (const [, spec] of text.matchAll(IMPORT)) {
      const base = normalize(join(dirname(file), spec)).replace(/\.js$/, "");
      const found = [`${base}.ts`, `${base}.js`, join(base, "index.ts")].find((c) => fileSet.has(c));
      if (found) targets.push(found);
    }
    return [file, targets];
  })
);

function findCycle(): string[] | null {
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (file: string): string[] | null => {
    state.set(file, "open");
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === "open") return [...stack.slice(stack.indexOf(next)), next];
      if (!state.has(next)) {
        const cycle = visit(next);
        if (cycle) return cycle;
      }
    }
    stack.pop();
    state.set(file, "done");
    return null;
  };
  for (const file of files)
    if (!state.has(file)) {
      const cycle = visit(file);
      if (cycle) return cycle;
    }
  return null;
}

const importsOf = (prefix: string) =>
  [...graph]
    .filter(([file]) => file.startsWith(prefix))
    .flatMap(([file, targets]) => targets.map((t) => [file, t]));

describe("imports", () => {
  it("form no cycle", () => {
    expect(findCycle()).toBeNull();
  });

  it("are static: no dynamic import() hides a dependency", () => {
    const dynamic = files.filter((f) => /\bawait\s+import\s*\(/.test(readFileSync(join(repo, f), "utf8")));
    expect(dynamic).toEqual([]);
  });

  it("from src/lib stay in src/lib (pure, browser-safe)", () => {
    expect(importsOf("src/lib/").filter(([, t]) => !t.startsWith("src/lib/"))).toEqual([]);
  });

  it("from src/contracts reach only src/lib and other contracts", () => {
    const bad = importsOf("src/contracts/").filter(([, t]) => !/^src\/(lib|contracts)\//.test(t));
    expect(bad).toEqual([]);
  });

  it("from components reach only components, src/lib and contracts", () => {
    const bad = importsOf("src/components/").filter(([, t]) => !/^src\/(lib|contracts|components)\//.test(t));
    expect(bad).toEqual([]);
  });

  it("from the generic pipeline never reach a study or the demo generators", () => {
    const generic = [
      "data-loaders/pipeline/",
      "data-loaders/db/",
      "data-loaders/source/",
      "data-loaders/adapters/"
    ];
    const bad = generic
      .flatMap(importsOf)
      .filter(
        ([, t]) =>
          (t.startsWith("data-loaders/studies/") && !t.endsWith("/types.ts")) || t.startsWith("runs/")
      );
    expect(bad).toEqual([]);
  });

  it("between studies and demo generators: studies never import runs/, runs/ reads only a study's reference/", () => {
    expect(importsOf("data-loaders/studies/").filter(([, t]) => t.startsWith("runs/"))).toEqual([]);
    const bad = importsOf("runs/").filter(
      ([, t]) => t.startsWith("data-loaders/") && !/^data-loaders\/studies\/[^/]+\/reference\//.test(t)
    );
    expect(bad).toEqual([]);
  });

  it("never cross from one study into another", () => {
    const study = (p: string) => /^data-loaders\/studies\/([^/]+)\//.exec(p)?.[1];
    const bad = importsOf("data-loaders/studies/").filter(
      ([f, t]) => study(f) && study(t) && study(f) !== study(t)
    );
    expect(bad).toEqual([]);
  });
});

describe("the lock file", () => {
  it("lists the DuckDB binding of every platform npm ci must accept (Linux and macOS, x64 and arm64)", () => {
    const lock = JSON.parse(readFileSync(join(repo, "package-lock.json"), "utf8"));
    const present = Object.keys(lock.packages).map((p) => relative("node_modules", p));
    for (const platform of ["linux-x64", "linux-arm64", "darwin-x64", "darwin-arm64"])
      expect(present).toContain(`@duckdb/node-bindings-${platform}`);
  });
});
