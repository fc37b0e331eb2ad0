import {defineConfig} from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 600_000,
    // Two cores: the browser and build tests are heavy; keep files from fighting over them.
    fileParallelism: true,
    maxWorkers: 2
  }
});
