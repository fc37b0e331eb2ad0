import {cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {gunzipSync} from "node:zlib";
import {afterAll, describe, expect, it} from "vitest";
import {commonFiles} from "../../../src/contracts/common.js";
import {
  type ResponseRow,
  type ResponsesSetting,
  runFiles,
  type RunIndex,
  type RunPageInfo,
  type RunVote
} from "../../../src/contracts/run-files.js";
import {analyzeRoot} from "../../../data-loaders/pipeline/analyze.js";
import {
  type RunFilesSummary,
  writePendingRunFiles,
  writeRunFiles
} from "../../../data-loaders/pipeline/run-files.js";

const ROOT = "test/fixtures/roots/small";
const work = mkdtempSync(join(tmpdir(), "medscale-run-files-"));
afterAll(() => rmSync(work, {recursive: true, force: true}));

/** Writes the run files of the small root with `setting` into a fresh folder. */
async function written(setting: ResponsesSetting): Promise<{dir: string; summary: RunFilesSummary}> {
  const dir = join(work, JSON.stringify(setting).replace(/\W/g, "_"));
  const {extra} = await analyzeRoot(ROOT, {database: join(work, "db.duckdb")}, (connection, analysis) =>
    writeRunFiles(connection, analysis.ingest.rootId, analysis.runs, dir, {responses: setting})
  );
  return {dir, summary: extra as RunFilesSummary};
}

const json = <T>(dir: string, name: string): T => JSON.parse(readFileSync(join(dir, name), "utf8")) as T;
const gzipJson = <T>(dir: string, name: string): T =>
  JSON.parse(gunzipSync(readFileSync(join(dir, name))).toString("utf8")) as T;
/** A run's files, by the names run-index.json gives. */
const entryOf = (dir: string, runId: string) => json<RunIndex>(dir, commonFiles.runIndex.name)[runId];
const infoOf = (dir: string, runId: string): RunPageInfo =>
  json(dir, runFiles.info(runId, entryOf(dir, runId).info).name);
const votesOf = (dir: string, runId: string): RunVote[] =>
  gzipJson(dir, runFiles.votes(runId, entryOf(dir, runId).votes.file).name);

describe("the run pages' files", async () => {
  const all = await written("all");

  it("gives each valid run its own folder: run.json, votes, response chunks — invalid runs none", () => {
    expect(readdirSync(join(all.dir, "runs")).sort()).toEqual(["m1.bool", "m1.mcq"]);
    for (const runId of ["m1.bool", "m1.mcq"]) {
      const info = infoOf(all.dir, runId);
      const entry = entryOf(all.dir, runId);
      expect(info.run.run_id).toBe(runId);
      expect(info.responses.chunks).toHaveLength(1);
      const files = readdirSync(join(all.dir, "runs", runId)).sort();
      expect(entry.info).toMatch(/^run-[0-9a-f]{12}\.json$/);
      expect(entry.votes.file).toMatch(/^votes-[0-9a-f]{12}\.json\.gz$/);
      expect(files).toEqual([info.responses.chunks[0].file, entry.info, entry.votes.file].sort());
    }
    expect(all.summary).toMatchObject({runs: 2, chunks: 2, responses: {truncated: 0}});
  });

  it("names each run's files by what they are written from: same logs, code and setting, same names", async () => {
    const index = json<RunIndex>(all.dir, commonFiles.runIndex.name);
    expect(Object.keys(index).sort()).toEqual(["m1.bool", "m1.mcq"]);
    expect(index["m1.bool"].votes.file).not.toBe(index["m1.mcq"].votes.file);
    expect(index["m1.bool"].info).not.toBe(index["m1.mcq"].info);
    // Written again from the same logs: the same names (a browser's cached copy stays valid).
    const again = await written("all");
    expect(json<RunIndex>(again.dir, commonFiles.runIndex.name)).toEqual(index);
    // Another response setting writes other run.json files: they get other names.
    const none = json<RunIndex>((await written("none")).dir, commonFiles.runIndex.name);
    for (const runId of ["m1.bool", "m1.mcq"]) {
      expect(none[runId].info).not.toBe(index[runId].info);
      expect(none[runId].votes.file).not.toBe(index[runId].votes.file);
    }
  });

  it("with defer, names the files in run-index.json first, and writePendingRunFiles writes the same files", async () => {
    const database = join(work, "db.duckdb");
    const dir = join(work, "deferred");
    const {extra} = await analyzeRoot(ROOT, {database}, (connection, analysis) =>
      writeRunFiles(connection, analysis.ingest.rootId, analysis.runs, dir, {
        responses: "all",
        defer: {database}
      })
    );
    expect(extra).toMatchObject({runs: 0, reused: 0});
    expect(json(dir, commonFiles.runIndex.name)).toEqual(json(all.dir, commonFiles.runIndex.name));
    expect(readdirSync(dir).sort()).toEqual(
      [commonFiles.runIndex.name, "run-files.pending.json", "run-files.stamps.json"].sort()
    );
    const logged: string[] = [];
    const summary = await writePendingRunFiles(dir, (m) => logged.push(m));
    expect(summary).toEqual(all.summary);
    expect(logged).toHaveLength(1);
    expect(readdirSync(dir)).not.toContain("run-files.pending.json");
    for (const runId of ["m1.bool", "m1.mcq"])
      for (const name of readdirSync(join(all.dir, "runs", runId)))
        expect(readFileSync(join(dir, "runs", runId, name))).toEqual(
          readFileSync(join(all.dir, "runs", runId, name))
        );
    // Nothing is left to write, and a prepare from the same logs keeps every run's files.
    expect(await writePendingRunFiles(dir)).toBeUndefined();
    const {extra: kept} = await analyzeRoot(ROOT, {database}, (connection, analysis) =>
      writeRunFiles(connection, analysis.ingest.rootId, analysis.runs, join(work, "deferred-again"), {
        responses: "all",
        reuse: dir,
        defer: {database}
      })
    );
    expect(kept).toMatchObject({runs: 2, reused: 2});
  });

  it("writes the votes of the run, each naming the chunk that holds its question's responses", () => {
    const votes = votesOf(all.dir, "m1.mcq");
    expect(votes.map((v) => [v.question_id, v.prediction, v.correct, v.tie, v.answers])).toEqual([
      ["q1", "B", true, false, ["B", "B", "C"]],
      ["q2", "A", false, true, ["A", "D", null]],
      ["q3", "C", true, false, ["C", "C"]]
    ]);
    const info = infoOf(all.dir, "m1.mcq");
    const chunk = gzipJson<ResponseRow[]>(
      all.dir,
      runFiles.responses("m1.mcq", info.responses.chunks[0].file).name
    );
    for (const vote of votes) {
      expect(vote.chunk).toBe(0);
      expect(chunk.some((r) => r[0] === vote.question_id)).toBe(true);
    }
    expect(chunk[0]).toEqual(["q1", 0, null, "B", "The answer is (B)."]);
    expect(info.responses).toMatchObject({setting: "all", total: chunk.length, stored: chunk.length});
  });

  it("cuts each response to MEDSCALE_RESPONSES characters and marks the rows it cut", async () => {
    const cut = await written({max_chars: 9});
    const info = infoOf(cut.dir, "m1.mcq");
    const chunk = gzipJson<ResponseRow[]>(
      cut.dir,
      runFiles.responses("m1.mcq", info.responses.chunks[0].file).name
    );
    expect(chunk[0]).toEqual(["q1", 0, null, "B", "The answe", true]);
    expect(chunk[1]).toEqual(["q1", 1, null, "B", "Answer: B"]);
    expect(info.responses.truncated).toBe(chunk.filter((r) => r[5] === true).length);
    expect(info.responses.truncated).toBeGreaterThan(0);
    expect(info.responses.setting).toEqual({max_chars: 9});
  });

  it("leaves the responses out with MEDSCALE_RESPONSES=none, and says how many there were", async () => {
    const none = await written("none");
    const info = infoOf(none.dir, "m1.mcq");
    expect(info.responses).toMatchObject({setting: "none", stored: 0, truncated: 0, chunks: []});
    expect(info.responses.total).toBeGreaterThan(0);
    const votes = votesOf(none.dir, "m1.mcq");
    expect(votes).toHaveLength(3);
    expect(votes.every((v) => v.chunk === null)).toBe(true);
    const entry = entryOf(none.dir, "m1.mcq");
    expect(readdirSync(join(none.dir, "runs/m1.mcq")).sort()).toEqual([entry.info, entry.votes.file].sort());
    expect(none.summary.responses.stored).toBe(0);
  });

  it("keeps an unchanged run's files from the previous prepare and writes a changed run's again", async () => {
    const root = join(work, "reuse-root");
    cpSync(ROOT, root, {recursive: true});
    const database = join(work, "reuse.duckdb");
    const write = (dir: string, reuse: string | undefined, setting: ResponsesSetting = "all") =>
      analyzeRoot(root, {database}, (connection, analysis) =>
        writeRunFiles(connection, analysis.ingest.rootId, analysis.runs, dir, {responses: setting, reuse})
      ).then((r) => r.extra as RunFilesSummary);
    const first = join(work, "reuse-1");
    expect((await write(first, undefined)).reused).toBe(0);
    // Same logs: both runs' files are kept, with the same names and bytes.
    const second = join(work, "reuse-2");
    const kept = await write(second, first);
    expect(kept.reused).toBe(2);
    expect(json<RunIndex>(second, commonFiles.runIndex.name)).toEqual(json(first, commonFiles.runIndex.name));
    for (const runId of ["m1.bool", "m1.mcq"])
      for (const name of readdirSync(join(first, "runs", runId)))
        expect(readFileSync(join(second, "runs", runId, name))).toEqual(
          readFileSync(join(first, "runs", runId, name))
        );
    expect({...kept, reused: 0}).toEqual({...(await write(join(work, "reuse-fresh"), undefined)), reused: 0});
    // m1.bool's s2 answers "True." instead of "False.": its files are written again, m1.mcq's kept.
    const samples = join(root, "runs/m1.bool/samples.jsonl");
    writeFileSync(
      samples,
      readFileSync(samples, "utf8").replace('"response": "False."', '"response": "True."')
    );
    const third = join(work, "reuse-3");
    expect((await write(third, second)).reused).toBe(1);
    expect(infoOf(third, "m1.bool").run.accuracy).toBe(0.75);
    expect(entryOf(third, "m1.mcq")).toEqual(entryOf(second, "m1.mcq"));
    expect(entryOf(third, "m1.bool").votes.file).not.toBe(entryOf(second, "m1.bool").votes.file);
    // Another response setting is another set of files: nothing is kept.
    expect((await write(join(work, "reuse-4"), third, "none")).reused).toBe(0);
    // A previous folder whose files went missing is not trusted: the run is written again.
    rmSync(join(third, runFiles.votes("m1.mcq", entryOf(third, "m1.mcq").votes.file).name));
    expect((await write(join(work, "reuse-5"), third)).reused).toBe(1);
  });
});
