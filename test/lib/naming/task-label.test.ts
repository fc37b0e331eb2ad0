import {describe, expect, it} from "vitest";
import {taskLabel} from "../../../src/lib/naming/task-label.js";

describe("taskLabel", () => {
  it("names MedResEval's tasks as the paper's prose does", () => {
    expect(taskLabel("redu_ava_clu")).toBe("Reducing available clues");
    expect(taskLabel("exp_deci_spac")).toBe("Expanding decision space");
    expect(taskLabel("inc_reas_step")).toBe("Increasing reasoning steps");
    expect(taskLabel("diagnosis")).toBe("Diagnosis simulation");
  });
  it("shows an unknown code as it is, and never an inherited property", () => {
    expect(taskLabel("my_task")).toBe("my_task");
    expect(taskLabel("constructor")).toBe("constructor");
    expect(taskLabel("toString")).toBe("toString");
  });
});
