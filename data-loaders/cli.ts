import {parseArgs} from "node:util";
import {makeDemoRoot} from "../runs/demo.js";
import {FORMATS, type Format} from "./adapters/index.js";
import {analyzeRoot, writeAnalysis} from "./pipeline/analyze.js";
import {diffOutputs} from "./pipeline/diff.js";
import {exportParquet} from "./pipeline/export-parquet.js";
import {OutputFolderError, readOutputSet} from "./pipeline/diff-files.js";
import {formatDiff} from "./pipeline/diff-table.js";
import {majAtKRows} from "./pipeline/maj-at-k.js";
import {reproduce} from "./pipeline/reproduce.js";
import {resolveRunsSpec, writeIndex} from "./source/index.js";
import {paperStudies} from "./studies/index.js";
import {medresevalOutputs} from "./studies/medreseval/study.js";

const HELP = `medscale — raw LLM evaluation logs → per-run metrics, fits and a paper-like report

Usage:
  npm run medscale -- analyze --runs <dir|url|s3://…> --out <dir> [--format <f>] [--database <file>]
  npm run medscale -- reproduce --out <dir>
  npm run medscale -- export --parquet <dir> --runs <root> [--format <f>] [--database <file>]
  npm run medscale -- index <dir>
  npm run medscale -- diff <old-out> <new-out> [--json]
  npm run medscale -- --help

analyze   Reads a runs root (a directory, or an HTTP(S) base URL serving index.json), ingests it
          incrementally into DuckDB (unchanged files are not re-read), scores every run and writes:
            runs.json       one object per run: run_id, model, task, source, questions, samples,
                            accuracy, chance, normalized, unparsed (samples), ties (questions),
                            mean_output_tokens (null when the logs carry no counts), accuracy_ci
                            (95 % Wilson interval of accuracy), upstream_accuracy (the format's own
                            per-sample score averaged; null when it has none)
            comparisons.json  one object per pair of runs of a task with shared questions: accuracies
                            on the shared questions, delta with its paired 95 % interval, a_only,
                            b_only, exact McNemar p, Benjamini–Hochberg p_adjusted, mde
            pass_at_k.json  per run and k = 1…n: pass@k and G-Pass@k (tau 0.5, 0.75, 1), exact
            summary.json    lines_read, lines_accepted, lines_rejected, runs, and ignored (entries of
                            the root neither read nor rejected, each with path and reason; only when
                            there is one)
            rejected.jsonl  one object per rejected line: file, line, reason
            fits.json       one object per scaling-law fit (study.json of the root, else the default
                            study): id, group, size_class, n_points, models, excluded, alpha, intercept,
                            coefficient, r2, intervals (question-level bootstrap, 95 %), alpha_se,
                            alpha_ci_t, alpha_ci_models, huber, forms, warnings, clustering (SE of
                            each point and of alpha with questions independent and clustered by the
                            samples' cluster, and the inflation between them; docs/statistics.md)
            extrapolations.json  tokens a size class needs to match another (group, from/to size class,
                            to_train_tokens_t, tokens_t, interval)
            maj_at_k.json   one object per run and k = 1…n: run_id, k, accuracy (exact expected maj@k),
                            mean_output_tokens (k × mean tokens per sample, per question)
          Rejected lines are reported, never fatal. A root of per-question summaries (models.json,
          tasks.json, runs/<run_id>/run.json and summaries/ files; docs/summaries.md) gives the same
          files from its summary rows (lines then count rows).
  --runs <dir|url>   the runs root: a directory, an http(s) URL or s3://bucket/prefix (AWS settings
                     from the environment and ~/.aws) (default: $MEDSCALE_RUNS, else runs/demo/medreseval)
  --out <dir>        output directory (required)
  --format <f>       canonical | lm-eval | inspect | medagentsbench | summaries (default: detected from
                     the layout)
  --database <file>  DuckDB file (default .medscale/cache/medscale.duckdb)
  --cache <dir>      download cache for HTTP and S3 roots (default .medscale/cache)
  --read-with <r>    typescript (default) | duckdb: who reads local samples.jsonl(.gz) files; the same
                     rows either way (docs/ingest.md)

reproduce Makes the demo roots when absent (runs/demo/{medreseval,o1journey,m1}, or $MEDSCALE_RUNS,
          $MEDSCALE_O1_RUNS, $MEDSCALE_M1_RUNS), analyzes every study into <out>/<dataset>/ and writes
          <out>/comparison.json: each published number that derives from logs (MedResEval Tables 1–4 and
          text claims, O1 Journey Table 1 and §3.3, m1's claims) beside the reproduced value, with
          tolerance, flagged and reason.

export    Ingests a root (as analyze does) and writes its accepted samples as Hive-partitioned Parquet,
          <dir>/model=…/task=…/*.parquet, the input of data-loaders/db/summaries.sql (docs/summaries.md).
  --parquet <dir>    output directory (must be empty or absent)

index     Writes <dir>/index.json (paths, bytes, sha256) so the directory can be served as an HTTP root.

diff      Lists every number that moved between two outputs of analyze --out or of reproduce --out
          (one sub-folder per study): run metrics (runs.json), fits (fits.json), extrapolations,
          paper-vs-reproduced verdicts (comparison.json: reproduced, flagged), maj@k, pass@k, and
          comparisons whose p_adjusted crossed 0.05. Verdict flips first, then significance crossings,
          rows added or removed, then the largest relative change |new − old| / max(|old|, |new|).
          Then the runs whose inputs changed (runs.json row; audit.json file hashes and content keys)
          and the fits that use them. Differences below 1e-9 relative are not moves.
  --json             the diff as JSON on stdout (changes, runs, notes) instead of a table
          Exit status: 0 when nothing moved, 1 when a number moved or a run's inputs changed,
          2 for unusable arguments or an unreadable output folder (see docs/diff.md).

Exit status: 0 on success (even with rejected lines); 2 for unusable arguments; 1 when the root is
unreachable or unusable (missing or invalid models.json/tasks.json, bad index.json). Progress goes to stderr.
See docs/ for the input format and the scoring rules.`;

