import type {RunInfo, TaskInfo} from "../../../src/lib/types.js";
import type {RunsRoot} from "../../source/index.js";
import type {RunInput} from "../types.js";
import {type AdapterRootInput, contentKey, deriveModels, slug, uniqueIds} from "../util/common.js";
import {taskName} from "./file-name.js";
import {fileLines} from "./records.js";
import {type FileScan, scanOutputFiles} from "./scan.js";

/**
 * MedAgentsBench outputs → the canonical model (docs/importers.md, "MedAgentsBench").
 *
 * One JSON array per (model, benchmark, split, method): `output/<benchmark>/<model>-<benchmark>-<split>-<method>.json`,
 * one record per question. The logged `predicted_answer` is the canonical `answer`, `answer_idx` the
 * gold, the raw text (when kept) the `response`, `token_usage.completion_tokens` the output tokens.
 * Files whose records carry per-sample answers (`solutions`) or per-sample texts (a flat
 * `raw_responses` list) become a samples run plus a `.logged` run holding the logged final answer.
 *
 * file-name.ts reads the file names, data-file.ts the questions' data files, scan.ts scans the output
 * files, records.ts maps one record to samples; this file assembles tasks and runs.
 */

export {KNOWN_SPLITS, type MedAgentsBenchName, parseMedAgentsBenchName} from "./file-name.js";
export {RESPONSE_FIELDS, completionTokens} from "./records.js";

/** Bumped when the mapping changes, so ingest re-reads every run. */
export const MEDAGENTSBENCH_ADAPTER_VERSION = "medagentsbench/1";

/** Tasks: one per benchmark × split; chance 1/k when every record has k options. */
function deriveTasks(scans: FileScan[]): TaskInfo[] {
  const taskOptions = new Map<string, {benchmark: string; split: string; counts: Set<number>}>();
  for (const scan of scans) {
    const name = taskName(scan.name);
    const entry = taskOptions.get(name) ?? {
      benchmark: scan.name.benchmark,
      split: scan.name.split,
      counts: new Set()
    };
    for (const k of scan.optionCounts) entry.counts.add(k);
    taskOptions.set(name, entry);
  }
  return [...taskOptions].map(([name, {benchmark, split, counts}]) => {
    const task: TaskInfo = {name, benchmark, group: split, answer_type: "mcq"};
    if (counts.size === 1) {
      const k = [...counts][0];
      task.chance = 1 / k;
      task.note = `chance 1/${k}: every question has ${k} options`;
    }
    return task;
  });
}

/**
 * Reads a MedAgentsBench checkout (or its `output/` and `data/` folders) as a runs root. Registries
 * are derived: one model per name, one task per benchmark × split (answer_type `mcq`, chance 1/k
 * when every question of the task has k options).
 */
export async function readMedAgentsBench(root: RunsRoot): Promise<AdapterRootInput> {
  const {scans, rejects, notes, used} = await scanOutputFiles(root);
  const tasks = deriveTasks(scans);

  const pending: {id: string; source: string; make: (id: string) => RunInput}[] = [];
  for (const scan of scans) {
    const {model, benchmark, split, method} = scan.name;
    const keyFiles = scan.data ? [scan.file, scan.data.file] : [scan.file];
    const common = {
      model,
      task: taskName(scan.name),
      strategy: method,
      benchmark,
      split,
      method,
      records: scan.records,
      question_ids: scan.questionIds === "realidx" ? "realidx" : `position in ${scan.data!.file.path}`,
      reported_metric: "predicted_answer == answer_idx",
      reported_accuracy: scan.records === 0 ? null : scan.correct / scan.records,
      reported_correct: scan.correct,
      reported_mean_completion_tokens: scan.tokenCount === 0 ? null : scan.tokenSum / scan.tokenCount
    };
    const baseId = [model, benchmark, split, method].map(slug).join(".");
    const views: ("samples" | "logged")[] = scan.expansion ? ["samples", "logged"] : ["logged"];
    for (const view of views) {
      const id = view === "logged" && scan.expansion ? `${baseId}.logged` : baseId;
      const samples = view === "samples" ? scan.maxSamples : 1;
      pending.push({
        id,
        source: scan.file.path + (view === "logged" && scan.expansion ? "#logged" : ""),
        make: (runId) => ({
          run: {
            ...common,
            run_id: runId,
            samples,
            view,
            ...(view === "samples" ? {samples_from: scan.expansion!.field} : {}),
            ...(scan.expansion && view === "logged" ? {strategy: `${method} (logged answer)`} : {})
          } satisfies RunInfo,
          source: scan.file.path,
          key: contentKey(`${MEDAGENTSBENCH_ADAPTER_VERSION}:${view}`, keyFiles),
          lines: () => fileLines(root, scan.file.path, scan, view)
        })
      });
    }
  }
  const runs = uniqueIds(pending).map((p) => p.make(p.id));
  return {
    format: "medagentsbench",
    location: root.location,
    models: deriveModels(runs.map((r) => r.run.model)),
    tasks,
    runs,
    rejects,
    files: used.map(({path, bytes, sha256}) => ({path, bytes, sha256})),
    notes
  };
}
