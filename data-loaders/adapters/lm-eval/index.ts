import type {ReportedAccuracy} from "../../../src/contracts/real-logs.js";
import type {RunsRoot} from "../../source/index.js";
import type {AdapterRootInput} from "../util/common.js";
import {buildLmEval} from "./runs.js";

/**
 * lm-evaluation-harness `--log_samples` output → the canonical model (docs/importers.md, "lm-evaluation-harness").
 *
 * A folder per model holds `results_<time>.json` and `samples_<task>_<time>.jsonl` (same `<time>`).
 * One run per samples file and filter; questions by `doc_id`; samples from `resps` (repeats);
 * answers from `filtered_resps`; the harness's per-sample metric (`exact_match`, `acc`) kept as
 * `upstream_correct`; model and decoding settings from the results file.
 *
 * results-file.ts reads the results files, samples-file.ts parses and scans the samples files,
 * scan.ts pairs them, records.ts maps one record to samples, tasks.ts derives the tasks and runs.ts
 * assembles the runs.
 */

/** What a results file reports for one task, metric and filter: declared in src/contracts/real-logs.ts (the lm-eval page lists the values no run matches). */
export type {ReportedAccuracy};
export {INVALID_ANSWER} from "./records.js";
export {lmEvalModelName} from "./results-file.js";
export {LM_EVAL_ADAPTER_VERSION} from "./runs.js";

/**
 * Reads an lm-evaluation-harness output folder (or a folder of them) as a runs root.
 * Registries are derived: models from the results files, one task per lm-eval task name (answer type
 * from its records: `index` for loglikelihood tasks, `mcq`/`index`/`yesno`/`boolean` for
 * generation tasks with such targets, else `judged`).
 */
export async function readLmEval(root: RunsRoot): Promise<AdapterRootInput> {
  return (await buildLmEval(root)).input;
}

/**
 * Per results file, task, metric and filter: the accuracy the harness reports (`results[task]["metric,filter"]`),
 * with the run imported for it — for the "accuracy beside its results file" comparison, including
 * results files that have no samples file. Group entries without a metric are skipped.
 */
export async function readLmEvalReported(root: RunsRoot): Promise<ReportedAccuracy[]> {
  const {input, scan} = await buildLmEval(root);
  const runByKey = new Map<string, string>();
  for (const r of input.runs)
    runByKey.set(`${r.run.results_file}\n${r.run.lm_eval_task}\n${r.run.reported_metric}`, r.run.run_id);
  const samplesFor = new Map(scan.samples.map((s) => [`${s.dir}\n${s.time}\n${s.task}`, s.file.path]));
  const out: ReportedAccuracy[] = [];
  for (const res of scan.results)
    for (const [task, metrics] of Object.entries(res.results))
      for (const [key, value] of Object.entries(metrics)) {
        const comma = key.indexOf(",");
        if (comma < 0 || key.slice(0, comma).endsWith("_stderr")) continue;
        out.push({
          results_file: res.file.path,
          model: res.model,
          task,
          metric: key.slice(0, comma),
          filter: key.slice(comma + 1),
          value: typeof value === "number" ? value : null,
          samples_file: samplesFor.get(`${res.dir}\n${res.time}\n${task}`) ?? null,
          run_id: runByKey.get(`${res.file.path}\n${task}\n${key}`) ?? null
        });
      }
  return out;
}
