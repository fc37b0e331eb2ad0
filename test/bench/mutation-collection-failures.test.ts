import {describe, expect, it} from "vitest";
import type {Vitest} from "vitest/node";
import {CollectionFailuresAsTests} from "../../bench/mutation-collection-failures.js";

type FakeFile = {
  id: string;
  name: string;
  tasks: {type: string; result?: {state: string}}[];
  result?: unknown;
};

function run(files: FakeFile[]): FakeFile[] {
  const reporter = new CollectionFailuresAsTests();
  reporter.onInit({state: {getFiles: () => files}} as unknown as Vitest);
  reporter.onTestRunEnd();
  return files;
}

describe("CollectionFailuresAsTests", () => {
  it("gives a file that failed before registering any test one failed test with the file's error", () => {
    const [file] = run([
      {id: "f1", name: "a.test.ts", tasks: [], result: {state: "fail", errors: [{message: "boom"}]}}
    ]);
    expect(file.tasks).toHaveLength(1);
    expect(file.tasks[0]).toMatchObject({
      type: "test",
      mode: "run",
      result: {state: "fail", errors: [{message: "boom"}]}
    });
  });

  it("leaves files that collected their tests, or passed, as they are", () => {
    const collected = {type: "test", result: {state: "fail"}};
    const files = run([
      {id: "f1", name: "a.test.ts", tasks: [collected], result: {state: "fail"}},
      {id: "f2", name: "b.test.ts", tasks: [], result: {state: "pass"}},
      {id: "f3", name: "c.test.ts", tasks: []}
    ]);
    expect(files.map((f) => f.tasks.length)).toEqual([1, 0, 0]);
    expect(files[0].tasks[0]).toBe(collected);
  });
});
