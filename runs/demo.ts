import {DEFAULT_SEED as M1_SEED, generateM1} from "./demo-m1.js";
import {DEFAULT_SEED as MEDRESEVAL_SEED, generateMedResEval} from "./demo-medreseval.js";
import {DEFAULT_SEED as O1JOURNEY_SEED, generateO1Journey} from "./demo-o1journey.js";

/** The synthetic demo roots, by study id: their generator and default seed (docs/demo-generator.md). */
export const DEMO_GENERATORS = {
  medreseval: {generate: generateMedResEval, seed: MEDRESEVAL_SEED},
  o1journey: {generate: generateO1Journey, seed: O1JOURNEY_SEED},
  m1: {generate: generateM1, seed: M1_SEED}
} as const;

export type DemoStudy = keyof typeof DEMO_GENERATORS;

/** Writes the demo root of `studyId` into `dir` with the default seed and full scale. */
export async function makeDemoRoot(studyId: string, dir: string): Promise<void> {
  if (!(studyId in DEMO_GENERATORS)) throw new Error(`no demo root for study "${studyId}"`);
  await DEMO_GENERATORS[studyId as DemoStudy].generate(dir);
}
