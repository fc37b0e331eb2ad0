import type {RejectedLine} from "../../../src/lib/types.js";
import type {RootFile, RunsRoot} from "../../source/index.js";
import {fileReject, isObject} from "../util/common.js";
import {parseJsonLenient} from "../util/lenient-json.js";
import {type DataFile, chooseQuestionIds, readDataFile} from "./data-file.js";
import {type MedAgentsBenchName, outputFilePath, parseMedAgentsBenchName} from "./file-name.js";
import {type RecordReading, completionTokens, isStringArray, loggedAnswer, recordChoices} from "./records.js";

/**
 * Scans every MedAgentsBench output file once, before any run is read: its name, how its records are
 * read (question numbering checked against the split's data file, per-sample expansion) and the
 * totals the runs report (logged accuracy, mean completion tokens, option counts).
 */

/** One output file, scanned. */
export interface FileScan extends RecordReading {
  file: RootFile;
  name: MedAgentsBenchName;
  records: number;
  correct: number;
  tokenSum: number;
  tokenCount: number;
  optionCounts: Set<number>;
  maxSamples: number;
}

/** Everything the adapter learns from a root before any run is read. */
export interface MedAgentsBenchScan {
  scans: FileScan[];
  rejects: RejectedLine[];
  notes: string[];
  used: RootFile[];
}

export async function scanOutputFiles(root: RunsRoot): Promise<MedAgentsBenchScan> {
  const files = await root.list();
  const byPath = new Map(files.map((f) => [f.path, f]));
  const rejects: RejectedLine[] = [];
  const notes: string[] = [];
  const dataFiles = new Map<string, DataFile | null>();
  const used: RootFile[] = [];

  async function dataFor(prefix: string, benchmark: string, split: string): Promise<DataFile | undefined> {
    const path = `${prefix ? `${prefix}/` : ""}data/${benchmark}/${split}.jsonl`;
    if (!dataFiles.has(path)) {
      const file = byPath.get(path) ?? byPath.get(`${path}.gz`);
      if (!file) dataFiles.set(path, null);
      else {
        const data = await readDataFile(root, file);
        if (typeof data === "string") {
          notes.push(`${data}: question ids taken from realidx without checking`);
          dataFiles.set(path, null);
        } else {
          dataFiles.set(path, data);
          used.push(file);
        }
      }
    }
    return dataFiles.get(path) ?? undefined;
  }

  const scans: FileScan[] = [];
  for (const file of files) {
    const output = outputFilePath(file.path);
    if (!output) continue;
    const {prefix, benchmark, stem} = output;
    const name = parseMedAgentsBenchName(benchmark, stem);
    if (!name) {
      rejects.push(
        fileReject(file.path, `file name does not read as <model>-${benchmark}-<split>-<method>.json`)
      );
      continue;
    }
    used.push(file);
    let parsed;
    try {
      parsed = parseJsonLenient(await root.readText(file.path));
    } catch (error) {
      rejects.push(fileReject(file.path, `not valid JSON (${(error as Error).message})`));
      continue;
    }
    if (!Array.isArray(parsed.value)) {
      rejects.push(fileReject(file.path, "not a JSON array of records"));
      continue;
    }
    const records = parsed.value;
    const scan: FileScan = {
      file,
      name,
      records: records.length,
      correct: 0,
      tokenSum: 0,
      tokenCount: 0,
      optionCounts: new Set(),
      maxSamples: 1,
      questionIds: "realidx"
    };
    if (parsed.nonFinite > 0)
      notes.push(`${file.path}: ${parsed.nonFinite} bare NaN/Infinity value(s) (Python json) read as null`);
    const data = await dataFor(prefix, benchmark, name.split);
    if (data) {
      scan.data = data;
      const {mode, mismatched} = chooseQuestionIds(records, data);
      scan.questionIds = mode;
      if (mode === "position")
        notes.push(
          `${file.path}: realidx is the position in ${data.file.path}; question ids mapped to that file's realidx`
        );
      if (mismatched > 0)
        notes.push(
          `${file.path}: ${mismatched} record(s) whose question text does not match ${data.file.path}`
        );
    }
    const solutions = records.some((r) => isObject(r) && isStringArray(r.solutions));
    const rawResponses = records.some(
      (r) => isObject(r) && isStringArray(r.raw_responses) && r.raw_responses.length > 0
    );
    if (solutions) scan.expansion = {field: "solutions", kind: "answers"};
    else if (rawResponses) scan.expansion = {field: "raw_responses", kind: "responses"};
    for (const [i, r] of records.entries()) {
      if (!isObject(r)) continue;
      if (loggedAnswer(r.predicted_answer) === r.answer_idx && typeof r.answer_idx === "string")
        scan.correct++;
      const choices = recordChoices(r.options);
      if (choices) scan.optionCounts.add(choices.length);
      const {tokens, problem} = completionTokens(r.token_usage);
      if (problem) notes.push(`${file.path} record ${i + 1}: ${problem}; output_tokens left empty`);
      if (tokens !== undefined) {
        scan.tokenSum += tokens;
        scan.tokenCount++;
      }
      if (scan.expansion) {
        const items = r[scan.expansion.field];
        if (Array.isArray(items)) scan.maxSamples = Math.max(scan.maxSamples, items.length);
      }
    }
    scans.push(scan);
  }
  return {scans, rejects, notes, used};
}