class UsageError extends Error {}
/** A failure of `diff` other than its arguments: exits 2 too, since diff's 1 means "something moved". */
class DiffError extends Error {}

async function main(argv: string[]): Promise<void> {
  const {values, positionals} = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      runs: {type: "string"},
      out: {type: "string"},
      format: {type: "string"},
      database: {type: "string"},
      cache: {type: "string"},
      json: {type: "boolean"},
      parquet: {type: "string"},
      "read-with": {type: "string"},
      help: {type: "boolean", short: "h"}
    }
  });
  const [command] = positionals;
  if (values.help || command === undefined || command === "help") {
    process.stdout.write(HELP + "\n");
    return;
  }
  const progress = (message: string) => process.stderr.write(`${message}\n`);
  if (values.json && command !== "diff") throw new UsageError("--json is an option of diff only");
  switch (command) {
    case "analyze": {
      if (!values.out) throw new UsageError("analyze needs --out <dir>");
      if (values.format !== undefined && !FORMATS.includes(values.format as Format))
        throw new UsageError(`unknown --format ${values.format} (expected one of ${FORMATS.join(", ")})`);
      // An empty --runs (say, an unset shell variable) must not silently mean the current directory.
      if (values.runs !== undefined && values.runs.trim() === "")
        throw new UsageError("--runs is empty: give a directory, an http(s) URL or s3://bucket/prefix");
      const readWith = values["read-with"];
      if (readWith !== undefined && readWith !== "typescript" && readWith !== "duckdb")
        throw new UsageError(`unknown --read-with ${readWith} (expected typescript or duckdb)`);
      const spec = values.runs ?? resolveRunsSpec();
      const {analysis, extra} = await analyzeRoot(
        spec,
        {
          format: values.format as Format | undefined,
          database: values.database,
          cacheDir: values.cache,
          onProgress: progress,
          readWith
        },
        async (connection, a) => {
          const fits = await medresevalOutputs(connection, a, {log: progress});
          return {
            "fits.json": fits.fits,
            "extrapolations.json": fits.extrapolations,
            "maj_at_k.json": await majAtKRows(connection, a.ingest.rootId)
          };
        }
      );
      for (const note of analysis.input.notes ?? []) progress(`note: ${note}`);
      writeAnalysis(values.out, analysis, extra);
      const s = analysis.summary;
      progress(
        `analyze: ${s.runs} runs; ${s.lines_read} lines read = ${s.lines_accepted} accepted + ${s.lines_rejected} rejected → ${values.out}`
      );
      return;
    }
    case "export": {
      if (!values.parquet) throw new UsageError("export needs --parquet <dir>");
      if (values.format !== undefined && !FORMATS.includes(values.format as Format))
        throw new UsageError(`unknown --format ${values.format} (expected one of ${FORMATS.join(", ")})`);
      if (values.runs !== undefined && values.runs.trim() === "")
        throw new UsageError("--runs is empty: give a directory, an http(s) URL or s3://bucket/prefix");
      const out = values.parquet;
      const {extra} = await analyzeRoot(
        values.runs ?? resolveRunsSpec(),
        {
          format: values.format as Format | undefined,
          database: values.database,
          cacheDir: values.cache,
          onProgress: progress
        },
        (connection, a) => exportParquet(connection, a.ingest.rootId, out)
      );
      progress(`export: ${extra?.rows ?? 0} samples of ${extra?.runs ?? 0} runs → ${out}`);
      return;
    }
    case "reproduce": {
      if (!values.out) throw new UsageError("reproduce needs --out <dir>");
      const rows = await reproduce(values.out, paperStudies(), {log: progress, makeDemo: makeDemoRoot});
      progress(
        `reproduce: ${rows.length} published numbers compared, ${rows.filter((r) => r.flagged).length} flagged → ${values.out}/comparison.json`
      );
      return;
    }
    case "index": {
      const dir = positionals[1];
      if (!dir) throw new UsageError("index needs a directory");
      await writeIndex(dir);
      progress(`index: wrote ${dir}/index.json`);
      return;
    }
    case "diff": {
      const [, oldDir, newDir, ...rest] = positionals;
      if (!oldDir || !newDir || rest.length > 0) throw new UsageError("diff needs <old-out> <new-out>");
      let diff;
      try {
        diff = diffOutputs(readOutputSet(oldDir), readOutputSet(newDir));
      } catch (error) {
        if (error instanceof OutputFolderError) throw new UsageError(error.message);
        throw new DiffError((error as Error).message);
      }
      process.stdout.write(
        values.json
          ? JSON.stringify({old: oldDir, new: newDir, ...diff}, null, 2) + "\n"
          : formatDiff(diff, {old: oldDir, new: newDir})
      );
      // Like diff(1): 1 says "they differ", so errors of diff must not exit 1.
      if (diff.changes.length > 0 || diff.runs.length > 0) process.exitCode = 1;
      return;
    }
    default:
      throw new UsageError(`unknown command ${JSON.stringify(command)}`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const usage = error instanceof UsageError || (error as {code?: string}).code?.startsWith("ERR_PARSE_ARGS");
  process.stderr.write(
    `medscale: ${(error as Error).message}\n${usage ? "Try: npm run medscale -- --help\n" : ""}`
  );
  process.exit(usage || error instanceof DiffError ? 2 : 1);
});
