import {jsonFile} from "./site-file.js";

/** Files of the m1 study (data/m1/<name>), written by data-loaders/studies/m1/. */
export const m1Files = {
  budget: jsonFile<unknown>("budget.json"),
  forcing: jsonFile<unknown>("forcing.json"),
  runInfo: jsonFile<unknown>("run_info.json")
} as const;
