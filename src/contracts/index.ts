import {commonFiles} from "./common.js";
import {comparisonFile} from "./comparison.js";
import {m1Files} from "./m1.js";
import {medresevalFiles} from "./medreseval.js";
import {o1journeyFiles} from "./o1journey.js";
import {realLogsFiles} from "./real-logs.js";
import type {SiteFile} from "./site-file.js";
import {studyTables} from "./tables.js";

// Every study also publishes the Parquet tables of ./tables.ts for pages that query it with SQL.
const common = [...Object.values(commonFiles), ...Object.values(studyTables)];

/**
 * Every file each study hands to the pages, by study id: the files every study writes, then its own.
 * The study archive (`src/data/[dataset].zip.ts`) packs exactly these; a file a study did not write
 * (its logs are absent) is packed as `null`, which the pages show as "absent".
 */
export const STUDY_FILES: Readonly<Record<string, readonly SiteFile<unknown>[]>> = {
  medreseval: [...common, ...Object.values(medresevalFiles), comparisonFile],
  o1journey: [...common, ...Object.values(o1journeyFiles), comparisonFile],
  m1: [...common, ...Object.values(m1Files), comparisonFile],
  "real-medagentsbench": [...common, ...Object.values(realLogsFiles)],
  "real-lm-eval": [...common, ...Object.values(realLogsFiles)],
  "real-inspect": [...common, ...Object.values(realLogsFiles)]
};
