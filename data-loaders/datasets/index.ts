import {medresevalDataset} from "./medreseval.js";
import type {Dataset} from "./types.js";

export type {Dataset, DatasetContext} from "./types.js";

/** Datasets of the report, from the environment (MEDSCALE_RUNS etc.; see docs/sources.md). */
export async function siteDatasets(): Promise<Dataset[]> {
  return [medresevalDataset()];
}
