/**
 * The multiple-choice extractor's speed for `npm run bench`: responses per second of extractMcq (best of three
 * passes) over the real MedAgentsBench responses when the shared real logs are present — found as
 * test/lib/scoring/extract/mcq-real-logs.test.ts finds them: $MEDSCALE_REAL_LOGS, else ../shared/real-logs
 * beside the repository — else over the multiple-choice responses of the generated demo root. A figure to
 * read, not a timed test.
 */
import {existsSync, readdirSync, readFileSync} from "node:fs";
import {join, relative} from "node:path";
import {fileURLToPath} from "node:url";
import {gunzipSync} from "node:zlib";
import {extractMcq} from "../src/lib/scoring/extract/mcq.js";

/** A response and the letters it may answer with. */
interface McqResponse {
  response: string;
  choices: string[];
}

/** Demo responses measured at most (the first of each run's multiple-choice lines, in run order). */
const DEMO_RESPONSES = 100_000;

/** Fields of a MedAgentsBench output record that hold a model's raw text (the test's pairs come from these). */
const TEXT_FIELDS = [
  "completion",
  "raw_response",
  "ensemble_response",
  "final_raw_response",
  "raw_responses"
];

function realResponses(outputDir: string): McqResponse[] {
  const out: McqResponse[] = [];
  const files = (readdirSync(outputDir, {recursive: true}) as string[])
    .filter((f) => f.endsWith(".json"))
    .sort();
  for (const file of files) {
    // Python's json.dump writes NaN for a missing prediction; JSON has no NaN.
    const text = readFileSync(join(outputDir, file), "utf8").replace(/(?<=": )NaN(?=,?\n)/g, "null");
    for (const record of JSON.parse(text) as Record<string, unknown>[]) {
      const choices = Object.keys((record.options as Record<string, string> | undefined) ?? {});
      for (const field of TEXT_FIELDS)
        for (const response of [record[field]].flat(2))
          if (typeof response === "string") out.push({response, choices});
    }
  }
  return out;
}

function demoResponses(root: string): McqResponse[] {
  const out: McqResponse[] = [];
  for (const run of readdirSync(join(root, "runs")).sort()) {
    const text = gunzipSync(readFileSync(join(root, "runs", run, "samples.jsonl.gz"))).toString("utf8");
    for (const line of text.split("\n")) {
      if (out.length === DEMO_RESPONSES) return out;
      if (line === "") continue;
      const {response, choices} = JSON.parse(line) as Partial<McqResponse>;
      if (typeof response === "string" && Array.isArray(choices)) out.push({response, choices});
    }
  }
  return out;
}

/** Measures extractMcq on the real responses if present, else on `demoRoot`'s; returns the line to print. */
export function extractorThroughput(demoRoot: string): string {
  const realLogs =
    process.env.MEDSCALE_REAL_LOGS?.trim() ||
    fileURLToPath(new URL("../../shared/real-logs/", import.meta.url));
  const outputDir = join(realLogs, "medagentsbench", "output");
  const real = existsSync(outputDir);
  const responses = real ? realResponses(outputDir) : demoResponses(demoRoot);
  let best = Infinity;
  for (let pass = 0; pass < 3; pass++) {
    const start = performance.now();
    for (const r of responses) extractMcq(r.response, r.choices);
    best = Math.min(best, (performance.now() - start) / 1000);
  }
  const chars = responses.reduce((a, r) => a + r.response.length, 0);
  // Named relative to the working directory: no path of this machine in what the bench prints.
  const source = real
    ? `real MedAgentsBench responses in ${relative(process.cwd(), outputDir)}`
    : "demo multiple-choice responses";
  return (
    `${"extractMcq throughput".padEnd(34)} ${Math.round(responses.length / best).toLocaleString("en-US")} responses/s, ` +
    `${(chars / best / 1e6).toFixed(1)} MB/s (${responses.length.toLocaleString("en-US")} ${source}, best of 3)`
  );
}
