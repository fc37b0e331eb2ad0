import type {RejectedLine} from "../../../src/lib/types.js";
import type {RootFile, RunsRoot} from "../../source/index.js";
import {type ResultsFile, readResultsFiles} from "./results-file.js";
import {type SamplesScan, samplesFileName, scanSamplesFile} from "./samples-file.js";

/** Everything the adapter learns from a root before any run is read. */
export interface LmEvalScan {
  results: ResultsFile[];
  samples: SamplesScan[];
  rejects: RejectedLine[];
  notes: string[];
  used: RootFile[];
}

/**
 * Reads a root's results files, then scans each samples file beside the results file of the same
 * folder and time. A samples file with no readable record is rejected (no run); a samples file
 * without results, or results without samples, is noted.
 */
export async function scanRoot(root: RunsRoot): Promise<LmEvalScan> {
  const files = await root.list();
  const notes: string[] = [];
  const {results, rejects, used} = await readResultsFiles(root, files);
  const resultsAt = new Map(results.map((r) => [`${r.dir}\n${r.time}`, r]));

  const samples: SamplesScan[] = [];
  for (const file of files) {
    const name = samplesFileName(file.path);
    if (!name) continue;
    used.push(file);
    const res = resultsAt.get(`${name.dir}\n${name.time}`);
    if (!res)
      notes.push(
        `${file.path}: no results_${name.time}.json beside it; model from the folder name, no reported accuracy`
      );
    const scan = await scanSamplesFile(root, file, name, res);
    if (scan.runs.size === 0) {
      rejects.push(...scan.badLines);
      rejects.push({file: file.path, line: 0, reason: "no readable sample record: no run"});
      continue;
    }
    samples.push(scan);
  }

  const withSamples = new Set(samples.map((s) => `${s.dir}\n${s.time}`));
  for (const r of results)
    if (!withSamples.has(`${r.dir}\n${r.time}`))
      notes.push(
        `${r.file.path}: results without a samples file (${Object.keys(r.results).join(", ")}): no run`
      );
  return {results, samples, rejects, notes, used};
}
