import {existsSync, readdirSync, readFileSync, statSync} from "node:fs";
import {join} from "node:path";
import {commonFiles} from "../../src/contracts/common.js";
import {comparisonFile} from "../../src/contracts/comparison.js";
import {medresevalFiles} from "../../src/contracts/medreseval.js";
import {o1journeyFiles} from "../../src/contracts/o1journey.js";
import type {SiteFile} from "../../src/contracts/site-file.js";
import type {OutputSet, StudyOutputs} from "./diff.js";

/** An output folder `diff` cannot read: not a folder, or neither an `analyze` nor a `reproduce` output. */
export class OutputFolderError extends Error {}

function readJson<T>(dir: string, file: SiteFile<T>): T | undefined {
  const path = join(dir, file.name);
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, "utf8")) as T;
  } catch (error) {
    throw new OutputFolderError(`${path}: ${(error as Error).message}`);
  }
}

/** The files `diff` compares of one study's folder (a file the folder lacks stays undefined). */
export function readStudyOutputs(dir: string): StudyOutputs {
  return {
    runs: readJson(dir, commonFiles.runs),
    fits: readJson(dir, medresevalFiles.fits),
    extrapolations: readJson(dir, medresevalFiles.extrapolations),
    comparison: readJson(dir, comparisonFile),
    majAtK: readJson(dir, o1journeyFiles.majAtK),
    passAtK: readJson(dir, commonFiles.passAtK),
    comparisons: readJson(dir, commonFiles.comparisons),
    audit: readJson(dir, medresevalFiles.audit)
  };
}

/**
 * Reads an output folder for `diff`: a `medscale analyze --out` folder (runs.json at the top: one study,
 * named "") or a `medscale reproduce --out` folder (one sub-folder per study holding runs.json, and the
 * top-level comparison.json).
 *
 * @throws {OutputFolderError} when `dir` is not a folder, holds neither layout, or a file is not JSON
 */
export function readOutputSet(dir: string): OutputSet {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new OutputFolderError(`${dir} is not a folder`);
  if (existsSync(join(dir, commonFiles.runs.name))) return {studies: {"": readStudyOutputs(dir)}};
  const studies: OutputSet["studies"] = {};
  for (const entry of readdirSync(dir, {withFileTypes: true}).sort((a, b) => (a.name < b.name ? -1 : 1)))
    if (entry.isDirectory() && existsSync(join(dir, entry.name, commonFiles.runs.name)))
      studies[entry.name] = readStudyOutputs(join(dir, entry.name));
  if (Object.keys(studies).length === 0)
    throw new OutputFolderError(
      `${dir} is not an output folder of medscale analyze (no runs.json) or reproduce (no <study>/runs.json)`
    );
  return {studies, comparison: readJson(dir, comparisonFile)};
}
