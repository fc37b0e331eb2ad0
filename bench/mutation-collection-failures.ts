import type {Reporter, Vitest} from "vitest/node";

/**
 * A vitest reporter for mutation runs only (vitest.mutation.config.ts): a test file that fails before
 * any test is registered — a fixture computed in a `describe` body throws under a mutant — gets one
 * failed test carrying the file's error. Stryker's vitest runner (9.6.1) builds a mutant's result
 * from the file's tests alone, so without this such a file reports no failure and the mutant it
 * caught counts as Survived (stryker-js issue #6150). Files that collected their tests are left as
 * they are.
 */
export class CollectionFailuresAsTests implements Reporter {
  private vitest: Vitest | undefined;

  onInit(vitest: Vitest): void {
    this.vitest = vitest;
  }

  // The files Stryker reads (vitest's state), not the reporter's read-only view of them.
  onTestRunEnd(): void {
    for (const file of this.vitest?.state.getFiles() ?? []) {
      if (file.result?.state !== "fail" || file.tasks.length > 0) continue;
      file.tasks.push({
        type: "test",
        id: `${file.id}_collection`,
        name: "(file failed to collect its tests)",
        fullName: `${file.name} (file failed to collect its tests)`,
        mode: "run",
        meta: {},
        file,
        suite: undefined,
        context: undefined as never,
        annotations: [],
        artifacts: [],
        timeout: 0,
        result: {state: "fail", errors: file.result.errors ?? [{message: "file failed to collect"}]}
      } as unknown as (typeof file.tasks)[number]);
    }
  }
}
