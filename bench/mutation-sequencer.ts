import {statSync} from "node:fs";
import {relative} from "node:path";
import {BaseSequencer, type TestSpecification} from "vitest/node";

/**
 * The order of a mutant's test files under Stryker (vitest.mutation.config.ts): quickest first. Stryker's
 * vitest runner stops a mutant's run at its first failing test, so a mutant that a quick unit test kills
 * should not first wait for a slow integration file to pass; vitest's own order runs the longest file first.
 * By the durations in vitest's results cache when it has every file's (it has them after Stryker's dry
 * run), by file size otherwise.
 */
export class QuickestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const root = this.ctx.config.root;
    const duration = (spec: TestSpecification) =>
      this.ctx.cache.getFileTestResults(`${spec.project.name}:${relative(root, spec.moduleId)}`)?.duration;
    const known = files.every((spec) => duration(spec) !== undefined);
    const cost = new Map(files.map((spec) => [spec, known ? duration(spec)! : statSync(spec.moduleId).size]));
    return [...files].sort((a, b) => cost.get(a)! - cost.get(b)!);
  }
}
