import {jsonFile} from "./site-file.js";

/** Files of the O1 Journey study (data/o1journey/<name>), written by data-loaders/studies/o1journey/. */
export const o1journeyFiles = {
  majAtK: jsonFile<unknown>("maj_at_k.json"),
  runInfo: jsonFile<unknown>("run_info.json"),
  table1: jsonFile<unknown>("table1.json"),
  figures: jsonFile<unknown>("figures.json")
} as const;
