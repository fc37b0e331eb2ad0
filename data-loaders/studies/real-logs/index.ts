import {
  realLogsFiles,
  type RealLogsProvenance,
  type RealLogsStudy
} from "../../../src/contracts/real-logs.js";
import {readLmEvalReported} from "../../adapters/lm-eval/index.js";
import {openRoot, type RunsRoot} from "../../source/index.js";
import type {StudyContext, StudyEntry} from "../types.js";
import {inspectStudy} from "./inspect.js";
import {lmEvalStudy} from "./lm-eval.js";
import {medAgentsBenchStudy} from "./medagentsbench.js";
import {REAL_LOG_SETS, resolveRealLogs, type RealLogSet} from "./sets.js";
import {shownLocation} from "../../source/shown-location.js";

/**
 * The real-log studies: the three third-party sets of ./sets.ts as datasets of the report, each writing
 * `real-study.json` (src/contracts/real-logs.ts) for its page under src/real/. See docs/real-data.md.
 */

/** A dataset of the report, plus the index file for an HTTP root without index.json (see docs/real-data.md). */
export type RealLogsDataset = StudyEntry;

/** The dataset of one real set, whose `analyze` writes `real-study.json`. */
export function realLogsDataset(
  set: RealLogSet,
  env: Record<string, string | undefined> = process.env
): RealLogsDataset {
  const source = resolveRealLogs(set, env);
  const provenance = (context: StudyContext): RealLogsProvenance => ({
    set: set.dir,
    repo: set.repo,
    commit: set.commit,
    license: set.license,
    url: `https://github.com/${set.repo}/tree/${set.commit}`,
    location: shownLocation(context.analysis.input.location),
    mode: source.mode ?? "local",
    files: context.analysis.input.files.length
  });
  // The study reads a few files again (question texts, results files); a second open is a hash check locally
  // and served from the verified download cache over HTTP.
  const reopen = (): Promise<RunsRoot> => openRoot(source.spec as string, {index: source.index});
  const analyze = async (context: StudyContext): Promise<void> => {
    const {connection, analysis} = context;
    let study: RealLogsStudy;
    if (set.format === "medagentsbench")
      study = await medAgentsBenchStudy(connection, analysis, provenance(context), await reopen());
    else if (set.format === "lm-eval")
      study = await lmEvalStudy(
        connection,
        analysis,
        provenance(context),
        await readLmEvalReported(await reopen())
      );
    else study = await inspectStudy(connection, analysis, provenance(context));
    context.write(realLogsFiles.study, study);
    context.log(`site: ${set.id}: ${realLogsFiles.study.name} written`);
  };
  return {
    id: set.id,
    title: set.title,
    spec: source.spec,
    format: set.format,
    analyze,
    ...(source.index ? {index: source.index} : {}),
    ...(source.reason ? {absentReason: source.reason} : {})
  };
}

/** MedAgentsBench outputs (MedQA, Medbullets): dataset `real-medagentsbench`. */
export function realMedAgentsBenchDataset(env = process.env): RealLogsDataset {
  return realLogsDataset(REAL_LOG_SETS.medagentsbench, env);
}

/** lm-evaluation-harness output folders: dataset `real-lm-eval`. */
export function realLmEvalDataset(env = process.env): RealLogsDataset {
  return realLogsDataset(REAL_LOG_SETS["lm-eval"], env);
}

/** Inspect `.eval` logs: dataset `real-inspect`. */
export function realInspectDataset(env = process.env): RealLogsDataset {
  return realLogsDataset(REAL_LOG_SETS.inspect, env);
}

/** All three real-log datasets. */
export function realLogsDatasets(env = process.env): RealLogsDataset[] {
  return [realMedAgentsBenchDataset(env), realLmEvalDataset(env), realInspectDataset(env)];
}
