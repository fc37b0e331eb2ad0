import type {IgnoredEntry} from "../../src/lib/types.js";
import type {RunsRoot} from "../source/index.js";
import {readCanonical} from "./canonical.js";
import {detectFormat} from "./detect.js";
import {readInspect} from "./inspect.js";
import {readLmEval} from "./lm-eval/index.js";
import {readMedAgentsBench} from "./medagentsbench/index.js";
import {readSummariesRoot} from "./summaries.js";
import type {RootInput} from "./types.js";

export const FORMATS = ["canonical", "lm-eval", "inspect", "medagentsbench", "summaries"] as const;
export type Format = (typeof FORMATS)[number];

const readers: Record<Format, (root: RunsRoot) => Promise<RootInput>> = {
  canonical: readCanonical,
  "lm-eval": readLmEval,
  inspect: readInspect,
  medagentsbench: readMedAgentsBench,
  summaries: readSummariesRoot
};

/**
 * Reads a root through the adapter for `format`, or the one its layout calls for. `ignored` then lists
 * every entry of the root that is neither read nor rejected (spec: run-logs.md, "No entry of a root is
 * skipped silently"): what the source left out, what the adapter says it left out, and every listed
 * file that no run, reject or registry of the adapter used.
 */
export async function readRoot(root: RunsRoot, format?: Format): Promise<RootInput> {
  const input = await readers[format ?? (await detectFormat(root))](root);
  input.ignored = await ignoredEntries(root, input);
  return input;
}

async function ignoredEntries(root: RunsRoot, input: RootInput): Promise<IgnoredEntry[]> {
  const out = [...(await root.ignored()), ...(input.ignored ?? [])];
  const accounted = new Set([
    ...input.files.map((f) => f.path),
    ...input.rejects.map((r) => r.file),
    ...input.runs.map((r) => r.source),
    ...out.map((e) => e.path)
  ]);
  for (const file of await root.list())
    if (!accounted.has(file.path))
      out.push({path: file.path, reason: `not read by the ${input.format} adapter`});
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
