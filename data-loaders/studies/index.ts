import {m1Study} from "./m1/index.js";
import {medresevalStudy} from "./medreseval/index.js";
import {o1journeyStudy} from "./o1journey/index.js";
import {realLogsDatasets} from "./real-logs/index.js";
import type {StudyEntry} from "./types.js";

export type {StudyContext, StudyEntry} from "./types.js";

/** The studies whose published numbers `reproduce` checks: the three papers. */
export function paperStudies(): StudyEntry[] {
  return [medresevalStudy(), o1journeyStudy(), m1Study()];
}

/**
 * Studies of the report, from the environment: MEDSCALE_RUNS (MedResEval), MEDSCALE_O1_RUNS,
 * MEDSCALE_M1_RUNS, MEDSCALE_REAL_LOGS (see docs/sources.md and docs/real-data.md).
 */
export function siteStudies(): StudyEntry[] {
  return [...paperStudies(), ...realLogsDatasets()];
}
