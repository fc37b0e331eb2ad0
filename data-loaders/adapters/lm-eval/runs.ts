import type {RejectedLine, RunInfo, TaskInfo} from "../../../src/lib/types.js";
import type {RunsRoot} from "../../source/index.js";
import type {RawLine, RunInput} from "../types.js";
import {
  type AdapterRootInput,
  contentKey,
  deriveModels,
  nonEmptyString as str,
  slug,
  uniqueIds
} from "../util/common.js";
import {type TaskShape, mapRecord} from "./records.js";
import {decodingSettings, lmEvalModelName, reportedValue} from "./results-file.js";
import {type RunScan, type SamplesScan, parseSamples} from "./samples-file.js";
import {type LmEvalScan, scanRoot} from "./scan.js";
import {taskShapes, withChance} from "./tasks.js";

/** Bumped when the mapping changes, so ingest re-reads every run. */
export const LM_EVAL_ADAPTER_VERSION = "lm-eval/1";

function runIdOf(model: string, scan: SamplesScan, filter: string): string {
  return [model, scan.task, scan.time, filter].map(slug).join(".");
}

/**
 * A root's runs (one per samples file and filter, settings and reported accuracy from the results
 * file) and derived registries, with the scan they come from.
 */
export async function buildLmEval(root: RunsRoot): Promise<{input: AdapterRootInput; scan: LmEvalScan}> {
  const scan = await scanRoot(root);
  const shapes = taskShapes(scan.samples);
  const taskInfo = new Map<string, TaskInfo & {counts: Set<number | "none">}>();
  const pending: {id: string; source: string; make: (id: string) => RunInput}[] = [];

  for (const s of scan.samples) {
    const model = s.results?.model ?? lmEvalModelName(undefined, s.dir);
    const taskConfig = s.results?.configs[s.task];
    const keyFiles = s.results ? [s.file, s.results.file] : [s.file];
    const runs = [...s.runs.values()];
    for (const [index, run] of runs.entries()) {
      const shape = shapes.get(`${s.task}\n${run.outputKind}`)!;
      const info = taskInfo.get(shape.name) ?? {
        name: shape.name,
        benchmark: s.task,
        answer_type: shape.cls,
        counts: new Set()
      };
      for (const c of run.choiceCounts) info.counts.add(c);
      taskInfo.set(shape.name, info);
      const nShot = s.results?.nShot[s.task] ?? taskConfig?.num_fewshot;
      const reported = reportedValue(s.results, s.task, run.metric, run.filter);
      const info_: RunInfo = {
        run_id: "",
        model,
        task: shape.name,
        ...(typeof nShot === "number" ? {strategy: `${nShot}-shot`} : {}),
        samples: run.reduced ? 1 : run.samples,
        ...decodingSettings(taskConfig, s.results?.config ?? {}),
        lm_eval_task: s.task,
        output_type: str(taskConfig?.output_type) ?? run.outputKind,
        filter: run.filter,
        filter_inferred: run.filterInferred,
        metric: run.metric ?? null,
        repeats: typeof taskConfig?.repeats === "number" ? taskConfig.repeats : null,
        ...(run.reduced ? {repeats_reduced_by_filter: true} : {}),
        docs: run.docs,
        limit: typeof s.results?.config.limit === "number" ? s.results.config.limit : null,
        results_file: s.results?.file.path ?? null,
        reported_metric: run.metric ? `${run.metric},${run.filter}` : null,
        reported_accuracy: reported,
        ...(s.results?.gitHash ? {harness_git_hash: s.results.gitHash} : {})
      };
      const badLines = index === 0 ? s.badLines : [];
      pending.push({
        id: runIdOf(model, s, run.filter),
        source: `${s.file.path}#${run.filter}`,
        make: (runId) => ({
          run: {...info_, run_id: runId},
          source: s.file.path,
          key: contentKey(`${LM_EVAL_ADAPTER_VERSION}:${run.filter}`, keyFiles),
          lines: () => runLines(root, s, run, shape, badLines)
        })
      });
    }
  }
  const runs = uniqueIds(pending).map((p) => p.make(p.id));
  const tasks: TaskInfo[] = [...taskInfo.values()].map(({counts, ...task}) => withChance(task, counts));
  const input: AdapterRootInput = {
    format: "lm-eval",
    location: root.location,
    models: deriveModels(runs.map((r) => r.run.model)),
    tasks,
    runs,
    rejects: scan.rejects,
    files: scan.used.map(({path, bytes, sha256}) => ({path, bytes, sha256})),
    notes: scan.notes
  };
  return {input, scan};
}

/**
 * A run's records: the file's lines of this filter, mapped. Lines that could not be parsed (their
 * filter is unknown) are reported by the file's first run.
 */
async function* runLines(
  root: RunsRoot,
  s: SamplesScan,
  run: RunScan,
  shape: TaskShape,
  badLines: RejectedLine[]
): AsyncIterable<RawLine> {
  const bad = new Set(badLines.map((b) => b.line));
  for await (const parsed of parseSamples(root, s.file.path, s.filters)) {
    if (!parsed.record) {
      if (bad.has(parsed.line)) yield {line: parsed.line, error: parsed.error};
      continue;
    }
    if (parsed.filter !== run.filter) continue;
    yield* mapRecord(parsed.line, parsed.record, run.metric, shape);
  }
}
