import {mkdtempSync, readFileSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, describe, expect, it} from "vitest";
import {queryRows} from "../../../data-loaders/db/queries.js";
import {closeDatabase, openDatabase} from "../../../data-loaders/db/schema.js";
import {analyzeRoot, writeAnalysis} from "../../../data-loaders/pipeline/analyze.js";
import {majAtKRows} from "../../../data-loaders/pipeline/maj-at-k.js";

/*
 * A no-op analyze reads no sample rows: after a first analyze, the samples table is emptied; a second
 * analyze (nothing changed, so no run is re-read) must still write the same files — runs, summary,
 * rejects, comparisons, pass@k and maj@k (which needs every sample's answer and output tokens) come
 * from the runs, votes and rejects tables only.
 */

const ROOT = "test/fixtures/roots/small";
const work = mkdtempSync(join(tmpdir(), "medscale-noop-"));
afterAll(() => rmSync(work, {recursive: true, force: true}));

const FILES = ["runs.json", "summary.json", "rejected.jsonl", "comparisons.json", "pass_at_k.json"];
const read = (dir: string) => FILES.map((f) => readFileSync(join(work, dir, f), "utf8"));

describe("analyze with nothing changed", () => {
  it("writes the same outputs without the samples table", async () => {
    const database = join(work, "db.duckdb");
    const first = await analyzeRoot(ROOT, {database, cacheDir: join(work, "cache")}, (c, a) =>
      majAtKRows(c, a.ingest.rootId)
    );
    writeAnalysis(join(work, "first"), first.analysis);
    const db = await openDatabase(database);
    await db.connection.run("DELETE FROM samples");
    const [{n}] = await queryRows<{n: number}>(db.connection, "SELECT count(*)::INTEGER AS n FROM samples");
    closeDatabase(db);
    expect(n).toBe(0);
    const second = await analyzeRoot(ROOT, {database, cacheDir: join(work, "cache")}, (c, a) =>
      majAtKRows(c, a.ingest.rootId)
    );
    expect(second.extra).toEqual(first.extra);
    // tokens are logged in this root, so maj@k has token means to lose
    expect(first.extra!.some((r) => r.mean_output_tokens !== null)).toBe(true);
    expect(second.analysis.ingest.ingested).toEqual([]);
    writeAnalysis(join(work, "second"), second.analysis);
    expect(read("second")).toEqual(read("first"));
    expect(JSON.parse(read("first")[4]).length).toBeGreaterThan(0); // pass@k rows exist to compare
  });
});
