// @ts-check
/**
 * `npm run mutation`: how many small deliberate mistakes (mutants) in the analysis core do the unit and
 * integration tests catch? A measurement like `npm run bench`, not part of `npm test` or CI.
 *
 * Run through bench/mutation.ts, which runs Stryker once per scope (src/lib/scoring — the validator
 * included —, stats, inference, scaling, and the ingest path) and narrows this file through the
 * environment: MUTATION_MUTATE and MUTATION_TESTS (comma-separated globs) and MUTATION_REPORT (the
 * scope's report folder). `npx stryker run` alone mutates everything against all the tests of
 * vitest.mutation.config.ts.
 *
 * Incremental: a second run retests only mutants whose code or covering tests changed (the incremental
 * file sits in the scope's gitignored report folder, beside the HTML and JSON reports).
 *
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
const report = process.env.MUTATION_REPORT ?? "reports/mutation/all";
const mutate = process.env.MUTATION_MUTATE?.split(",") ?? [
  "src/lib/**/*.ts",
  "data-loaders/pipeline/ingest.ts",
  "data-loaders/pipeline/ingest-stage.ts",
  "data-loaders/pipeline/stage-line.ts",
  "data-loaders/pipeline/ingest-summaries.ts",
  "data-loaders/pipeline/analyze.ts",
  "data-loaders/db/*.ts",
  "data-loaders/source/scan-lines.ts"
];

export default {
  testRunner: "vitest",
  // vitest.mutation.config.ts reads MUTATION_TESTS (inherited by the runner processes).
  vitest: {configFile: "vitest.mutation.config.ts", related: true},
  // Mutants that do not compile are marked CompileError (not counted in the score) instead of run: a
  // mistake TypeScript rejects cannot ship.
  checkers: ["typescript"],
  // bench/mutation.ts writes one per scope (tsconfig.mutation-<scope>.json, gitignored): the checker then
  // compiles only the mutated folder and what it imports, not every file that imports it.
  tsconfigFile: process.env.MUTATION_TSCONFIG ?? "tsconfig.mutation.json",
  // Groups mutants whose files do not depend on each other into one compilation (Stryker's default,
  // stated because the full run's time depends on it).
  typescriptChecker: {prioritizePerformanceOverAccuracy: true},
  mutate,
  coverageAnalysis: "perTest",
  // A static mutant (module-level code: a constant table, a regex built once) is active only when its module
  // is loaded, so Stryker must run every test of the scope against it: 11 % of the stats mutants took an
  // estimated 52 % of the run. They are left out (Stryker marks them Ignored, outside the score); the
  // tests still run those constants through every function that reads them. `--with-static` keeps them.
  ignoreStatic: process.env.MUTATION_IGNORE_STATIC !== "0",
  // On the 2-core machine: two checkers and a test runner, then three test runners once every mutant is
  // checked. A test runner waits on its vitest worker and on Stryker between mutants, so three keep two
  // cores busier than two do: a full run took 23.3 min at 3 and 35.7 min at 2 (docs/mutation-testing.md).
  // bench/mutation.ts runs Stryker under `nice`.
  concurrency: 3,
  timeoutMS: 10_000,
  // The scaling scope's first pass (every test, with per-test coverage) outlasted Stryker's default 5 minutes
  // on the shared machine and aborted the run.
  dryRunTimeoutMinutes: 30,
  incremental: true,
  incrementalFile: `${report}/stryker-incremental.json`,
  reporters: ["html", "json", "progress", "clear-text"],
  htmlReporter: {fileName: `${report}/index.html`},
  jsonReporter: {fileName: `${report}/mutation.json`},
  clearTextReporter: {allowColor: false, reportMutants: false, reportTests: false},
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
  ignorePatterns: ["dist", "runs/demo", ".medscale", "test/output", "src/.observablehq", "reports"]
};
