import type {RunsRoot} from "../source/index.js";
import {readCanonical} from "./canonical.js";
import {detectFormat} from "./detect.js";
import {readInspect} from "./inspect.js";
import {readLmEval} from "./lm-eval/index.js";
import {readMedAgentsBench} from "./medagentsbench/index.js";
import type {RootInput} from "./types.js";

export const FORMATS = ["canonical", "lm-eval", "inspect", "medagentsbench"] as const;
export type Format = (typeof FORMATS)[number];

const readers: Record<Format, (root: RunsRoot) => Promise<RootInput>> = {
  canonical: readCanonical,
  "lm-eval": readLmEval,
  inspect: readInspect,
  medagentsbench: readMedAgentsBench
};

/** Reads a root through the adapter for `format`, or the one its layout calls for. */
export async function readRoot(root: RunsRoot, format?: Format): Promise<RootInput> {
  return readers[format ?? (await detectFormat(root))](root);
}
