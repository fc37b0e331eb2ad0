import {defineConfig} from "vitest/config";
import {CollectionFailuresAsTests} from "./bench/mutation-collection-failures.js";
import {QuickestFirst} from "./bench/mutation-sequencer.js";
import {reuseWorkerThread} from "./bench/mutation-worker-reuse.js";

/**
 * The tests Stryker runs against each mutant (stryker.config.mjs): by default the unit tests of src/lib
 * and the integration tests of the ingest path (ingest, staging, analyze, db, the line scan); bench/mutation.ts narrows them to
 * the tests that mirror the scope it mutates through MUTATION_TESTS (comma-separated globs). Not the
 * browser/site tests, component snapshots, demo-generator, adapter or study tests: a mistake in the
 * analysis core must be caught by a test of that core. The test that needs ../shared/real-logs is left
 * out (Stryker's sandbox has no ../shared, it would only skip), and so is the bootstrap at full MedResEval
 * size (144 million draws, seconds per run under Stryker's instrumentation, run by every mutant of
 * fit-bootstrap.ts; measured in docs/mutation-testing.md): it checks the size, fit-bootstrap.test.ts the
 * arithmetic; and the summaries root built through the CLI (below), which no mutant can reach. A file whose describe body throws under a mutant counts as a failed test
 * (bench/mutation-collection-failures.ts).
 */
export default defineConfig({
  // One worker thread per Stryker test runner, kept between mutant runs (bench/mutation-worker-reuse.ts);
  // MUTATION_REUSE_WORKER=0: a fresh thread per run, as vitest does.
  plugins: process.env.MUTATION_REUSE_WORKER === "0" ? [] : [reuseWorkerThread()],
  test: {
    include: process.env.MUTATION_TESTS?.split(",") ?? [
      "test/lib/**/*.test.ts",
      "test/data-loaders/pipeline/ingest*.test.ts",
      "test/data-loaders/pipeline/stage-line*.test.ts",
      "test/data-loaders/pipeline/analyze*.test.ts",
      "test/data-loaders/db/*.test.ts",
      "test/data-loaders/source/scan-lines*.test.ts"
    ],
    exclude: [
      "test/lib/scoring/extract/mcq-real-logs.test.ts",
      "test/lib/scaling/fit-bootstrap-full-size.test.ts",
      // Runs the CLI in child processes from beforeAll, so no mutant is ever active in what it checks: it
      // covered and killed none of the 708 ingest mutants of the run at 08c1200, yet took 30 of the 84 s of a
      // plain run of the scope's tests, and as long in each dry run (docs/mutation-testing.md).
      "test/data-loaders/pipeline/ingest-summaries.test.ts"
    ],
    reporters: ["default", new CollectionFailuresAsTests()],
    // MUTATION_ISOLATE=0: one module cache for every test file of a mutant run (measured in
    // docs/mutation-testing.md); the default keeps vitest's per-file isolation.
    isolate: process.env.MUTATION_ISOLATE !== "0",
    // Quickest test file first (bench/mutation-sequencer.ts); MUTATION_ORDER=vitest keeps vitest's order
    // (longest first), for measuring: on 102 ingest mutants 332 CPU s against 430 (docs/mutation-testing.md).
    ...(process.env.MUTATION_ORDER === "vitest" ? {} : {sequence: {sequencer: QuickestFirst}}),
    testTimeout: 120_000,
    hookTimeout: 600_000
  }
});
