/**
 * The mutation score per folder, from Stryker's JSON reports (mutation-testing-report-schema), printed by
 * bench/mutation.ts. Score = detected / (detected + undetected), where detected = Killed + Timeout and
 * undetected = Survived + NoCoverage; mutants that do not compile, crash the runner or are disabled by a
 * comment do not count, as in Stryker's own score. No thresholds: a figure to read, not a test.
 */
import {readFileSync} from "node:fs";
import path from "node:path";

/** The part of a Stryker JSON report this script reads. */
export interface MutationReport {
  files: Record<
    string,
    {
      mutants: {
        mutatorName: string;
        replacement?: string;
        status: string;
        location: {start: {line: number; column: number}};
      }[];
    }
  >;
}

/** The folders the score is reported for, in print order; a file counts in every folder it falls under. */
export const FOLDERS: {name: string; prefixes: string[]}[] = [
  {name: "src/lib/scoring/validate-sample.ts", prefixes: ["src/lib/scoring/validate-sample.ts"]},
  {name: "src/lib/scoring", prefixes: ["src/lib/scoring/"]},
  {name: "src/lib/stats", prefixes: ["src/lib/stats/"]},
  {name: "src/lib/scaling", prefixes: ["src/lib/scaling/"]},
  {name: "src/lib/inference", prefixes: ["src/lib/inference/"]},
  {name: "src/lib (all)", prefixes: ["src/lib/"]},
  {
    name: "ingest path (pipeline, db, scan)",
    prefixes: ["data-loaders/pipeline/", "data-loaders/db/", "data-loaders/source/scan-lines.ts"]
  }
];

export interface FolderScore {
  folder: string;
  killed: number;
  timeout: number;
  survived: number;
  noCoverage: number;
  /** CompileError, RuntimeError and Ignored: not counted in the score. */
  excluded: number;
  /** Percent, or null when the folder has no counted mutant. */
  score: number | null;
}

const UNDETECTED = new Set(["Survived", "NoCoverage"]);

/** Path relative to the repository, with forward slashes, whatever form the report used. */
function relative(file: string, root: string): string {
  const rel = path.isAbsolute(file) ? path.relative(root, file) : file;
  return rel.split(path.sep).join("/");
}

/**
 * Counts and score per folder of `FOLDERS` (a folder's files: every file under one of its prefixes).
 * @example scoreByFolder({files: {"src/lib/stats/wilson.ts": {mutants: [{mutatorName: "x", status: "Killed",
 *   location: {start: {line: 1, column: 1}}}]}}}, "/repo")[1].score // 100
 */
export function scoreByFolder(report: MutationReport, root: string): FolderScore[] {
  return FOLDERS.map(({name, prefixes}) => {
    const row: FolderScore = {
      folder: name,
      killed: 0,
      timeout: 0,
      survived: 0,
      noCoverage: 0,
      excluded: 0,
      score: null
    };
    for (const [file, {mutants}] of Object.entries(report.files)) {
      const rel = relative(file, root);
      if (!prefixes.some((p) => rel.startsWith(p))) continue;
      for (const m of mutants) {
        if (m.status === "Killed") row.killed++;
        else if (m.status === "Timeout") row.timeout++;
        else if (m.status === "Survived") row.survived++;
        else if (m.status === "NoCoverage") row.noCoverage++;
        else row.excluded++;
      }
    }
    const detected = row.killed + row.timeout;
    const counted = detected + row.survived + row.noCoverage;
    row.score = counted === 0 ? null : (100 * detected) / counted;
    return row;
  });
}

/** Files with the most undetected mutants, most first (ties by path). */
export function survivorsByFile(report: MutationReport, root: string): {file: string; undetected: number}[] {
  return Object.entries(report.files)
    .map(([file, {mutants}]) => ({
      file: relative(file, root),
      undetected: mutants.filter((m) => UNDETECTED.has(m.status)).length
    }))
    .filter((r) => r.undetected > 0)
    .sort((a, b) => b.undetected - a.undetected || a.file.localeCompare(b.file));
}

/** Reads the reports (one per scope), merges their files and prints the table and the worst files. */
export function printScores(files: string[], root: string, survivors = 10): void {
  if (files.length === 0) {
    console.log("No mutation report yet: run `npm run mutation`.");
    return;
  }
  const report: MutationReport = {files: {}};
  for (const file of files)
    Object.assign(report.files, (JSON.parse(readFileSync(file, "utf8")) as MutationReport).files);
  const rows = scoreByFolder(report, root);
  const width = Math.max(...rows.map((r) => r.folder.length));
  console.log(`\nMutation score per folder (${files.map((f) => path.relative(root, f)).join(", ")})\n`);
  console.log(`${"folder".padEnd(width)}  score   killed timeout survived no-cov excluded`);
  for (const r of rows) {
    const score = r.score === null ? "     -" : `${r.score.toFixed(1).padStart(5)}%`;
    const counts = [r.killed, r.timeout, r.survived, r.noCoverage, r.excluded];
    const widths = [6, 7, 8, 6, 8];
    console.log(
      `${r.folder.padEnd(width)}  ${score}  ${counts.map((c, i) => String(c).padStart(widths[i])).join(" ")}`
    );
  }
  const worst = survivorsByFile(report, root).slice(0, survivors);
  if (worst.length > 0) {
    console.log(`\nMost undetected mutants (survived + no coverage), by file:`);
    for (const f of worst) console.log(`${String(f.undetected).padStart(5)}  ${f.file}`);
  }
}
