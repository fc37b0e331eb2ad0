import {describe, expect, it} from "vitest";
import {StudyError} from "../../../src/lib/scaling/study-types.js";

describe("StudyError", () => {
  it("names the file and lists every issue on its own indented line", () => {
    const e = new StudyError("root/study.json", [
      {path: "id", reason: "expected a non-empty string, got 42"},
      {path: "groups[0].tasks", reason: "expected at least one entry"}
    ]);
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe("StudyError");
    expect(e.message).toBe(
      "root/study.json: invalid study:\n" +
        "  id: expected a non-empty string, got 42\n" +
        "  groups[0].tasks: expected at least one entry"
    );
    expect(e.source).toBe("root/study.json");
    expect(e.issues).toHaveLength(2);
  });
});
