import {m1Dataset} from "./m1/index.js";
import {medresevalDataset} from "./medreseval/index.js";
import {o1journeyDataset} from "./o1journey/index.js";
import {realLogsDatasets} from "./real-logs/index.js";
import type {Dataset} from "./types.js";

export type {Dataset, DatasetContext} from "./types.js";

/**
 * Datasets of the report, from the environment: MEDSCALE_RUNS (MedResEval study), MEDSCALE_O1_RUNS,
 * MEDSCALE_M1_RUNS, MEDSCALE_REAL_LOGS (see docs/sources.md and docs/real-data.md).
 */
export async function siteDatasets(): Promise<Dataset[]> {
  return [medresevalDataset(), o1journeyDataset(), m1Dataset(), ...realLogsDatasets()];
}
