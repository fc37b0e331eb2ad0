import {jsonFile} from "./site-file.js";

/** The file of each real-log study (data/real-<set>/real-study.json), written by data-loaders/studies/real-logs/. */
export const realLogsFiles = {
  study: jsonFile<unknown>("real-study.json")
} as const;
