/**
 * `npm run mutation [-- scope… ] [-- --force]`: Stryker (stryker.config.mjs) once per scope, under `nice`,
 * then the mutation score per folder over every scope's report (bench/mutation-score.ts). A scope mutates
 * one folder and runs only the tests that mirror it, so each run's first pass (all its tests, with
 * per-test coverage) stays small and a folder's score says how well its own tests pin it down.
 * Incremental by default; `--force` retests every mutant; `--concurrency N` overrides the config's 3;
 * `--with-static` also tests static mutants (module-level code, each run against every test of its
 * scope; left out by default for time, see stryker.config.mjs). Each scope's TypeScript check covers
 * only its mutated files and their imports (tsconfig.mutation-<scope>.json, written here). Prints each
 * scope's wall time.
 */
import {spawnSync} from "node:child_process";
import {existsSync, writeFileSync} from "node:fs";
import path from "node:path";
import {fileURLToPath} from "node:url";
import {parseArgs} from "node:util";
import {printScores} from "./mutation-score.js";

/** What a scope mutates and the tests run against it. */
interface MutationScope {
  name: string;
  mutate: string[];
  tests: string[];
  /** The scope's code calls Node's APIs, so its TypeScript check needs Node's types. */
  node?: boolean;
}

export const MUTATION_SCOPES: MutationScope[] = [
  {name: "scoring", mutate: ["src/lib/scoring/**/*.ts"], tests: ["test/lib/scoring/**/*.test.ts"]},
  {name: "stats", mutate: ["src/lib/stats/**/*.ts"], tests: ["test/lib/stats/**/*.test.ts"]},
  {name: "inference", mutate: ["src/lib/inference/**/*.ts"], tests: ["test/lib/inference/**/*.test.ts"]},
  {name: "scaling", mutate: ["src/lib/scaling/**/*.ts"], tests: ["test/lib/scaling/**/*.test.ts"]},
  {
    name: "ingest",
    node: true,
    // The path from a root's files to the DuckDB tables and the outputs: staging (line by line, or a
    // file by DuckDB's reader after its scan), scoring, the runs row, the summaries ingest, the queries
    // analyze reads back.
    mutate: [
      "data-loaders/pipeline/ingest.ts",
      "data-loaders/pipeline/ingest-stage.ts",
      "data-loaders/pipeline/stage-line.ts",
      "data-loaders/pipeline/ingest-summaries.ts",
      "data-loaders/pipeline/analyze.ts",
      "data-loaders/db/*.ts",
      "data-loaders/source/scan-lines.ts"
    ],
    tests: [
      "test/data-loaders/pipeline/ingest*.test.ts",
      "test/data-loaders/pipeline/stage-line*.test.ts",
      "test/data-loaders/pipeline/analyze*.test.ts",
      "test/data-loaders/db/*.test.ts",
      "test/data-loaders/source/scan-lines*.test.ts"
    ]
  }
];

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const {values, positionals} = parseArgs({
  allowPositionals: true,
  options: {
    force: {type: "boolean", default: false},
    "no-run": {type: "boolean", default: false},
    "with-static": {type: "boolean", default: false},
    concurrency: {type: "string"}
  }
});
const unknown = positionals.filter((name) => !MUTATION_SCOPES.some((s) => s.name === name));
if (unknown.length > 0) {
  console.error(
    `unknown scope ${unknown.join(", ")}; scopes: ${MUTATION_SCOPES.map((s) => s.name).join(", ")}`
  );
  process.exit(2);
}
const chosen =
  positionals.length > 0 ? MUTATION_SCOPES.filter((s) => positionals.includes(s.name)) : MUTATION_SCOPES;
const reportOf = (scope: MutationScope) => `reports/mutation/${scope.name}`;

/**
 * The TypeScript checker's project for a scope: its mutated files and what they import, against ES2022
 * alone, with Node's types only where the code calls Node. Stryker's checker builds a new type checker for
 * every mutant, which merges every global declaration again: with the project's DOM library and Node's
 * types that was most of a mutant's cost (on src/lib/stats/wilson.ts, 42 of 55 CPU s for 58 mutants; 8 s
 * without them, the same mutants rejected; docs/mutation-testing.md). src/lib's two web globals are
 * declared in bench/mutation-globals.d.ts.
 */
function checkerConfig(scope: MutationScope) {
  return {
    extends: "./tsconfig.json",
    compilerOptions: {lib: ["ES2022"], types: scope.node ? ["node"] : []},
    include: scope.node ? scope.mutate : [...scope.mutate, "bench/mutation-globals.d.ts"]
  };
}

let failed = false;
if (!values["no-run"])
  for (const scope of chosen) {
    const started = performance.now();
    const tsconfig = `tsconfig.mutation-${scope.name}.json`;
    writeFileSync(path.join(root, tsconfig), JSON.stringify(checkerConfig(scope), null, 2) + "\n");
    const stryker = path.join(root, "node_modules/.bin/stryker");
    const result = spawnSync(
      "nice",
      [
        "-n",
        "19",
        stryker,
        "run",
        ...(values.force ? ["--force"] : []),
        ...(values.concurrency ? ["--concurrency", values.concurrency] : [])
      ],
      {
        cwd: root,
        stdio: "inherit",
        env: {
          ...process.env,
          MUTATION_MUTATE: scope.mutate.join(","),
          MUTATION_TESTS: scope.tests.join(","),
          MUTATION_REPORT: reportOf(scope),
          MUTATION_TSCONFIG: tsconfig,
          MUTATION_IGNORE_STATIC: values["with-static"] ? "0" : "1"
        }
      }
    );
    const minutes = (performance.now() - started) / 60_000;
    console.log(`\n${scope.name}: Stryker exited ${result.status} after ${minutes.toFixed(1)} min (wall)\n`);
    if (result.status !== 0) failed = true;
  }

const reports = MUTATION_SCOPES.map((s) => path.join(root, reportOf(s), "mutation.json")).filter((f) =>
  existsSync(f)
);
printScores(reports, root);
process.exit(failed ? 1 : 0);
