import {afterAll, describe, expect, it} from "vitest";
import {readPassAtKCounts} from "../../../data-loaders/db/queries.js";
import {closeDatabase, openDatabase} from "../../../data-loaders/db/schema.js";
import {ingestRoot} from "../../../data-loaders/pipeline/ingest.js";
import {join} from "node:path";
import {makeTinyRoot} from "../pipeline/tiny-root.js";

/*
 * readPassAtKCounts on the tiny root (test/data-loaders/pipeline/tiny-root.ts), by hand from its comment:
 * - run a: q1 answers [B, C], gold B → n 2, c 1; q2 answers [A, unparsed], gold D → n 2, c 0.
 * - run b: one sample per question; s1, s3, s4, s6 parse to gold (s3 and s4 by their `answer` field),
 *   s2 does not → n 1: four with c 1, one with c 0.
 * - run orphan is invalid and left out.
 */
const tiny = makeTinyRoot();
afterAll(() => tiny.cleanup());

describe("readPassAtKCounts", () => {
  it("counts each valid run's questions by (n, c), unparsed drawn and never correct", async () => {
    const db = await openDatabase(join(tiny.work, "counts.duckdb"));
    try {
      const {input} = await tiny.read();
      const {rootId} = await ingestRoot(db.connection, input);
      expect(await readPassAtKCounts(db.connection, rootId)).toEqual([
        {run_id: "a", n: 2, c: 0, questions: 1},
        {run_id: "a", n: 2, c: 1, questions: 1},
        {run_id: "b", n: 1, c: 0, questions: 1},
        {run_id: "b", n: 1, c: 1, questions: 4}
      ]);
    } finally {
      closeDatabase(db);
    }
  });
});
