import {cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, describe, expect, it} from "vitest";
import {watchAndPrepare} from "../../../data-loaders/pipeline/live-preview.js";
import {prepareSite} from "../../../data-loaders/pipeline/site-data.js";
import type {StudyEntry} from "../../../data-loaders/studies/types.js";
import type {RunMetrics, SiteMeta} from "../../../src/contracts/common.js";

/*
 * The live preview's loop (`npm run dev`, data-loaders/dev.ts) on two studies over copies of the small root,
 * with its own site folder, Framework cache and database: a changed samples file prepares that study again
 * with the new numbers and leaves the other as it was; a code change prepares both. Each wait has a
 * deadline, so a watcher that does not react fails the test instead of hanging it.
 */

const work = mkdtempSync(join(tmpdir(), "medscale-live-"));
const siteDir = join(work, "site");
const codeDir = join(work, "code");
mkdirSync(codeDir);
const studies: StudyEntry[] = ["a", "b"].map((id) => {
  const spec = join(work, `root-${id}`);
  cpSync("test/fixtures/roots/small", spec, {recursive: true});
  return {id, title: id, spec};
});
const prepared: (string[] | null)[] = [];
const prepare = async (only: string[] | null) => {
  prepared.push(only);
  await prepareSite(studies, {
    only: only ?? undefined,
    siteDir,
    cacheDir: join(work, "cache"),
    database: join(work, "db.duckdb"),
    log: () => {}
  });
  return true;
};
const fingerprint = () => {
  try {
    return readFileSync(join(work, "cache", "medscale-inputs.sha256"), "utf8");
  } catch {
    return null;
  }
};
const read = <T>(study: string, name: string) =>
  JSON.parse(readFileSync(join(siteDir, study, name), "utf8")) as T;
const accuracy = (study: string) =>
  read<RunMetrics[]>(study, "runs.json").find((r) => r.run_id === "m1.bool")?.accuracy;
const preparedAt = (study: string) => read<SiteMeta>(study, "meta.json").prepared_at;

let updates: {only: string[] | null; resolve: () => void}[] = [];
/** Resolves at the next update of the site data; fails after `ms`. */
const nextUpdate = (ms: number) =>
  new Promise<string[] | null>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the watcher did not prepare the data within ${ms} ms`)),
      ms
    );
    updates.push({only: null, resolve: () => {}});
    const entry = updates[updates.length - 1];
    entry.resolve = () => {
      clearTimeout(timer);
      resolve(entry.only);
    };
  });
const preview = watchAndPrepare({
  roots: studies.map((s) => ({study: s.id, dir: s.spec!})),
  codeDirs: [codeDir],
  prepare,
  fingerprint,
  onUpdated: (only) => {
    const waiting = updates;
    updates = [];
    for (const u of waiting) {
      u.only = only;
      u.resolve();
    }
  },
  log: () => {},
  quietMs: 100
});
afterAll(() => {
  preview.close();
  rmSync(work, {recursive: true, force: true});
});

describe("the live preview", () => {
  it("prepares again only the study whose log changed, with its new numbers", {timeout: 60_000}, async () => {
    await prepare(null);
    prepared.length = 0;
    expect([accuracy("a"), accuracy("b")]).toEqual([0.5, 0.5]);
    const before = {a: preparedAt("a"), b: preparedAt("b")};

    // Study a's m1.bool: s2 answered "False." (wrong), now "True." (right): accuracy 2/4 → 3/4.
    const update = nextUpdate(30_000);
    const samples = join(studies[0].spec!, "runs/m1.bool/samples.jsonl");
    writeFileSync(
      samples,
      readFileSync(samples, "utf8").replace('"response": "False."', '"response": "True."')
    );
    expect(await update).toEqual(["a"]);
    await preview.settled();
    expect([accuracy("a"), accuracy("b")]).toEqual([0.75, 0.5]);
    expect(preparedAt("a")).not.toBe(before.a);
    expect(preparedAt("b")).toBe(before.b);
    expect(prepared).toEqual([["a"]]);
  });

  it(
    "prepares every study when code changes, and reloads nothing when nothing the pages show moved",
    {timeout: 60_000},
    async () => {
      prepared.length = 0;
      const before = preparedAt("b");
      writeFileSync(join(codeDir, "note.ts"), "export const x = 1;\n");
      // The test's code folder is not in the code fingerprint: the data are the same, so no update follows.
      await new Promise((r) => setTimeout(r, 300));
      await preview.settled();
      expect(prepared).toEqual([null]);
      expect(preparedAt("b")).not.toBe(before);
      expect(updates).toHaveLength(0);
    }
  );
});
