/**
 * The least work of a cold `analyze` that JavaScript must do, for `npm run bench`: read a canonical root's
 * samples files as the ingest does (gunzip, split lines: `readTextLineBatches`), `JSON.parse` each line and
 * run medscale's TypeScript extractor once per distinct (choices, response) of a run, as staging does
 * (pipeline/stage-line.ts), on one thread, with no validation and no DuckDB. Any design that runs that
 * extractor on every response on one JS thread takes at least this long, whatever it hands to DuckDB.
 * A figure to read, not a timed test.
 */
import {readdirSync, readFileSync} from "node:fs";
import {join} from "node:path";
import {readTextLineBatches} from "../data-loaders/source/text.js";
import {extractAnswer} from "../src/lib/scoring/extract/index.js";

export interface ReadFloor {
  /** Lines read (a line that is not valid JSON or not UTF-8 is counted, not parsed). */
  lines: number;
  /** Distinct (run, choices, response) extracted. */
  extracted: number;
  /** Of those, the ones the extractor found an answer in. */
  answered: number;
  /** Wall time spent in the extractor alone, in seconds. */
  extractSeconds: number;
}

interface FloorLine {
  response?: unknown;
  choices?: unknown;
}

/** Reads every run of the canonical root `root` (runs/<id>/run.json and samples.jsonl(.gz)). */
export async function readFloor(root: string): Promise<ReadFloor> {
  const tasks = JSON.parse(readFileSync(join(root, "tasks.json"), "utf8")) as {
    name: string;
    answer_type: string;
  }[];
  const answerTypes = new Map(tasks.map((t) => [t.name, t.answer_type]));
  const floor: ReadFloor = {lines: 0, extracted: 0, answered: 0, extractSeconds: 0};
  for (const runId of readdirSync(join(root, "runs")).sort()) {
    const dir = join(root, "runs", runId);
    const run = JSON.parse(readFileSync(join(dir, "run.json"), "utf8")) as {task: string};
    const answerType = answerTypes.get(run.task) ?? "mcq";
    const name = readdirSync(dir).find((f) => /^samples\.jsonl(\.gz)?$/.test(f));
    if (name === undefined) continue;
    // The ingest's cache: one extraction per distinct response under each set of choices of the run.
    const seen = new Map<string, Set<string>>();
    for await (const batch of readTextLineBatches(join(dir, name), name, `${runId}/${name}`)) {
      for (const line of batch) {
        floor.lines++;
        if (line.text === undefined) continue;
        let value: FloorLine;
        try {
          value = JSON.parse(line.text) as FloorLine;
        } catch {
          continue;
        }
        if (typeof value.response !== "string") continue;
        const choices = Array.isArray(value.choices) ? (value.choices as string[]) : null;
        const key = JSON.stringify(choices);
        let responses = seen.get(key);
        if (responses === undefined) seen.set(key, (responses = new Set()));
        if (responses.has(value.response)) continue;
        responses.add(value.response);
        floor.extracted++;
        const start = performance.now();
        if (extractAnswer(value.response, answerType, choices) !== null) floor.answered++;
        floor.extractSeconds += (performance.now() - start) / 1000;
      }
    }
  }
  return floor;
}
